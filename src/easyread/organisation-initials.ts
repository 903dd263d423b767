/**
 * The initials a notice's organisation spells out. Apart from the checks (check.ts), so that the
 * build can make a check's cache key without loading them.
 */
import type { LoadedNotice } from '../load/load-site.js';

/** The initials a notice's organisation spells out (its `initials`, and its shortName for its name). */
export function organisationInitials(notice: Pick<LoadedNotice, 'organisation'>): Record<string, string> {
  const organisation = notice.organisation;
  const initials: Record<string, string> = { ...(organisation?.initials ?? {}) };
  if (organisation?.shortName) initials[organisation.shortName] = organisation.name;
  return initials;
}
