/**
 * npm run import, as a function: reads a .docx, .html/.htm, .md or .txt notice, writes a draft
 * notice (status: draft) into content/<organisation>/, and says what it did. The script passes in
 * the project root and options; nothing here reads the working folder or the environment.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import { SLUG_PATTERN, type BlockData, type ContactPointData } from '../model/schema.js';
import { contactLines } from '../text/contact.js';
import { plainText } from '../text/markdown.js';
import { slugify } from '../text/slug.js';
import { knownContacts, type KnownContact } from './contacts.js';
import type { Draft, DraftSection } from './draft.js';
import { readDocx } from './from-docx.js';
import { decodeHtml, readHtml } from './from-html.js';
import { decodeText, readText } from './from-text.js';
import { importError } from './messages.js';
import { appendOrganisation } from './organisation.js';
import { sentenceCoverage, sentencesOf, type Coverage } from './sentences.js';
import type { SourceDocument, Unplaced } from './source.js';
import { structure, type ImportStats } from './structure.js';
import { validateDraft } from './validate-draft.js';
import { draftToYaml } from './yaml.js';

export const FORMATS = { '.docx': 'docx', '.html': 'html', '.htm': 'html', '.md': 'text', '.markdown': 'text', '.txt': 'text' } as const;
/** Notices are a few pages; a file this big is almost always pictures or the wrong file. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface ImportOptions {
  /** The project root (holds data/ and content/). */
  root: string;
  /** The file to import (absolute, or relative to root). */
  file: string;
  organisation: string;
  /** The full name of a new organisation, to add it to data/organisations.yaml. */
  name?: string;
  id?: string;
  /** Where to write the draft, relative to root. Default: content/<organisation>/<id>.yaml. */
  out?: string;
  force?: boolean;
  today?: Date;
  maxBytes?: number;
  /** false to check and report without writing any file. */
  write?: boolean;
}

export interface ImportResult {
  /** Project-relative path of the draft. */
  out: string;
  yaml: string;
  draft: Draft;
  stats: ImportStats;
  unplaced: Unplaced[];
  notes: string[];
  coverage: Coverage;
  /** What npm run validate says about the draft (and a new organisation). */
  diagnostics: Diagnostic[];
  organisationAdded: boolean;
  /** False for a dry run: nothing was written. */
  written: boolean;
}

type DataFile = Record<string, { name?: string; contacts?: Record<string, ContactPointData> } | undefined>;

/** An id from the title, cut at a word break so it stays a readable address. */
function shortSlug(title: string, max = 60): string {
  const slug = slugify(title);
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1).lastIndexOf('-');
  return slug.slice(0, cut > 0 ? cut : max);
}

async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseData(text: string | undefined): DataFile {
  try {
    const value = text ? yaml.load(text) : undefined;
    return value && typeof value === 'object' ? (value as DataFile) : {};
  } catch {
    // npm run validate reports a broken data file; the import goes on without its contacts.
    return {};
  }
}

/** Every notice id in content/, with the file that holds it. */
async function existingIds(root: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) await walk(relative);
      else if (/\.ya?ml$/.test(entry.name)) {
        const id = /^id:\s*["']?([a-z0-9-]+)/m.exec(await readFile(path.join(root, relative), 'utf8'))?.[1];
        if (id) ids.set(id, relative);
      }
    }
  };
  await walk('content');
  return ids;
}

async function readSource(displayName: string, format: 'docx' | 'html' | 'text', buffer: Buffer): Promise<SourceDocument> {
  if (format === 'docx') return readDocx(buffer, displayName);
  return format === 'html' ? readHtml(decodeHtml(buffer)) : readText(decodeText(buffer));
}

/** The draft's words in reading order, as the site would show them (contact blocks read from data/). */
export function draftText(draft: Draft, known: readonly KnownContact[]): string {
  const block = (b: BlockData): string[] => {
    switch (b.type) {
      case 'paragraph':
        return [plainText(b.text)];
      case 'list':
        return [...(b.intro ? [plainText(b.intro)] : []), ...b.items.map(plainText)];
      case 'table':
        return [plainText(b.caption), b.columns.map(plainText).join(' '), ...b.rows.map((row) => row.map(plainText).join(' '))];
      case 'address':
        return b.lines.map(plainText);
      case 'contact': {
        const point = known.find((k) => k.ref === b.contact)?.point;
        return point ? contactLines(point).map((line) => (line.label ? `${line.label}: ${line.text}` : line.text)) : [];
      }
    }
  };
  const section = (s: DraftSection): string[] => [plainText(s.heading), ...s.body.flatMap((b) => block(b.block)), ...s.sections.flatMap(section)];
  return [...(draft.caption ? [plainText(draft.caption.value)] : []), plainText(draft.title.value), ...draft.sections.flatMap(section)].join('\n');
}

