/**
 * Review reminders: which published notices are past their nextReview date, or within some days of
 * it, and which team owns each (owner: in the notice, the team in data/owners.yaml). "Today" is
 * always passed in, so tests and scripts can fix the clock.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { daysBetween, formatDate, isoDay, latestDay } from '../text/dates.js';
import { readNotices, type NoticeRecord } from './notice-source.js';
import { ownerDiagnostic, readOwners } from '../load/owners.js';
import { ownerLabel, type OwnerTeamData } from '../model/history.js';

export interface DueOwner {
  id: string;
  name: string;
  email: string;
  /** The GitHub label that routes reminders to the team. */
  label: string;
}

export interface DueNotice {
  file: string;
  id: string;
  title: string;
  /** As written: 2025-10 or 2025-10-15. */
  nextReview: string;
  /** The last day of nextReview, YYYY-MM-DD: the review is overdue from the day after. */
  dueBy: string;
  /** Days since dueBy: positive when overdue, 0 on the day, negative while still to come. */
  daysOverdue: number;
  overdue: boolean;
  /** The owner id as written, when it names no team in data/owners.yaml. */
  unknownOwner?: string;
  owner?: DueOwner;
}

export interface DueOptions {
  today: Date;
  /** Also list notices due within this many days. */
  withinDays: number;
}

export function resolveOwner(id: string | undefined, owners: ReadonlyMap<string, OwnerTeamData>): DueOwner | undefined {
  const team = id ? owners.get(id) : undefined;
  return id && team ? { id, name: team.name, email: team.email, label: ownerLabel(id, team) } : undefined;
}

/** Published notices due for review by today + withinDays, most overdue first. */
export function findDue(notices: readonly NoticeRecord[], owners: ReadonlyMap<string, OwnerTeamData>, options: DueOptions): DueNotice[] {
  const due: DueNotice[] = [];
  for (const notice of notices) {
    if (notice.status !== 'published' || !notice.nextReview) continue;
    const dueBy = latestDay(notice.nextReview);
    const daysOverdue = daysBetween(dueBy, options.today);
    if (daysOverdue < -options.withinDays) continue;
    const owner = resolveOwner(notice.owner, owners);
    due.push({
      file: notice.file,
      id: notice.id ?? notice.file,
      title: notice.title ?? notice.id ?? notice.file,
      nextReview: notice.nextReview.iso,
      dueBy: isoDay(dueBy),
      daysOverdue,
      overdue: daysOverdue > 0,
      owner,
      unknownOwner: notice.owner && !owner ? notice.owner : undefined,
    });
  }
  return due.sort((a, b) => b.daysOverdue - a.daysOverdue || a.file.localeCompare(b.file));
}

/** Published notices with no owner, or an owner data/owners.yaml does not know (the loader's check). */
export function ownerDiagnostics(notices: readonly NoticeRecord[], owners: ReadonlyMap<string, OwnerTeamData>): Diagnostic[] {
  return notices.flatMap((notice) => ownerDiagnostic(notice, owners) ?? []);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** When, in words: "1,064 days overdue (due by 31 December 2023)", "due in 12 days (…)". */
export function dueInWords(notice: DueNotice): string {
  const by = `due by ${formatDate({ ...parseIso(notice.dueBy) })}`;
  if (notice.daysOverdue > 0) return `${plural(notice.daysOverdue, 'day')} overdue (${by})`;
  if (notice.daysOverdue === 0) return `due today`;
  return `due in ${plural(-notice.daysOverdue, 'day')} (${by})`;
}

function parseIso(day: string) {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year!, month: month!, day: date!, iso: day };
}

export function ownerInWords(notice: Pick<DueNotice, 'owner' | 'unknownOwner'>): string {
  if (notice.owner) return `${notice.owner.name} <${notice.owner.email}>`;
  if (notice.unknownOwner) return `'${notice.unknownOwner}' (not in data/owners.yaml)`;
  return 'no owner named';
}

/** The report npm run due prints. */
export function formatDueReport(due: readonly DueNotice[], options: DueOptions): string[] {
  const overdue = due.filter((d) => d.overdue);
  const soon = due.filter((d) => !d.overdue);
  const lines: string[] = [];
  const describe = (d: DueNotice) => [`  ${d.file}  (${d.id})`, `    ${d.title}`, `    ${dueInWords(d)}`, `    owner: ${ownerInWords(d)}`];
  lines.push(`Overdue for review, as of ${formatDate(parseIso(isoDay(options.today)))}: ${overdue.length === 0 ? 'none' : overdue.length}`);
  for (const d of overdue) lines.push(...describe(d));
  lines.push('', `Due within ${plural(options.withinDays, 'day')}: ${soon.length === 0 ? 'none' : soon.length}`);
  for (const d of soon) lines.push(...describe(d));
  return lines;
}

/** Reads content/ and data/owners.yaml and lists what is due. */
export async function dueReport(root: string, options: DueOptions & { contentDir?: string }): Promise<{ due: DueNotice[]; diagnostics: Diagnostic[] }> {
  const { notices, diagnostics } = await readNotices(root, options.contentDir);
  const owners = await readOwners(root);
  return {
    due: findDue(notices, owners.owners, options),
    diagnostics: [...diagnostics, ...owners.diagnostics, ...ownerDiagnostics(notices, owners.owners)],
  };
}
