/**
 * A small reader for the fields that history, the change check and review reminders need (id,
 * status, dates, owner, changes), straight from a notice's YAML with positions for messages. It
 * does not run the full notice schema, so an old version that no longer validates can still be
 * compared, and a notice that fails validation still gets its review reminder.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYaml, type YamlSource } from '../load/yaml-source.js';
import type { PartialDate } from '../model/notice.js';
import { parsePartialDate } from '../text/dates.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { ChangeEntry, type ChangeEntryData } from '../model/history.js';

export interface NoticeRecord {
  /** Path relative to the project root, e.g. content/kent-county-council/early-help.yaml. */
  file: string;
  source: YamlSource;
  /** The parsed YAML, as written. */
  data: Record<string, unknown>;
  id?: string;
  title?: string;
  status?: string;
  organisation?: string;
  owner?: string;
  lastUpdated?: PartialDate;
  nextReview?: PartialDate;
  /** The well-formed change entries, with their index in the file. */
  changes: { entry: ChangeEntryData; index: number }[];
}

export type ReadResult = { ok: true; notice: NoticeRecord } | { ok: false; diagnostic: Diagnostic };

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads one notice's text; a file that is not YAML, or not a mapping, is a diagnostic. */
export function readNoticeText(file: string, yamlText: string): ReadResult {
  const parsed = parseYaml(file, yamlText);
  if (!parsed.ok) return parsed;
  const data = parsed.source.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, diagnostic: diagnostic('notice-has-no-fields', {}, { file, line: 1, column: 1 }) };
  }
  const fields = data as Record<string, unknown>;
  const changes = (Array.isArray(fields.changes) ? fields.changes : []).flatMap((raw, index) => {
    const parsedEntry = ChangeEntry.safeParse(raw);
    return parsedEntry.success ? [{ entry: parsedEntry.data, index }] : [];
  });
  return {
    ok: true,
    notice: {
      file,
      source: parsed.source,
      data: fields,
      id: text(fields.id),
      title: text(fields.title),
      status: text(fields.status),
      organisation: text(fields.organisation),
      owner: text(fields.owner),
      lastUpdated: parsePartialDate(fields.lastUpdated),
      nextReview: parsePartialDate(fields.nextReview),
      changes,
    },
  };
}

/** Every .yaml and .yml file under `contentDir`, relative to root with forward slashes, sorted. */
export async function listNoticeFiles(root: string, contentDir = 'content'): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(path.join(root, contentDir), { recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /\.ya?ml$/.test(entry))
    .map((entry) => `${contentDir}/${entry.split(path.sep).join('/')}`)
    .sort();
}

/** Reads every notice in content/; files that cannot be read become diagnostics. */
export async function readNotices(root: string, contentDir = 'content'): Promise<{ notices: NoticeRecord[]; diagnostics: Diagnostic[] }> {
  const notices: NoticeRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of await listNoticeFiles(root, contentDir)) {
    const result = readNoticeText(file, await readFile(path.join(root, file), 'utf8'));
    if (result.ok) notices.push(result.notice);
    else diagnostics.push(result.diagnostic);
  }
  return { notices, diagnostics };
}

