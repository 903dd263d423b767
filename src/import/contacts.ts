/**
 * Contact details in an imported document, matched against the contact points in data/: a block
 * of address, email and phone lines that a contact point already holds becomes a contact block
 * (so the details live in data/ once); anything else stays in the text and is suggested for data/.
 */
import type { ContactPointData } from '../model/schema.js';

export interface KnownContact {
  /** organisation/contact-point, as a contact block names it. */
  ref: string;
  organisation: string;
  point: ContactPointData;
}

/** Every contact point in the organisations and bodies files, the notice's own organisation first. */
export function knownContacts(
  files: readonly Record<string, { contacts?: Record<string, ContactPointData>; dataProtectionOfficer?: ContactPointData } | undefined>[],
  organisation: string,
): KnownContact[] {
  const all: KnownContact[] = [];
  for (const file of files) {
    for (const [orgId, org] of Object.entries(file ?? {})) {
      for (const [pointId, point] of Object.entries(org?.contacts ?? {})) all.push({ ref: `${orgId}/${pointId}`, organisation: orgId, point });
      // A contact block names the data protection officer as <organisation>/dpo.
      if (org?.dataProtectionOfficer) all.push({ ref: `${orgId}/dpo`, organisation: orgId, point: org.dataProtectionOfficer });
    }
  }
  return [...all.filter((c) => c.organisation === organisation), ...all.filter((c) => c.organisation !== organisation)];
}

export interface ContactDetails {
  addressLines: string[];
  emails: string[];
  phones: string[];
  websites: string[];
}

const LABELLED = /^(e-?mail(?: address)?|tel(?:ephone)?|phone|mobile|web(?:site)?|online)\s*:\s*(.+)$/i;
export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const PHONE = /(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g;
export const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;

/** The words and the address of a Markdown link, or the text itself. */
function linkParts(text: string): { text: string; href?: string } {
  const link = /^\[([^\]]*)\]\(([^)\s]+)\)$|^<([^>\s]+)>$/.exec(text.trim());
  if (!link) return { text: text.trim().replace(/\\(.)/g, '$1') };
  return link[3] ? { text: link[3], href: link[3] } : { text: link[1]!.replace(/\\(.)/g, '$1'), href: link[2] };
}

/** Splits lines into address lines and labelled details ("Email: …", "Telephone: …"). */
export function contactDetails(lines: readonly string[]): ContactDetails {
  const details: ContactDetails = { addressLines: [], emails: [], phones: [], websites: [] };
  for (const line of lines) {
    const labelled = LABELLED.exec(line.trim());
    if (!labelled) {
      details.addressLines.push(line.trim().replace(/,$/, ''));
      continue;
    }
    const label = labelled[1]!.toLowerCase();
    const value = linkParts(labelled[2]!);
    if (label.startsWith('e')) details.emails.push(value.text.replace(/^mailto:/, ''));
    else if (label.startsWith('web') || label === 'online') details.websites.push(value.href ?? value.text);
    else details.phones.push(value.text);
  }
  return details;
}

/** True when the lines are only labelled details, e.g. "Email: …" and "Telephone: …". */
export function onlyLabelledLines(lines: readonly string[]): boolean {
  return lines.length > 0 && lines.every((line) => LABELLED.test(line.trim()));
}

const words = (text: string) => text.toLowerCase().replace(/\\(.)/g, '$1').replace(/[^a-z0-9]+/g, ' ').trim();
const digits = (text: string) => text.replace(/\D/g, '');
const site = (url: string) => url.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');

/**
 * The contact point that holds every detail of these lines, if any: each address line is one of
 * its lines, and each email, phone and website is its own. (It may hold more than the source shows.)
 */
export function matchContact(details: ContactDetails, known: readonly KnownContact[]): KnownContact | undefined {
  const count = details.addressLines.length + details.emails.length + details.phones.length + details.websites.length;
  if (count === 0) return undefined;
  return known.find(({ point }) => {
    const lines = new Set((point.lines ?? []).map(words));
    return (
      details.addressLines.every((line) => lines.has(words(line))) &&
      details.emails.every((email) => email.toLowerCase() === point.email?.toLowerCase()) &&
      details.phones.every((phone) => point.phone !== undefined && digits(phone) === digits(point.phone)) &&
      details.websites.every((url) => point.website !== undefined && site(url) === site(point.website))
    );
  });
}

/** Emails and phone numbers written in running text. */
export function inlineContacts(text: string): { emails: string[]; phones: string[] } {
  const plain = text.replace(/\\(.)/g, '$1');
  return { emails: [...new Set(plain.match(EMAIL) ?? [])], phones: [...new Set((plain.match(PHONE) ?? []).map((p) => p.trim()))] };
}

/** True when an email or phone number is held by some known contact point. */
export function isKnownDetail(value: string, known: readonly KnownContact[]): boolean {
  return known.some(({ point }) => (value.includes('@') ? point.email?.toLowerCase() === value.toLowerCase() : point.phone !== undefined && digits(point.phone) === digits(value)));
}

/** Lines that read as a postal address: a postcode, or three or more short lines without sentences. */
export function looksLikeAddress(lines: readonly string[]): boolean {
  const address = contactDetails(lines).addressLines;
  if (address.length === 0) return false;
  if (address.some((line) => POSTCODE.test(line))) return true;
  return address.length >= 3 && address.every((line) => line.length <= 60 && !/[.:;]$/.test(line));
}
