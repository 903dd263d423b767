/**
 * A published notice's history, for its history page: every version git has (newest first), with
 * its date, its change note where one was recorded (else the commit message), and what changed from
 * the version before in plain words. Plain data in, plain data out; the page template decides what
 * to show (GOV.UK lists major changes publicly and keeps minor ones on record).
 *
 * A version that no longer validates under today's schema is still listed (with valid: false), so
 * the page can list it without rendering it. Without git, or in a shallow clone, the result says so.
 */
import { changesInWords, describeChanges } from './diff.js';
import { fileAt, fileVersions } from './git.js';
import { readNoticeText, type NoticeRecord } from './notice-source.js';
import type { ChangeEntryData } from '../model/history.js';

export interface NoticeVersion {
  commit: string;
  /** The commit's date, YYYY-MM-DD. */
  date: string;
  /** The file's path at this version. */
  path: string;
  /** The change notes first recorded in this version (usually one). */
  notes: ChangeEntryData[];
  /** The words the history page shows: the change notes, else the commit message. */
  description: string;
  /** major when any new change note is major; minor when all are minor; undefined without a note. */
  kind?: 'major' | 'minor';
  /** What changed from the previous version, in sentences; empty for the first version. */
  changes: string[];
  /** False when the version changed nothing a reader sees (e.g. only the owner or the file name). */
  textChanged: boolean;
  /** Whether this version is valid under today's schema (the caller's check); invalid ones are listed, not rendered. */
  valid: boolean;
  /** The parsed YAML of this version, for rendering valid ones; undefined when it could not be read. */
  data?: unknown;
}

export type NoticeHistory =
  | { available: true; shallow: boolean; versions: NoticeVersion[] }
  | { available: false; explanation: string };

export interface HistoryOptions {
  /** Today's schema, e.g. (data) => NoticeFile.safeParse(data).success. Default: every readable version is valid. */
  isValid?: (data: unknown) => boolean;
}

function noteKey(entry: ChangeEntryData): string {
  return JSON.stringify([entry.date, entry.note, entry.kind]);
}

/** The history of the notice in `file` (relative to `root`). */
export async function noticeHistory(root: string, file: string, options: HistoryOptions = {}): Promise<NoticeHistory> {
  const found = await fileVersions(root, file);
  if (!found.available) return { available: false, explanation: found.explanation };

  // Read oldest first, so each version is compared with the one before it.
  const oldestFirst = [...found.versions].reverse();
  const versions: NoticeVersion[] = [];
  let previous: NoticeRecord | undefined;
  for (const version of oldestFirst) {
    const text = await fileAt(root, version.commit, version.path);
    const read = text === undefined ? undefined : readNoticeText(version.path, text);
    const current = read?.ok ? read.notice : undefined;
    const seen = new Set((previous?.changes ?? []).map(({ entry }) => noteKey(entry)));
    const notes = (current?.changes ?? []).map(({ entry }) => entry).filter((entry) => !seen.has(noteKey(entry)));
    const described = previous && current ? describeChanges(previous.data, current.data) : undefined;
    versions.push({
      commit: version.commit,
      date: version.date,
      path: version.path,
      notes,
      description: notes.length > 0 ? notes.map((n) => n.note).join(' ') : version.subject,
      kind: notes.length === 0 ? undefined : notes.some((n) => n.kind === 'major') ? 'major' : 'minor',
      changes: described ? changesInWords(described) : [],
      textChanged: described ? described.textChanged : true,
      valid: current !== undefined && (options.isValid?.(current.data) ?? true),
      data: current?.data,
    });
    if (current) previous = current;
  }
  return { available: true, shallow: found.shallow, versions: versions.reverse() };
}