function headerComments(fileName: string, today: Date, unplaced: readonly Unplaced[], notes: readonly string[], forData: readonly string[]): string[] {
  return [
    `Imported from ${fileName} on ${today.toISOString().slice(0, 10)} by npm run import. A person must check every`,
    'line marked "suggested: confirm" or "not in the source" / "not stated in the source", then set status to published.',
    ...notes.map((note) => `Note: ${note}`),
    ...forData.map((suggestion) => `Suggested for data/: ${suggestion}.`),
    ...unplaced.map((u) => `Not placed: ${u.what} ${u.where}${u.detail ? ` (${u.detail})` : ''}.`),
  ];
}

export async function importNotice(options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? new Date();
  const file = path.resolve(options.root, options.file);
  const displayName = path.basename(file);
  const extension = path.extname(file).toLowerCase();
  const format = FORMATS[extension as keyof typeof FORMATS];
  if (!format) throw importError('import-unknown-format', { file: displayName, extension });
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw importError('import-file-missing', { file: options.file });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (info.size > maxBytes) {
    throw importError('import-too-large', { file: displayName, megabytes: Math.ceil(info.size / 1024 / 1024), limit: Math.round(maxBytes / 1024 / 1024) });
  }
  if (info.size === 0) throw importError('import-empty', { file: displayName });

  // --- The organisation -----------------------------------------------------------------------------
  if (!SLUG_PATTERN.test(options.organisation)) throw importError('import-bad-id', { id: options.organisation, option: '--organisation' });
  const organisationsFile = path.join(options.root, 'data', 'organisations.yaml');
  const organisationsText = (await readIfThere(organisationsFile)) ?? '';
  const organisations = parseData(organisationsText);
  const bodies = parseData(await readIfThere(path.join(options.root, 'data', 'bodies.yaml')));
  const existing = organisations[options.organisation];
  if (existing && options.name) throw importError('import-organisation-exists', { id: options.organisation });
  if (!existing && !options.name) throw importError('import-unknown-organisation', { id: options.organisation, known: Object.keys(organisations).join(', ') || '(none yet)' });
  const organisationName = existing?.name ?? options.name!;
  const newOrganisationsText = existing ? undefined : appendOrganisation(organisationsText, options.organisation, organisationName);

  // --- The document ---------------------------------------------------------------------------------
  const source = await readSource(displayName, format, await readFile(file));
  if (source.nodes.length === 0 || sentencesOf(source.plainLines).length === 0) throw importError('import-empty', { file: displayName });
  const known = knownContacts([organisations, bodies], options.organisation);

  if (options.id !== undefined && !SLUG_PATTERN.test(options.id)) throw importError('import-bad-id', { id: options.id, option: '--id' });
  const provisional = structure(source, { id: options.id ?? 'notice', organisation: options.organisation, organisationName, fileName: displayName, known, today });
  const id = options.id ?? (shortSlug(plainText(provisional.draft.title.value)) || 'imported-notice');
  const { draft, stats } = { ...provisional, draft: { ...provisional.draft, id } };
  const out = path.relative(options.root, path.resolve(options.root, options.out ?? `content/${options.organisation}/${id}.yaml`)).split(path.sep).join('/');
  if (!/^content\/.+\.ya?ml$/.test(out)) throw importError('import-usage', { problem: `--out must be a .yaml file in the project's content/ folder, not '${options.out}'` });

  const ids = await existingIds(options.root);
  const clash = ids.get(id);
  if (clash && (clash !== out || !options.force)) throw importError('import-notice-exists', { id, file: clash });
  if (!options.force && (await stat(path.join(options.root, out)).catch(() => undefined))) throw importError('import-notice-exists', { id, file: out });

  draft.header = headerComments(displayName, today, source.unplaced, [...source.notes, ...stats.notes], stats.contactSuggestions);
  const text = draftToYaml(draft);
  const coverage = sentenceCoverage(sentencesOf(source.plainLines), draftText(draft, known));
  const diagnostics = await validateDraft({ root: options.root, draftPath: out, draftText: text, organisationsText: newOrganisationsText, newOrganisation: existing ? undefined : options.organisation, today });

  if (options.write !== false) {
    await writeFileAtomic(path.join(options.root, out), text);
    if (newOrganisationsText !== undefined) await writeFileAtomic(organisationsFile, newOrganisationsText);
  }
  return { out, yaml: text, draft, stats, unplaced: source.unplaced, notes: [...source.notes, ...stats.notes], coverage, diagnostics, organisationAdded: newOrganisationsText !== undefined, written: options.write !== false };
}
