/**
 * Dates as notices write them (2024-10, or 2024-10-15): parsing, GOV.UK-style wording, and whole
 * days in UTC, for comparing lastUpdated across versions and counting days to a review.
 */
import type { PartialDate } from '../model/notice.js';
import { DATE_PATTERN } from '../model/schema.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Parses "2024-10" or "2024-10-15"; undefined when it is not a real date (e.g. 2025-02-30). */
export function parsePartialDate(iso: unknown): PartialDate | undefined {
  if (typeof iso !== 'string') return undefined;
  const match = DATE_PATTERN.exec(iso);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (day !== undefined && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return { year, month, day, iso };
}

/** "15 October 2024", or "October 2024" when only the month is known (GOV.UK date style). */
export function formatDate(date: PartialDate): string {
  const month = `${MONTHS[date.month - 1]} ${date.year}`;
  return date.day === undefined ? month : `${date.day} ${month}`;
}

/** The last day the date could mean: a review due "2025-10" is overdue only after October 2025. */
export function latestDay(date: PartialDate): Date {
  return date.day === undefined ? new Date(Date.UTC(date.year, date.month, 0)) : new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** The first day the date could mean, as an ISO timestamp (used for reproducible PDF dates). */
export function earliestDay(date: PartialDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day ?? 1));
}

/** Machine-readable value for <time datetime>: "2024-10" or "2024-10-15". */
export function machineDate(date: PartialDate): string {
  return date.iso;
}

const MS_PER_DAY = 86_400_000;

/** Negative, zero or positive as `a` is before, the same as, or after `b`; a month alone counts as its first day. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  return a.year - b.year || a.month - b.month || (a.day ?? 0) - (b.day ?? 0);
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
  const date = parsePartialDate(value);
  return date?.day === undefined ? undefined : latestDay(date);
}
