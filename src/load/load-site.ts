/**
 * Stage 1: load and validate. Reads data/ (organisations, bodies, the site, the picture library)
 * and content/, checks every file against the schema and every cross-reference between files,
 * and resolves the notices into the `Site` that all later stages read. Every problem in every file
 * is reported in one run: a notice that breaks the schema still has its references, dates and
 * links checked, on whatever parts of it can be read.
 *
 * Everything comes from the options (the project folder, "today", where the site is deployed);
 * nothing is kept between calls. The easy-read checks are a stage of their own
 * (src/easyread/check.ts, checkEasyReads), run on this stage's result.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Deployment } from '../config.js';
import { projectPath } from '../files/project-paths.js';
import { sha256 } from '../files/verified-cache.js';
import { catalogue, diagnostic } from '../diagnostics/catalogue.js';
import { hasErrors, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import type { Block, ContactPoint, Notice, Organisation, Section, Site } from '../model/notice.js';
import type { Pictures } from '../model/pictures.js';
import {
  DATE_PATTERN,
  EasyRead,
  LawsFile,
  NoticeFile,
  OrganisationsFile,
  SiteFile,
  SLUG_PATTERN,
  type BlockData,
  type EasyReadData,
  type LawData,
  type NoticeFileData,
  type OrganisationData,
  type ContactPointData,
  type SectionFile,
  type SiteData,
} from '../model/schema.js';
import { contrastRatio, MIN_TEXT_CONTRAST } from '../text/colour.js';
import { isUsable } from '../text/contact.js';
import { isoDay, latestDay, parsePartialDate } from '../text/dates.js';
import { isAllowedHref, linksIn, plainText } from '../text/markdown.js';
import { slugify } from '../text/slug.js';
import { LIMITS } from '../input/limits.js';
import { ownerDiagnostic, readOwners } from './owners.js';
import { loadPictures } from './pictures.js';
import { findContactPoint } from '../model/contacts.js';
import { copyKeepingLazy } from '../model/lazy-parts.js';
import { readErrorReason, sourceFromBytes } from './read-source.js';
import { checkBlankTexts, checkIdLength, checkTables, checkInternalLinks, checkPlausibleDate, RESERVED_ANCHORS, writtenLinks, type WrittenLink } from './site-checks.js';
import { diagnosticAt, validate } from './validate.js';

/** Also used by the accessibility statement; it lives in the model, beside the types it reads. */
export { findContactPoint };
import type { YamlSource } from './yaml-source.js';
import { UNKNOWN_DATE } from '../model/schema.js';
import type { NoticeFactsData } from '../model/facts.js';
import { closest } from '../diagnostics/diagnostic.js';


export interface LoadOptions {
  /** The project folder (holding content/ and data/). Any folder: the current one does not matter. */
  root: string;
  /** "Today", for review-date warnings. Default: now. */
  today?: Date;
  /** Content folder relative to root. Default: content. */
  contentDir?: string;
  /** Data folder relative to root. Default: data. */
  dataDir?: string;
  /** Where the site is deployed, overriding data/site.yaml (from readEnvironment in src/config.ts). */
  deployment?: Deployment;
  /** Called with each file's project-relative path as it is read (so a time limit can name it). */
  onFile?: (file: string) => void;
  /** Keeps what loading each notice file gave, so an unchanged file is not parsed and checked again (src/build/cache-load.ts). */
  memo?: NoticeMemo;
}

/** What loading one notice file gave, before the checks across files. Plain data: it can be stored. */
export interface NoticeFileResult {
  /** The file's own problems. */
  diagnostics: Diagnostic[];
  /** Whether it is YAML with content (if not, nothing below is set). */
  parsed: boolean;
  organisationId?: string;
  easyRead?: EasyReadData;
  /** The resolved notice, when the file has no errors of its own. */
  notice?: Notice;
  /** Its Markdown links, for the check of links between notices. */
  links?: WrittenLink[];
  /** `replacedBy` as written (a notice id or an address), resolved once every notice is loaded. */
  replacedBy?: string;
}

/**
 * Results of loading notice files, by a key that covers the file's path and bytes, the shared data
 * it is checked against and the day (LoadedNotice.inputKey). The code that loads is the memo's to
 * add to its keys.
 */
export interface NoticeMemo {
  /** A memo may answer at once (a synchronous read is far quicker for thousands of small entries). */
  get(inputKey: string): NoticeFileResult | undefined | Promise<NoticeFileResult | undefined>;
  /** `file`: the notice file's project-relative path (for the memo's counts). */
  set(inputKey: string, result: NoticeFileResult, file: string): Promise<void>;
  /**
   * The SHA-256 of a notice file's bytes, without reading them, when its size, times and inode
   * (`info`) are those it had when its bytes were last read; else undefined.
   */
  knownHash?(file: string, info: Stats): string | undefined;
  /** Notes the SHA-256 of a notice file's bytes, read now, with its stat. */
  noteHash?(file: string, info: Stats, bytesHash: string): void;
  /** Called once every notice file is loaded (to store what noteHash was told). */
  loaded?(): Promise<void>;
}

