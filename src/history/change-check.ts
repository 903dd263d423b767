/**
 * The change check for pull requests (npm run changes -- --since <revision>): every published notice
 * in content/ is compared with its version at the revision, and
 *
 * - a notice whose text changed needs a later lastUpdated;
 * - a notice where a section covering purposes, lawful basis, recipients, retention, rights,
 *   transfers or sources changed also needs a new change note of kind major;
 * - lastUpdated and change notes may not be dated after today, and a change note needs its date,
 *   note and kind.
 *
 * A notice published for the first time (new, or a draft until now) needs no change note: its first
 * publication is its first version, and its lastUpdated is the date of its text (an imported notice
 * keeps its source's date). Notices are matched by id, so moving or renaming a file is not a change.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';
import { comparePartialDates, isoDay, latestDay, parsePartialDate, startOfDay } from '../text/dates.js';
import { changesInWords, describeChanges, type SectionChange } from './diff.js';
import { fileAt, filesAt, gitAvailability, isShallow, resolveRevision } from './git.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { listNoticeFiles, readNoticeText, type NoticeRecord } from './notice-source.js';
import { ChangeEntry } from '../model/history.js';

/**
 * covers tags whose sections tell people what happens to their information: a change to one is a
 * major change (ids from src/model/gdpr.ts; a test keeps them in step).
 */
export const MAJOR_COVERS = ['purposes', 'lawful-basis', 'recipients', 'retention', 'rights', 'transfers', 'source'] as const;

export interface CheckContext {
  /** The revision as the user wrote it, for messages. */
  since: string;
  today: Date;
}

function quoted(sections: SectionChange[]): string {
  const names = [...new Set(sections.map((s) => `“${s.heading}”`))];
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `the section${names.length === 1 ? '' : 's'} ${list}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Problems in one notice compared with its previous version (undefined: not there before). */
export function compareVersions(previous: NoticeRecord | undefined, current: NoticeRecord, context: CheckContext): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const { source } = current;
  const place = (at: (string | number)[], key = false) => ({ file: current.file, ...(key ? source.keyPositionOf(at) : source.positionOf(at)), path: formatPath(at) });
  const today = startOfDay(context.today);
  const todayIso = isoDay(today);

  // Change notes: complete, and not dated in the future.
  const rawChanges = Array.isArray(current.data.changes) ? current.data.changes : [];
  rawChanges.forEach((raw, index) => {
    if (!ChangeEntry.safeParse(raw).success) problems.push(diagnostic('change-note-incomplete', {}, place(['changes', index])));
  });
  for (const { entry, index } of current.changes) {
    const date = parsePartialDate(entry.date);
    if (date && latestDay(date) > today) problems.push(diagnostic('change-date-in-future', { field: 'this change note', date: entry.date, today: todayIso }, place(['changes', index, 'date'])));
  }
  if (current.lastUpdated) {
    const first = { ...current.lastUpdated, day: current.lastUpdated.day ?? 1 };
    if (latestDay(first) > today) problems.push(diagnostic('change-date-in-future', { field: 'lastUpdated', date: current.lastUpdated.iso, today: todayIso }, place(['lastUpdated'])));
  }

  // First publication: nothing to compare with.
  if (!previous || previous.status !== 'published') return problems;

  const changes = describeChanges(previous.data, current.data);
  if (!changes.textChanged) return problems;

  const movedOn = current.lastUpdated && previous.lastUpdated ? comparePartialDates(current.lastUpdated, previous.lastUpdated) > 0 : Boolean(current.lastUpdated);
  if (!movedOn) {
    const words = changesInWords(changes);
    const what = words.slice(0, 2).map((line) => lowerFirst(line.replace(/\.$/, ''))).join('; ') + (words.length > 2 ? `; and ${words.length - 2} more` : '');
    problems.push(
      diagnostic(
        'last-updated-not-changed',
        { since: context.since, what, lastUpdated: String(current.data.lastUpdated ?? 'missing'), today: todayIso },
        current.data.lastUpdated === undefined ? { file: current.file, line: 1, column: 1 } : place(['lastUpdated']),
      ),
    );
  }

  const majorTags: readonly string[] = MAJOR_COVERS;
  const majorSections = changes.sections.filter((s) => s.covers.some((tag) => majorTags.includes(tag)));
  if (majorSections.length > 0) {
    const before = new Set(previous.changes.map(({ entry }) => JSON.stringify(entry)));
    const newMajor = current.changes.some(({ entry }) => entry.kind === 'major' && !before.has(JSON.stringify(entry)));
    if (!newMajor) {
      const covers = [...new Set(majorSections.flatMap((s) => s.covers.filter((tag) => majorTags.includes(tag))))].sort().join(', ');
      const hasChanges = Array.isArray(current.data.changes);
      problems.push(
        diagnostic(
          'major-change-note-missing',
          { since: context.since, sections: quoted(majorSections), covers, today: todayIso, hasChanges },
          hasChanges ? place(['changes'], true) : { file: current.file, line: 1, column: 1 },
        ),
      );
    }
  }
  return problems;
}

export interface ChangeCheckOptions {
  root: string;
  /** A git revision: HEAD~1, main, origin/main, a commit. */
  since: string;
  today: Date;
  contentDir?: string;
}

export type ChangeCheckResult =
  | { ok: true; commit: string; diagnostics: Diagnostic[]; checked: number; firstPublished: string[] }
  | { ok: false; usage: string };

async function noticesAt(root: string, commit: string, contentDir: string): Promise<NoticeRecord[]> {
  const records: NoticeRecord[] = [];
  for (const file of await filesAt(root, commit, contentDir)) {
    if (!/\.ya?ml$/.test(file)) continue;
    const text = await fileAt(root, commit, file);
    if (text === undefined) continue;
    const result = readNoticeText(file, text);
    if (result.ok) records.push(result.notice);
  }
  return records;
}

/** Compares every published notice in content/ now with its version at `since`. */
export async function checkChangesSince(options: ChangeCheckOptions): Promise<ChangeCheckResult> {
  const { root, since, today } = options;
  const contentDir = options.contentDir ?? 'content';
  const availability = await gitAvailability(root);
  if (!availability.available) return { ok: false, usage: `Cannot check changes: ${availability.explanation}` };
  const commit = await resolveRevision(root, since);
  if (!commit) {
    const shallow = (await isShallow(root))
      ? ' This is a shallow clone: fetch more history first (git fetch --unshallow, or fetch-depth: 0 in actions/checkout).'
      : '';
    return { ok: false, usage: `Cannot check changes: git does not know the revision '${since}' here.${shallow}` };
  }

  const previous = await noticesAt(root, commit, contentDir);
  const byId = new Map(previous.filter((n) => n.id).map((n) => [n.id!, n]));
  const byFile = new Map(previous.map((n) => [n.file, n]));

  const diagnostics: Diagnostic[] = [];
  const firstPublished: string[] = [];
  let checked = 0;
  for (const file of await listNoticeFiles(root, contentDir)) {
    const result = readNoticeText(file, await readFile(path.join(root, file), 'utf8'));
    if (!result.ok) {
      diagnostics.push(result.diagnostic);
      continue;
    }
    const current = result.notice;
    if (current.status !== 'published') continue;
    checked++;
    const before = (current.id ? byId.get(current.id) : undefined) ?? byFile.get(file);
    if (!before || before.status !== 'published') firstPublished.push(file);
    diagnostics.push(...compareVersions(before, current, { since, today }));
  }
  return { ok: true, commit, diagnostics, checked, firstPublished };
}
