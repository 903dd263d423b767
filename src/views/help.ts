/** Which contact point a reader is sent to for help (the easy read's "Ask for help", and asking for an easy read). */
import type { ContactPointData } from '../model/schema.js';
import type { Organisation } from '../model/notice.js';

/** The organisation's first contact point, else its data protection officer. */
export function helpContact(organisation: Pick<Organisation, 'contacts' | 'dataProtectionOfficer'>): ContactPointData | undefined {
  return Object.values(organisation.contacts ?? {})[0] ?? organisation.dataProtectionOfficer;
}