/** A notice file as the easy-read stage needs it, whether or not the rest of it is valid. */
export interface LoadedNotice {
  /** Project-relative path, e.g. "content/kent-county-council/early-help.yaml". */
  file: string;
  /** The parsed YAML with its positions. */
  source: YamlSource;
  /** The organisation id the notice names (undefined when it names none). */
  organisationId?: string;
  /** That organisation, when it exists. */
  organisation?: Organisation;
  /** The easy-read part, when it is valid by itself. */
  easyRead?: EasyReadData;
  /** SHA-256 of the file's bytes. */
  bytesHash?: string;
  /** A hash of everything loading the file read: its path and bytes, the shared data and the day. */
  inputKey?: string;
}

export interface LoadResult {
  /** Undefined when any error was found. */
  site?: Site;
  diagnostics: Diagnostic[];
  /** Every notice file that could be parsed as YAML, in file order. */
  notices: LoadedNotice[];
  /** Every organisation and other body that loaded, by id. */
  organisations: ReadonlyMap<string, Organisation>;
  /** The easy-read picture library (look keys up with findPicture in src/model/pictures.ts). */
  pictures: Pictures;
}

/** Paths that notice ids may not take, because the site uses them itself. */
export const RESERVED_IDS = new Set(['organisations', 'assets', 'accessibility', 'easy-read', '404', 'sitemap-xml', 'pictures']);

const HEADER_TEXT = '#ffffff';

type Report = (d: Diagnostic) => void;

/** What a notice is checked against. */
interface Context {
  organisations: Map<string, Organisation>;
  publishers: Set<string>;
  today: Date;
  siteData?: SiteData;
  /** Every email address and phone number in data/, with the contact reference that holds it. */
  knownContacts: Map<string, string>;
}

