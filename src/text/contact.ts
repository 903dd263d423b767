/**
 * How a contact point reads, in the order people expect from a letterhead: name and address,
 * then website, email and telephone. The HTML page, the PDF and the plain-text view all use this,
 * so the three never differ.
 */
import type { ContactPoint } from '../model/notice.js';

export interface ContactLine {
  /** "Email", "Telephone", "Website"; absent for address lines. */
  label?: 'Website' | 'Email' | 'Telephone';
  text: string;
  href?: string;
}

/** "http://www.education.gov.uk/" -> "www.education.gov.uk" */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

export function addressLines(contact: Pick<ContactPoint, 'lines'>): string[] {
  return contact.lines ?? [];
}

export function contactLines(contact: Pick<ContactPoint, 'lines' | 'website' | 'email' | 'phone'>): ContactLine[] {
  const lines: ContactLine[] = addressLines(contact).map((text) => ({ text }));
  if (contact.website) lines.push({ label: 'Website', text: displayUrl(contact.website), href: contact.website });
  if (contact.email) lines.push({ label: 'Email', text: contact.email, href: `mailto:${contact.email}` });
  if (contact.phone) lines.push({ label: 'Telephone', text: contact.phone, href: telHref(contact.phone) });
  return lines;
}

/** True when the contact point gives a reader some way to get in touch. */
export function isUsable(contact: Pick<ContactPoint, 'lines' | 'website' | 'email' | 'phone'>): boolean {
  return (contact.lines?.length ?? 0) > 1 || Boolean(contact.email || contact.phone || contact.website);
}
