/**
 * How current a notice is, as the reader sees it (GOV.UK's pattern): "Last updated <date>" with a
 * link to all its updates, and the latest major change note. Minor change notes (wording,
 * spelling, layout) are kept on record in the YAML and the history but never listed publicly.
 */
import type { Notice } from '../model/notice.js';
import type { ChangeEntryData } from '../model/history.js';
import { comparePartialDates, formatDate, machineDate, parsePartialDate } from '../text/dates.js';
import type { PartialDate } from '../model/notice.js';

export interface ChangeView {
  /** "29 November 2026" */
  text: string;
  /** "2026-11-29" */
  datetime: string;
  /** The change note, as written. */
  note: string;
  /** An anchor on the history page, e.g. "change-2026-11-29" ("-2" for a second note that day). */
  anchor: string;
}

/** The notice's history page, e.g. /early-help/history/. */
export function historyUrl(notice: Pick<Notice, 'url'>): string {
  return `${notice.url}history/`;
}

/** The major change notes, newest first (the same day: the later in the file first), with stable anchors. */
export function majorChanges(notice: Pick<Notice, 'changes'>): ChangeView[] {
  const entries = (notice.changes ?? [])
    .map((entry, index) => ({ entry, index, date: parsePartialDate(entry.date) }))
    .filter((c): c is { entry: ChangeEntryData; index: number; date: PartialDate } => c.entry.kind === 'major' && c.date !== undefined);
  const seen = new Map<string, number>();
  const oldestFirst = [...entries].sort((a, b) => comparePartialDates(a.date, b.date) || a.index - b.index);
  const anchors = new Map<number, string>();
  for (const c of oldestFirst) {
    const n = (seen.get(c.entry.date) ?? 0) + 1;
    seen.set(c.entry.date, n);
    anchors.set(c.index, `change-${c.entry.date}${n > 1 ? `-${n}` : ''}`);
  }
  return oldestFirst.reverse().map((c) => ({ text: formatDate(c.date), datetime: machineDate(c.date), note: c.entry.note, anchor: anchors.get(c.index)! }));
}

/**
 * The date a reader is shown as "Last updated": lastUpdated, or the latest major change when that
 * is later (or when lastUpdated is unknown); undefined when neither gives a date.
 */
export function lastUpdatedDate(notice: Pick<Notice, 'lastUpdated' | 'changes'>): PartialDate | undefined {
  let latest = notice.lastUpdated;
  for (const entry of notice.changes ?? []) {
    const date = entry.kind === 'major' ? parsePartialDate(entry.date) : undefined;
    if (date && (!latest || comparePartialDates(date, latest) > 0)) latest = date;
  }
  return latest;
}