export async function loadSite(options: LoadOptions): Promise<LoadResult>;
/** The older form, loadSite(root, options), kept for callers that have not moved to the options object. */
export async function loadSite(root: string, options?: Omit<LoadOptions, 'root'>): Promise<LoadResult>;
export async function loadSite(rootOrOptions: string | LoadOptions, rest: Omit<LoadOptions, 'root'> = {}): Promise<LoadResult> {
  const options: LoadOptions = typeof rootOrOptions === 'string' ? { ...rest, root: rootOrOptions } : rootOrOptions;
  const root = path.resolve(options.root);
  const today = options.today ?? new Date();
  const contentDir = options.contentDir ?? 'content';
  const dataDir = options.dataDir ?? 'data';
  const diagnostics: Diagnostic[] = [];
  const report: Report = (d) => diagnostics.push(d);

  // --- Shared data -------------------------------------------------------------------------------
  const organisations = new Map<string, Organisation>();
  const publishers = new Set<string>();
  let brokenOrganisations: Set<string> | 'all' = new Set();
  for (const [file, isPublisher] of [
    [`${dataDir}/organisations.yaml`, true],
    [`${dataDir}/bodies.yaml`, false],
  ] as const) {
    const source = await readSource(root, file, report, isPublisher);
    if (!source) {
      if (isPublisher) brokenOrganisations = 'all';
      continue;
    }
    const { value: valid, diagnostics: problems } = validate(OrganisationsFile, source);
    diagnostics.push(...problems);
    // One broken organisation must not hide the others: keep every entry that is right by itself.
    const isMapping = Boolean(source.data) && typeof source.data === 'object' && !Array.isArray(source.data);
    if (!valid && !isMapping && isPublisher) brokenOrganisations = 'all';
    const value = valid ?? salvageEntries(source.data, isPublisher ? brokenOrganisations : new Set());
    checkBlankTexts(source, problems, report);
    if (source.data && typeof source.data === 'object' && !Array.isArray(source.data)) for (const id of Object.keys(source.data)) checkIdLength(id, source, [id], report, 'key');
    for (const [id, data] of Object.entries(value ?? {})) {
      const first = organisations.get(id);
      if (first) {
        report(diagnosticAt(source, [id], 'duplicate-organisation-id', { id, firstFile: first.source }, { at: 'key' }));
        continue;
      }
      organisations.set(id, { ...data, id, source: file });
      if (isPublisher) publishers.add(id);
      checkOrganisation(id, data, source, report);
    }
  }

  const siteSource = await readSource(root, `${dataDir}/site.yaml`, report, true);
  let siteData: SiteData | undefined;
  if (siteSource) {
    const { value, diagnostics: problems } = validate(SiteFile, siteSource);
    diagnostics.push(...problems);
    checkBlankTexts(siteSource, problems, report);
    siteData = value;
    if (siteData && !organisations.has(siteData.owner) && !(brokenOrganisations === 'all' || brokenOrganisations.has(siteData.owner))) {
      report(diagnosticAt(siteSource, ['owner'], 'unknown-organisation', { id: siteData.owner, known: [...publishers] }));
    }
    if (siteData?.accessibility) {
      resolveContact(siteData.accessibility.contact, siteSource, ['accessibility', 'contact'], organisations, report);
    }
  }

  // data/laws.yaml: the banners of notices written under an old law (optional: a site of current notices needs none).
  const laws: Partial<Record<Notice['law'], LawData>> = {};
  const lawsSource = await readSource(root, `${dataDir}/laws.yaml`, report, false);
  if (lawsSource) {
    const { value, diagnostics: problems } = validate(LawsFile, lawsSource);
    diagnostics.push(...problems);
    Object.assign(laws, value ?? {});
  }

  const pictures = loadPictures({ root, dataDir });
  // Every picture problem once, at its own line (the shared file's and each organisation's folder's).
  for (const problems of pictures.problems.values()) diagnostics.push(...problems);

  // Teams that own notices: checked when the project keeps data/owners.yaml.
  const owners = await readOwners(root, `${dataDir}/owners.yaml`);
  diagnostics.push(...owners.diagnostics);

  // --- Notices -----------------------------------------------------------------------------------
  const context: Context = { organisations, publishers, today, siteData, knownContacts: knownContacts(organisations) };
  // An organisation whose entry in data/organisations.yaml is broken is reported there, once: not
  // again at every notice and contact that names it.
  const isBroken = (id: string) => brokenOrganisations === 'all' || brokenOrganisations.has(id);
  const keepInNotice = (d: Diagnostic) =>
    !(d.code === 'unknown-organisation' && [...(brokenOrganisations === 'all' ? organisationIdsIn(d.message) : brokenOrganisations)].some((id) => isBroken(id) && d.message === catalogue['unknown-organisation'].message({ id, known: [] })));
  const files = await listYamlFiles(path.join(root, contentDir), report, root);
  if (files.length === 0) report(diagnostic('no-notices', { contentDir }, { file: contentDir, line: 0, column: 0 }));
  const notices: Notice[] = [];
  const loaded: LoadedNotice[] = [];
  const byId = new Map<string, Notice>();
  const sources = new Map<Notice, YamlSource>();
  const links = new Map<Notice, readonly WrittenLink[]>();
  const replacements = new Map<Notice, string>();
  // What every notice is checked against: a notice loaded before under the same shared data, on
  // the same day, with the same bytes gives the same result (options.memo keeps it).
  const contextKey = options.memo ? await sharedInputsKey(root, [`${dataDir}/organisations.yaml`, `${dataDir}/bodies.yaml`, `${dataDir}/site.yaml`, `${dataDir}/laws.yaml`, `${dataDir}/owners.yaml`], today, contentDir) : '';
  for (const absolute of files) {
    const file = path.relative(root, absolute).split(path.sep).join('/');
    options.onFile?.(file);
    const info = statFile(root, file, report, true);
    if (!info) continue;
    // A file whose stat is unchanged since the memo last read it is not read again to be hashed.
    let bytes: Buffer | undefined;
    let bytesHash = options.memo?.knownHash?.(file, info);
    if (bytesHash === undefined) {
      bytes = readFileOf(root, file, report);
      if (!bytes) continue;
      bytesHash = sha256(bytes);
      options.memo?.noteHash?.(file, info, bytesHash);
    }
    const inputKey = sha256(`${contextKey}\n${file}\n${bytesHash}`);
    const remembered = options.memo?.get(inputKey);
    let result = remembered instanceof Promise ? await remembered : remembered;
    let source: YamlSource | undefined;
    if (result) {
      // Parsed again only if a later check needs a position in it.
      source = lazySource(file, bytes ?? bytesAgain(root, file, bytesHash));
    } else {
      bytes ??= readFileOf(root, file, report);
      if (!bytes) continue;
      const made = loadNoticeFile(file, bytes, context, owners, keepInNotice);
      source = made.source;
      result = made.result;
      await options.memo?.set(inputKey, result, file);
    }
    diagnostics.push(...result.diagnostics);
    if (!source || !result.parsed) continue;
    loaded.push({ file, source, organisationId: result.organisationId, organisation: result.organisationId ? organisations.get(result.organisationId) : undefined, easyRead: result.easyRead, bytesHash, inputKey });
    if (!result.notice) continue;
    // The organisation is the one object every notice of it shares.
    // A copy that leaves parts the load cache has not parsed yet unparsed (src/model/lazy-parts.ts).
    const notice: Notice = copyKeepingLazy(result.notice);
    notice.organisation = organisations.get(result.notice.organisation.id) ?? result.notice.organisation;
    const clash = byId.get(notice.id);
    if (clash) {
      report(diagnosticAt(source, ['id'], 'duplicate-notice-id', { id: notice.id, otherFile: clash.source, url: notice.url }));
      continue;
    }
    byId.set(notice.id, notice);
    sources.set(notice, source);
    links.set(notice, result.links ?? []);
    if (result.replacedBy !== undefined) replacements.set(notice, result.replacedBy);
    notices.push(notice);
    if (notice.law !== 'uk-gdpr' && !laws[notice.law]) report(diagnosticAt(source, ['law'], 'law-not-described', { law: notice.law }));
  }
  await options.memo?.loaded?.();
  resolveReplacements(replacements, byId, sources, report);
  checkInternalLinks(
    notices.map((notice) => ({ notice, source: sources.get(notice)!, links: links.get(notice)! })),
    organisations.keys(),
    report,
  );

  const result: LoadResult = { diagnostics, notices: loaded, organisations, pictures };
  if (hasErrors(diagnostics) || !siteData) return result;

  notices.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  const deployment = options.deployment ?? {};
  result.site = {
    ...siteData,
    url: deployment.url ?? siteData.url,
    owner: organisations.get(siteData.owner)!,
    pathPrefix: deployment.pathPrefix ?? siteData.pathPrefix ?? '/',
    organisations,
    notices,
    published: notices.filter((n) => n.status !== 'draft'),
    pictures,
    laws,
  };
  return result;
}

