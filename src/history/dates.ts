/**
 * Dates as notices write them (2024-10, or 2024-10-15) and whole days in UTC, for comparing
 * lastUpdated across versions and counting days to a review.
 */

export interface NoticeDate {
  year: number;
  month: number;
  day?: number;
  iso: string;
}

const PARTIAL_DATE = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;
const MS_PER_DAY = 86_400_000;

/** "2024-10" or "2024-10-15"; undefined for anything else, including days that do not exist. */
export function parseNoticeDate(value: unknown): NoticeDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PARTIAL_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (day !== undefined && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return { year, month, day, iso: value };
}

/** Negative, zero or positive as `a` is before, the same as, or after `b`; a month alone counts as its first day. */
export function compareNoticeDates(a: NoticeDate, b: NoticeDate): number {
  return a.year - b.year || a.month - b.month || (a.day ?? 0) - (b.day ?? 0);
}

/** The last day a date can mean: a review due "2025-10" is overdue only after October 2025. */
export function lastDayOf(date: NoticeDate): Date {
  return date.day === undefined ? new Date(Date.UTC(date.year, date.month, 0)) : new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** Midnight UTC of the day `moment` falls on. */
export function startOfDay(moment: Date): Date {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / MS_PER_DAY);
}

/** YYYY-MM-DD of a moment, in UTC. */
export function isoDay(moment: Date): string {
  return startOfDay(moment).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD argument (--today) as a Date, or undefined when it is not a real day. */
export function parseDayArgument(value: string): Date | undefined {
  const date = parseNoticeDate(value);
  return date?.day === undefined ? undefined : lastDayOf(date);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "15 October 2024", or "October 2024" for a month (GOV.UK style). */
export function formatNoticeDate(date: NoticeDate): string {
  const month = `${MONTHS[date.month - 1]} ${date.year}`;
  return date.day === undefined ? month : `${date.day} ${month}`;
}