/**
 * Loads one notice file by itself: parse, schema, and every check that reads only this file and
 * the shared data. The checks across files (ids, links between notices, replacements) come after.
 */
function loadNoticeFile(file: string, bytes: Buffer, context: Context, owners: Awaited<ReturnType<typeof readOwners>>, keepInNotice: (d: Diagnostic) => boolean): { source?: YamlSource; result: NoticeFileResult } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (d) => diagnostics.push(d);
  const source = sourceOf(file, bytes, report);
  if (!source) return { result: { diagnostics, parsed: false } };
  const { value, diagnostics: problems } = validate(NoticeFile, source);
  diagnostics.push(...problems);
  checkBlankTexts(source, problems, report);
  checkTables(source, report);
  const { organisationId, easyRead } = loadedNotice(source, value, context.organisations);
  if (owners.found) {
    const raw = (source.data ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const problem = ownerDiagnostic({ source, id: text(raw.id), status: text(raw.status), owner: text(raw.owner) }, owners.owners);
    if (problem) report(problem);
  }
  const inNotice: Report = (d) => {
    if (keepInNotice(d)) report(d);
  };
  if (!value) {
    checkUnparsedNotice(source, context, inNotice);
    return { source, result: { diagnostics, parsed: true, organisationId, easyRead } };
  }
  const notice = resolveNotice(value, source, context, inNotice);
  return { source, result: { diagnostics, parsed: true, organisationId, easyRead, ...(notice ? { notice, links: writtenLinks(source.data), ...(typeof value.replacedBy === 'string' ? { replacedBy: value.replacedBy } : {}) } : {}) } };
}

/** What the easy-read stage needs of a notice file: its easy-read part when that part is valid, even if the rest is not. */
function loadedNotice(source: YamlSource, value: NoticeFileData | undefined, organisations: Map<string, Organisation>): LoadedNotice {
  const raw = source.data as Record<string, unknown> | undefined;
  const organisationId = value?.organisation ?? (typeof raw?.organisation === 'string' ? raw.organisation : undefined);
  let easyRead = value?.easyRead;
  if (!value && raw && typeof raw === 'object' && raw.easyRead !== undefined) {
    const parsed = EasyRead.safeParse(raw.easyRead);
    if (parsed.success) easyRead = parsed.data;
  }
  return { file: source.file, source, organisationId, organisation: organisationId ? organisations.get(organisationId) : undefined, easyRead };
}

/** The ids quoted in a message ('…'). */
function organisationIdsIn(message: string): string[] {
  return [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** The entries of an organisations file that are valid by themselves; the ids of the others go into `broken`. */
function salvageEntries(data: unknown, broken: Set<string> | 'all'): Record<string, OrganisationData> {
  const kept: Record<string, OrganisationData> = {};
  if (!data || typeof data !== 'object' || Array.isArray(data)) return kept;
  for (const [id, entry] of Object.entries(data)) {
    const one = OrganisationsFile.safeParse({ [id]: entry });
    if (one.success) Object.assign(kept, one.data);
    else if (broken !== 'all') broken.add(id);
  }
  return kept;
}

async function readSource(root: string, file: string, report: Report, required: boolean): Promise<YamlSource | undefined> {
  const bytes = readBytes(root, file, report, required);
  if (!bytes) return undefined;
  return sourceOf(file, bytes, report);
}

/** The parsed YAML of a file's bytes, or undefined (with its problems reported) when there is none. */
function sourceOf(file: string, bytes: Buffer, report: Report): YamlSource | undefined {
  const { source, diagnostics } = sourceFromBytes(file, bytes);
  diagnostics.forEach(report);
  if (!source) return undefined;
  if (source.data === undefined || source.data === null) {
    report(diagnostic('file-empty', {}, { file, line: 1, column: 1 }));
    return undefined;
  }
  return source;
}

/**
 * A notice file's YamlSource that parses the bytes only when something asks for its text, data or
 * positions: a notice whose load came from the memo is usually never asked.
 */
function lazySource(file: string, bytes: Buffer | (() => Buffer)): YamlSource {
  let parsed: YamlSource | undefined;
  const get = (): YamlSource => {
    parsed ??= sourceFromBytes(file, typeof bytes === 'function' ? bytes() : bytes).source;
    if (!parsed) throw new Error(`${file} could not be read again although it loaded before`);
    return parsed;
  };
  return {
    file,
    get text() {
      return get().text;
    },
    get data() {
      return get().data;
    },
    positionOf: (at) => get().positionOf(at),
    keyPositionOf: (at) => get().keyPositionOf(at),
    positionAt: (offset) => get().positionAt(offset),
    offsetOf: (position) => get().offsetOf(position),
  };
}

/** A hash of the shared files every notice is checked against, "today" (review dates) and the content folder. */
async function sharedInputsKey(root: string, files: readonly string[], today: Date, contentDir: string): Promise<string> {
  const hash = createHash('sha256').update(`${isoDay(today)}\n${contentDir}\n`);
  for (const file of files) {
    const bytes = await readFile(path.join(root, file)).catch(() => undefined);
    hash.update(`${file}\n${bytes ? createHash('sha256').update(bytes).digest('hex') : 'missing'}\n`);
  }
  return hash.digest('hex');
}

const NOT_A_FILE = 'it is not a regular file (a pipe, socket or device); replace it with a YAML file';
const LINK_TO_NOTHING = 'it is a link to a file that is not there; replace it with the file itself, or delete it';

/** The bytes of a file (read synchronously: thousands of small notice files are read far quicker so), within the size limit; problems (missing, a folder, too large, unreadable) reported for the whole file. */
function readBytes(root: string, file: string, report: Report, required: boolean): Buffer | undefined {
  return statFile(root, file, report, required) ? readFileOf(root, file, report) : undefined;
}

/** A file's stat when it is a regular file within the size limit; else undefined, with the problem reported. */
function statFile(root: string, file: string, report: Report, required: boolean): Stats | undefined {
  const place = { file, line: 0, column: 0 };
  try {
    const info = statSync(path.join(root, file));
    if (info.isDirectory()) {
      report(diagnostic('path-is-folder', {}, place));
      return undefined;
    }
    // A pipe or device would never end (or block the process, as it is read synchronously).
    if (!info.isFile()) {
      report(diagnostic('file-unreadable', { reason: NOT_A_FILE }, place));
      return undefined;
    }
    if (info.size > LIMITS.fileBytes) {
      report(diagnostic('file-too-large', { bytes: info.size, limit: LIMITS.fileBytes }, place));
      return undefined;
    }
    return info;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') report(diagnostic('file-unreadable', { reason: readErrorReason(error) }, place));
    else if (required) report(diagnostic('file-missing', { file }, place));
    return undefined;
  }
}

/** A file's bytes, or undefined with the problem reported (it went, or cannot be read, since its stat). */
function readFileOf(root: string, file: string, report: Report): Buffer | undefined {
  try {
    return readFileSync(path.join(root, file));
  } catch (error) {
    report(diagnostic('file-unreadable', { reason: readErrorReason(error) }, { file, line: 0, column: 0 }));
    return undefined;
  }
}

/**
 * A function that reads a file whose hash the memo knew, when a later check needs a position in it;
 * it fails, saying so, if the file changed since it was loaded (during the build).
 */
function bytesAgain(root: string, file: string, bytesHash: string): () => Buffer {
  return () => {
    const bytes = readFileSync(path.join(root, file));
    if (sha256(bytes) !== bytesHash) throw new Error(`${file} changed while the build was running; run the build again`);
    return bytes;
  };
}

async function listYamlFiles(folder: string, report?: Report, root = folder): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  // .YAML or .Yml would be skipped without a word, and so would a folder named like a notice: say so instead.
  // A link (symlink) named like a notice is read as the file it points to.
  const files: string[] = [];
  for (const e of entries) {
    if (!/\.ya?ml$/i.test(e.name)) continue;
    const file = path.join(e.parentPath, e.name);
    // Made only for a problem: most entries are notices, as they should be.
    const place = () => ({ file: projectPath(root, file), line: 0, column: 0 });
    let kind: { isFile(): boolean; isDirectory(): boolean } = e;
    if (e.isSymbolicLink()) {
      try {
        kind = statSync(file);
      } catch {
        report?.(diagnostic('file-unreadable', { reason: LINK_TO_NOTHING }, place()));
        continue;
      }
    }
    if (kind.isDirectory()) report?.(diagnostic('path-is-folder', {}, place()));
    else if (!kind.isFile()) report?.(diagnostic('file-unreadable', { reason: NOT_A_FILE }, place()));
    else if (!/\.ya?ml$/.test(e.name)) report?.(diagnostic('yaml-extension-case', { name: e.name, expected: e.name.replace(/\.(ya?ml)$/i, (_, ext: string) => `.${ext.toLowerCase()}`) }, place()));
    else files.push(file);
  }
  return files.sort();
}

function checkOrganisation(id: string, data: OrganisationData, source: YamlSource, report: Report): void {
  if (data.brandColour) {
    const ratio = contrastRatio(HEADER_TEXT, data.brandColour);
    if (ratio < MIN_TEXT_CONTRAST) report(diagnosticAt(source, [id, 'brandColour'], 'brand-colour-too-light', { colour: data.brandColour, ratio, minimum: MIN_TEXT_CONTRAST }));
  }
  const points = Object.entries(data.contacts ?? {});
  if (data.dataProtectionOfficer) points.push(['dataProtectionOfficer', data.dataProtectionOfficer]);
  for (const [pointId, point] of points) {
    const pointPath = pointId === 'dataProtectionOfficer' ? [id, pointId] : [id, 'contacts', pointId];
    if (!isUsable(point)) report(diagnosticAt(source, pointPath, 'contact-point-unusable', { point: pointId, organisation: data.name }));
  }
}

function resolveContact(ref: string, source: YamlSource, at: PathSegment[], organisations: ReadonlyMap<string, Organisation>, report: Report): ContactPoint | undefined {
  const [orgId, pointId, extra] = ref.split('/');
  const organisation = organisations.get(orgId ?? '');
  if (!organisation || extra !== undefined) {
    report(diagnosticAt(source, at, 'unknown-organisation', { id: orgId ?? ref, known: [...organisations.keys()] }));
    return undefined;
  }
  const found = findContactPoint(ref, organisations);
  if (found) return found;
  const names = Object.keys(organisation.contacts ?? {});
  if (pointId === undefined) report(diagnosticAt(source, at, 'no-contact-points', { organisation: organisation.name, orgId: organisation.id, file: organisation.source }));
  else report(diagnosticAt(source, at, 'unknown-contact-point', { organisation: organisation.name, point: pointId, names, file: organisation.source }));
  return undefined;
}

// --- Checks that do not need a valid file: they also run when the schema failed ------------------

/** The id, organisation, dates and links of a notice; reports problems, returns what resolved. */
function checkNoticeBasics(
  fields: { id?: string; organisation?: string; lastUpdated?: string; nextReview?: string; writtenBefore?: string },
  data: unknown,
  source: YamlSource,
  context: Context,
  report: Report,
) {
  if (fields.id !== undefined && RESERVED_IDS.has(fields.id)) report(diagnosticAt(source, ['id'], 'reserved-id', { id: fields.id }));
  checkIdLength(fields.id, source, ['id'], report);
  let organisation: Organisation | undefined;
  if (fields.organisation !== undefined) {
    organisation = context.publishers.has(fields.organisation) ? context.organisations.get(fields.organisation) : undefined;
    if (!organisation) report(diagnosticAt(source, ['organisation'], 'unknown-organisation', { id: fields.organisation, known: [...context.publishers] }));
  }
  // "unknown" is a statement: the source gives no date. It is kept as no date, never a guess.
  const known = (value?: string) => (value === undefined || value === UNKNOWN_DATE ? undefined : value);
  const lastUpdated = known(fields.lastUpdated) === undefined ? undefined : parsePartialDate(fields.lastUpdated!);
  const nextReview = known(fields.nextReview) === undefined ? undefined : parsePartialDate(fields.nextReview!);
  const writtenBefore = fields.writtenBefore === undefined ? undefined : parsePartialDate(fields.writtenBefore);
  if (known(fields.lastUpdated) !== undefined && !lastUpdated) report(diagnosticAt(source, ['lastUpdated'], 'impossible-date', { given: fields.lastUpdated! }));
  if (known(fields.nextReview) !== undefined && !nextReview) report(diagnosticAt(source, ['nextReview'], 'impossible-date', { given: fields.nextReview! }));
  if (fields.writtenBefore !== undefined && !writtenBefore) report(diagnosticAt(source, ['writtenBefore'], 'impossible-date', { given: fields.writtenBefore }));
  if (fields.nextReview === UNKNOWN_DATE) report(diagnosticAt(source, ['nextReview'], 'review-date-unknown', { writtenBefore: fields.writtenBefore }));
  checkPlausibleDate(lastUpdated, context.today, source, ['lastUpdated'], report);
  checkPlausibleDate(nextReview, context.today, source, ['nextReview'], report);
  if (lastUpdated && nextReview && latestDay(nextReview) < latestDay(lastUpdated)) {
    report(diagnosticAt(source, ['nextReview'], 'review-before-update', { nextReview: fields.nextReview!, lastUpdated: fields.lastUpdated! }));
  }
  if (nextReview && latestDay(nextReview) < context.today) report(diagnosticAt(source, ['nextReview'], 'review-overdue', { nextReview: fields.nextReview! }));
  // Every text field: links must use an allowed scheme.
  walkTexts(data, [], (text, at) => {
    for (const link of linksIn(text)) {
      if (!isAllowedHref(link.href.trim())) report(diagnosticAt(source, at, 'link-not-allowed', { text: link.text, href: link.href }));
    }
  });
  return { organisation, lastUpdated, nextReview, writtenBefore };
}

/**
 * A notice that broke the schema: check the parts that the schema did accept (a well-formed id,
 * organisation and dates, every contact reference, every link), so one run lists every problem.
 */
function checkUnparsedNotice(source: YamlSource, context: Context, report: Report): void {
  const raw = source.data;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return;
  const data = raw as Record<string, unknown>;
  const wellFormed = (value: unknown, pattern: RegExp) => (typeof value === 'string' && pattern.test(value) ? value : undefined);
  checkNoticeBasics(
    {
      id: wellFormed(data.id, SLUG_PATTERN),
      organisation: wellFormed(data.organisation, SLUG_PATTERN),
      lastUpdated: wellFormed(data.lastUpdated, DATE_PATTERN),
      nextReview: wellFormed(data.nextReview, DATE_PATTERN),
      writtenBefore: wellFormed(data.writtenBefore, DATE_PATTERN),
    },
    data,
    source,
    context,
    report,
  );
  const visit = (sections: unknown, at: PathSegment[]) => {
    if (!Array.isArray(sections)) return;
    sections.forEach((section, s) => {
      const body = (section as { body?: unknown } | null)?.body;
      if (Array.isArray(body)) {
        body.forEach((block, b) => {
          const ref = (block as { type?: unknown; contact?: unknown } | null)?.contact;
          if ((block as { type?: unknown } | null)?.type === 'contact' && typeof ref === 'string' && ref) {
            resolveContact(ref, source, [...at, s, 'body', b, 'contact'], context.organisations, report);
          }
        });
      }
      visit((section as { sections?: unknown } | null)?.sections, [...at, s, 'sections']);
    });
  };
  visit(data.sections, ['sections']);
}

// --- Resolving a valid notice ------------------------------------------------------------------------

function resolveNotice(data: NoticeFileData, source: YamlSource, context: Context, report: Report): Notice | undefined {
  let ok = true;
  const fail: Report = (d) => {
    if (d.severity === 'error') ok = false;
    report(d);
  };
  const { organisation, lastUpdated, nextReview, writtenBefore } = checkNoticeBasics(data, data, source, context, fail);
  checkTypedContacts(data.sections, ['sections'], source, context, report);
  if (/[.!?]\s+\S/.test(plainText(data.summary).trim())) report(diagnosticAt(source, ['summary'], 'summary-not-one-sentence', {}));

  const anchors = new Set<string>();
  const sections = data.sections
    .map((section, i) => resolveSection(section, ['sections', i], 2, source, context.organisations, anchors, fail))
    .filter((s): s is Section => s !== undefined);
  const dateOk = (value: string, parsed: unknown) => value === UNKNOWN_DATE || Boolean(parsed);
  if (!ok || !organisation || !dateOk(data.lastUpdated, lastUpdated) || !dateOk(data.nextReview, nextReview)) return undefined;
  if (data.writtenBefore && !writtenBefore) return undefined;

  const referenced = new Set<string>([organisation.id]);
  walkBlocks(sections, (block) => {
    if (block.type === 'contact') referenced.add(block.contact.organisation.id);
  });
  const contentHash = createHash('sha256')
    .update(source.text)
    .update(JSON.stringify([...referenced].sort().map((id) => context.organisations.get(id))))
    .update(JSON.stringify(context.siteData ?? {}))
    .digest('hex');

  return {
    id: data.id,
    url: `/${data.id}/`,
    source: source.file,
    title: data.title,
    // A title such as "Early help privacy notice" says what it is already: no caption above it.
    caption: data.caption ?? (/privacy notice/i.test(data.title) ? '' : 'Privacy notice'),
    organisation,
    summary: data.summary,
    status: data.status,
    ...(lastUpdated ? { lastUpdated } : {}),
    ...(nextReview ? { nextReview } : {}),
    ...(writtenBefore ? { writtenBefore } : {}),
    law: data.law ?? 'uk-gdpr',
    changes: data.changes ?? [],
    ...(noticeFacts(data) ? { facts: noticeFacts(data) } : {}),
    sections,
    easyRead: data.easyRead,
    contentHash,
  };
}

function resolveSection(
  data: SectionFile,
  at: PathSegment[],
  level: number,
  source: YamlSource,
  organisations: ReadonlyMap<string, Organisation>,
  anchors: Set<string>,
  report: Report,
): Section | undefined {
  if (level > 6) {
    report(diagnosticAt(source, at, 'sections-too-deep', {}));
    return undefined;
  }
  if (data.id) checkIdLength(data.id, source, [...at, 'id'], report);
  let id = data.id ?? (slugify(plainText(data.heading)) || 'section');
  // A heading whose slug is an id the layout uses gets a number, as a repeated heading does.
  if (anchors.has(id) || RESERVED_ANCHORS.has(id)) {
    if (data.id) report(diagnosticAt(source, [...at, 'id'], RESERVED_ANCHORS.has(id) ? 'reserved-anchor' : 'duplicate-section-id', { id }));
    let n = 2;
    while (anchors.has(`${id}-${n}`) || RESERVED_ANCHORS.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  anchors.add(id);

  const body: Block[] = [];
  (data.body ?? []).forEach((block, i) => {
    const resolved = resolveBlock(block, [...at, 'body', i], source, organisations, report);
    if (resolved) body.push(resolved);
  });
  const children = (data.sections ?? []).map((child, i) => resolveSection(child, [...at, 'sections', i], level + 1, source, organisations, anchors, report));

  const blocks = data.body ?? [];
  const heading = plainText(data.heading);
  if (blocks.length === 0 && children.length === 0) report(diagnosticAt(source, at, 'empty-section', { heading }));
  // A sentence that introduces something ("please contact:") must be followed by it.
  const last = blocks[blocks.length - 1];
  if (last?.type === 'paragraph' && /:\s*$/.test(plainText(last.text)) && children.length === 0) {
    report(diagnosticAt(source, [...at, 'body', blocks.length - 1], 'details-missing', { heading, ending: tail(plainText(last.text), 60) }));
  }

  return {
    id,
    heading: data.heading,
    level,
    covers: data.covers ?? [],
    body,
    sections: children.filter((s): s is Section => s !== undefined),
  };
}

function resolveBlock(block: BlockData, at: PathSegment[], source: YamlSource, organisations: ReadonlyMap<string, Organisation>, report: Report): Block | undefined {
  switch (block.type) {
    case 'paragraph':
      return block;
    case 'list':
      return { type: 'list', intro: block.intro, ordered: block.ordered ?? false, items: block.items };
    case 'address':
      return block;
    case 'table': {
      let ok = true;
      block.rows.forEach((row, r) => {
        if (row.length !== block.columns.length) {
          ok = false;
          report(diagnosticAt(source, [...at, 'rows', r], 'table-row-cells', { cells: row.length, columns: block.columns.length }));
        }
      });
      return ok ? { type: 'table', caption: block.caption, columns: block.columns, rows: block.rows, rowHeaders: block.rowHeaders ?? true } : undefined;
    }
    case 'contact': {
      const contact = resolveContact(block.contact, source, [...at, 'contact'], organisations, report);
      // The gap must be visible to whoever maintains the notice, not only in data/.
      if (contact && !isUsable(contact)) report(diagnosticAt(source, [...at, 'contact'], 'contact-name-only', { ref: block.contact, file: contact.organisation.source }));
      return contact ? { type: 'contact', contact } : undefined;
    }
  }
}

/** The end of a long text, starting at a word: "…please contact:". */
function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(-max);
  return `…${cut.slice(cut.indexOf(' ') + 1)}`;
}

/** Calls `visit` for every text field of a notice file, with its path. */
function walkTexts(value: unknown, at: PathSegment[], visit: (text: string, at: PathSegment[]) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((item, i) => walkTexts(item, [...at, i], visit));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkTexts(item, [...at, key], visit);
}

/** Calls `visit` for every block of the sections, depth first, in reading order. */
export function walkBlocks(sections: readonly Section[], visit: (block: Block, section: Section) => void): void {
  for (const section of sections) {
    for (const block of section.body) visit(block, section);
    walkBlocks(section.sections, visit);
  }
}

// --- Legal: facts, superseded notices, contact details typed into text -----------------------------------

const FACT_KEYS = ['collectedFrom', 'lawfulBases', 'legitimateInterests', 'transfersAbroad', 'automatedDecisions', 'representative', 'publicAuthority', 'exemptions'] as const;

/** The facts a notice states at its top (for the completeness report), or undefined when it states none. */
function noticeFacts(data: NoticeFileData): NoticeFactsData | undefined {
  const facts: Record<string, unknown> = {};
  for (const key of FACT_KEYS) if (data[key] !== undefined) facts[key] = data[key];
  return Object.keys(facts).length ? (facts as NoticeFactsData) : undefined;
}

/** A superseded notice's replacedBy: a notice of this site (by id) or a web address. */
/** `replacements`: each notice's replacedBy as written. */
function resolveReplacements(replacements: ReadonlyMap<Notice, string>, byId: ReadonlyMap<string, Notice>, sources: ReadonlyMap<Notice, YamlSource>, report: Report): void {
  for (const [notice, given] of replacements) {
    if (/^https:\/\/\S+$/.test(given)) {
      notice.replacedBy = { url: given };
      continue;
    }
    const current = byId.get(given);
    if (current && current !== notice && current.status !== 'draft') {
      notice.replacedBy = { url: current.url, title: current.title, noticeId: current.id };
      continue;
    }
    const nearest = closest(given, [...byId.keys()].filter((id) => id !== notice.id))[0];
    report(diagnosticAt(sources.get(notice)!, ['replacedBy'], 'unknown-replacement', { given, ...(nearest ? { suggestion: `Did you mean '${nearest}'?` } : {}) }));
  }
}

/** Digits only, for comparing phone numbers however they are spaced. */
const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/** Every email address (lower case) and phone number (digits) in data/, with the contact that holds it. */
function knownContacts(organisations: ReadonlyMap<string, Organisation>): Map<string, string> {
  const known = new Map<string, string>();
  for (const organisation of organisations.values()) {
    const points: [string, ContactPointData][] = Object.entries(organisation.contacts ?? {}).map(([id, point]) => [`${organisation.id}/${id}`, point]);
    if (organisation.dataProtectionOfficer) points.push([`${organisation.id}/dpo`, organisation.dataProtectionOfficer]);
    for (const [ref, point] of points) {
      if (point.email && !known.has(point.email.toLowerCase())) known.set(point.email.toLowerCase(), ref);
      if (point.phone && !known.has(phoneDigits(point.phone))) known.set(phoneDigits(point.phone), ref);
    }
  }
  return known;
}

const TYPED_EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const TYPED_PHONE = /(?<![\d])(?:\+44\s?|0)\d[\d ]{8,12}\d(?![\d])/g;

/** A paragraph that types an email address or phone number held in data/: suggest the contact block. */
function checkTypedContacts(sections: readonly SectionFile[], at: PathSegment[], source: YamlSource, context: Context, report: Report): void {
  sections.forEach((section, s) => {
    // A section that shows the contact block already has the details from data/: its sentences may name them.
    const shown = new Set((section.body ?? []).flatMap((block) => (block.type === 'contact' ? [findContactPoint(block.contact, context.organisations)?.ref ?? block.contact] : [])));
    (section.body ?? []).forEach((block, b) => {
      if (block.type !== 'paragraph') return;
      // Keyed by the address or the digits, so "[0303 123 1113](tel:03031231113)" counts once.
      const found = new Map<string, { typed: string; ref: string }>();
      for (const match of block.text.matchAll(TYPED_EMAIL)) {
        const key = match[0].toLowerCase();
        const ref = context.knownContacts.get(key);
        if (ref && !found.has(key)) found.set(key, { typed: match[0], ref });
      }
      for (const match of block.text.matchAll(TYPED_PHONE)) {
        const key = phoneDigits(match[0]);
        const ref = context.knownContacts.get(key);
        if (ref && !found.has(key)) found.set(key, { typed: match[0].trim(), ref });
      }
      for (const { typed, ref } of found.values()) if (!shown.has(ref)) report(diagnosticAt(source, [...at, s, 'body', b, 'text'], 'contact-typed-in-text', { typed, ref }));
    });
    checkTypedContacts(section.sections ?? [], [...at, s, 'sections'], source, context, report);
  });
}
