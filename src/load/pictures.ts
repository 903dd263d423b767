/**
 * Loads the picture library of a project: data/pictures.yaml (OpenMoji by hexcode, from the
 * openmoji package, found from this module rather than the current folder) and each organisation's
 * own SVGs in data/pictures/<organisation>/. Synchronous, as the files are few and small.
 *
 * Every organisation SVG is cleaned here (sanitiseSvg, src/input/svg.ts: scripts, event handlers,
 * external references, foreignObject, style imports removed), once: the library keeps the cleaned
 * text (`texts`, read with pictureText) and both the HTML pages and the PDFs use that text, never
 * the file. A picture that had to be changed is a warning, one that cannot be used an error, each
 * at the picture's entry in its folder's pictures.yaml (or at the SVG file, when it has none).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
  findPicture,
  OPENMOJI_CREDIT,
  ORGANISATION_PICTURES_DIR,
  OrganisationPicturesFile,
  PICTURES_FILE,
  PicturesFile,
  type PictureEntry,
  type Pictures,
  type SvgInfo,
} from '../model/pictures.js';
import { SLUG_PATTERN } from '../model/schema.js';
import { decodeUtf8, escapeForTerminal } from '../input/decode.js';
import { LIMITS } from '../input/limits.js';
import { createSvgSanitiser, sanitiseSvg, type SanitisedSvg, type SvgSanitiser } from '../input/svg.js';
import { readErrorReason, sourceFromBytes } from './read-source.js';
import { diagnosticAt, validate } from './validate.js';
import type { YamlSource } from './yaml-source.js';

const require = createRequire(import.meta.url);

/** The folder holding OpenMoji's colour SVGs, inside the installed openmoji package. */
export function openMojiDir(): string {
  return path.join(path.dirname(require.resolve('openmoji/package.json')), 'color', 'svg');
}

export interface PictureLoadOptions {
  /** The project folder. */
  root: string;
  /** Data folder relative to root. Default: data. */
  dataDir?: string;
}

export function loadPictures(options: PictureLoadOptions): Pictures {
  const root = path.resolve(options.root);
  const dataDir = options.dataDir ?? 'data';
  const problems = new Map<string, Diagnostic[]>();
  const { entries: shared, broken: brokenSharedKeys } = loadShared(root, dataDir, problems);
  const byOrganisation = new Map<string, Map<string, PictureEntry>>();
  const texts = new Map<string, string | null>();
  const folder = `${dataDir}/${ORGANISATION_PICTURES_DIR}`;
  const cleaner = new Cleaner();
  try {
    for (const organisationId of listFolders(path.join(root, folder))) {
      const found: Diagnostic[] = [];
      byOrganisation.set(organisationId, loadOrganisation(root, `${folder}/${organisationId}`, found, texts, cleaner));
      if (found.length) problems.set(organisationId, found);
    }
  } finally {
    cleaner.close();
  }
  return { shared, byOrganisation, sizes: new Map(), texts, problems, brokenSharedKeys };
}

/**
 * The SVG text of a picture, to publish or draw: an organisation's as cleaned by the loader, a
 * shared (OpenMoji) one read from the openmoji package on first use. Undefined when the picture
 * was refused or its file is missing.
 */
export function pictureText(pictures: Pictures, entry: Pick<PictureEntry, 'svg'>): string | undefined {
  let text = pictures.texts.get(entry.svg);
  if (text === undefined) {
    // Only files the loader did not read get here: the openmoji package's (organisation pictures are all in `texts`).
    try {
      text = readFileSync(entry.svg, 'utf8');
    } catch {
      text = null;
    }
    pictures.texts.set(entry.svg, text);
  }
  return text ?? undefined;
}

/**
 * Looks picture keys up for the PDFs: the SVG's path, credit and text (the library's, cleaned by
 * the loader). Throws when the key's picture was refused or its file is missing.
 */
export function pictureResolver(pictures: Pictures) {
  return (key: string, organisationId: string): { svg: string; credit?: PictureEntry['credit']; text: string } | undefined => {
    const entry = findPicture(pictures, key, organisationId);
    if (!entry) return undefined;
    const text = pictureText(pictures, entry);
    if (text === undefined) throw new Error(`Its file ${entry.file} is missing or was refused (see the picture's message).`);
    return { svg: entry.svg, credit: entry.credit, text };
  };
}

/** The size of a picture's SVG, read on first use and kept in `pictures.sizes`; undefined when it is missing, refused or not an SVG. */
export function pictureSize(pictures: Pictures, entry: Pick<PictureEntry, 'svg'>): SvgInfo | undefined {
  let size = pictures.sizes.get(entry.svg);
  if (size === undefined) {
    const text = pictureText(pictures, entry);
    size = text === undefined ? null : (svgSize(text) ?? null);
    pictures.sizes.set(entry.svg, size);
  }
  return size ?? undefined;
}

/**
 * Cleans SVGs with one jsdom window for the whole load (made on first need). Results are kept by
 * the file's hash for the life of the process, so a library loaded again (the pages load their
 * own) does not clean the same picture twice.
 */
class Cleaner {
  private static readonly done = new Map<string, SanitisedSvg>();
  private sanitiser: SvgSanitiser | undefined;

  clean(text: string): SanitisedSvg {
    const hash = createHash('sha256').update(text).digest('hex');
    let result = Cleaner.done.get(hash);
    if (!result) {
      result = sanitiseSvg(text, LIMITS, (this.sanitiser ??= createSvgSanitiser()));
      if (Cleaner.done.size > 1000) Cleaner.done.clear();
      Cleaner.done.set(hash, result);
    }
    return result;
  }

  close(): void {
    this.sanitiser?.close();
    this.sanitiser = undefined;
  }
}

function loadShared(root: string, dataDir: string, problems: Map<string, Diagnostic[]>): { entries: Map<string, PictureEntry>; broken?: Set<string> | 'all' } {
  const entries = new Map<string, PictureEntry>();
  const diagnostics: Diagnostic[] = [];
  const relative = `${dataDir}/${PICTURES_FILE}`;
  const source = readYaml(root, relative, diagnostics);
  let broken: Set<string> | 'all' | undefined = diagnostics.some((d) => d.severity === 'error') ? 'all' : undefined;
  if (source) {
    const { value, diagnostics: found } = validate(PicturesFile, source);
    diagnostics.push(...found);
    let valid = value;
    if (!valid && source.data && typeof source.data === 'object' && !Array.isArray(source.data)) {
      // Keep the entries that are right, so one mistake is reported once, here, and not at every use of every key.
      valid = {};
      broken = new Set();
      for (const [key, data] of Object.entries(source.data)) {
        const one = PicturesFile.safeParse({ [key]: data });
        if (one.success) Object.assign(valid, one.data);
        else broken.add(key);
      }
    } else if (!valid) {
      broken = 'all';
    }
    const dir = openMojiDir();
    for (const [key, data] of Object.entries(valid ?? {})) {
      // Said once here, at the entry; a notice that uses the key is told the picture cannot be used.
      if (!existsSync(path.join(dir, `${data.openmoji}.svg`))) diagnostics.push(diagnosticAt(source, [key, 'openmoji'], 'unknown-openmoji', { hexcode: data.openmoji }));
      entries.set(key, {
        key,
        origin: 'shared',
        svg: path.join(dir, `${data.openmoji}.svg`),
        file: `openmoji/color/svg/${data.openmoji}.svg`,
        definedAt: `${relative}:${source.keyPositionOf([key]).line}`,
        description: data.description,
        credit: OPENMOJI_CREDIT,
      });
    }
  }
  if (diagnostics.length) problems.set('', diagnostics);
  return { entries, broken };
}

function loadOrganisation(root: string, folder: string, diagnostics: Diagnostic[], texts: Map<string, string | null>, cleaner: Cleaner): Map<string, PictureEntry> {
  const entries = new Map<string, PictureEntry>();
  const creditsFile = `${folder}/pictures.yaml`;
  const source = readYaml(root, creditsFile, diagnostics);
  const checked = source ? validate(OrganisationPicturesFile, source) : undefined;
  diagnostics.push(...(checked?.diagnostics ?? []));
  const credits = checked?.value ?? {};
  for (const name of listSvgs(path.join(root, folder))) {
    const key = name.replace(/\.svg$/i, '');
    const file = `${folder}/${name}`;
    if (!SLUG_PATTERN.test(key)) {
      diagnostics.push(diagnostic('picture-file-name', { name }, { file, line: 0, column: 0 }));
      continue;
    }
    const meta = credits[key];
    const absolute = path.join(root, file);
    // At the picture's entry in pictures.yaml when it has one, else at the file itself.
    const place = source && Object.hasOwn(credits, key) ? { file: creditsFile, ...source.keyPositionOf([key]), path: key } : { file, line: 0, column: 0 };
    const { text, problem } = readPicture(absolute, file, cleaner);
    texts.set(absolute, text);
    if (problem) diagnostics.push(diagnostic(problem.code, { file, ...problem.params } as never, place));
    entries.set(key, { key, origin: 'organisation', svg: absolute, file, definedAt: place.line ? `${creditsFile}:${place.line}` : file, description: meta?.description, credit: meta?.credit });
  }
  if (source) {
    for (const key of Object.keys(credits)) {
      if (!entries.has(key)) diagnostics.push(diagnosticAt(source, [key], 'picture-credit-without-file', { folder, key }, { at: 'key' }));
    }
  }
  return entries;
}

type PictureProblem = { code: 'picture-refused'; params: { reason: string } } | { code: 'picture-changed'; params: { changes: string[] } };

/** An organisation's SVG, read within the size limit, decoded and cleaned; null text when it cannot be used. */
function readPicture(absolute: string, file: string, cleaner: Cleaner): { text: string | null; problem?: PictureProblem } {
  const refused = (reason: string) => ({ text: null, problem: { code: 'picture-refused' as const, params: { reason } } });
  let bytes: Buffer;
  try {
    const size = statSync(absolute).size;
    if (size > LIMITS.pictureBytes) return refused(`it is ${size.toLocaleString('en-GB')} bytes, more than the limit of ${LIMITS.pictureBytes.toLocaleString('en-GB')} bytes for a picture.`);
    bytes = readFileSync(absolute);
  } catch (error) {
    return refused(`it cannot be read (${readErrorReason(error)}).`);
  }
  const decoded = decodeUtf8(bytes, file);
  if ('problem' in decoded) return refused(`it is not saved as UTF-8 (line ${decoded.problem.line}, column ${decoded.problem.column}).`);
  const result = cleaner.clean(decoded.text);
  if ('error' in result) return refused(escapeForTerminal(result.error));
  if (result.changes.length === 0) return { text: result.svg };
  return { text: result.svg, problem: { code: 'picture-changed', params: { changes: result.changes.map(escapeForTerminal) } } };
}

function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function listSvgs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /\.svg$/i.test(name))
      .sort();
  } catch {
    return [];
  }
}

/** A YAML file that may be absent (pictures are optional); problems go to `diagnostics`. */
function readYaml(root: string, relative: string, diagnostics: Diagnostic[]): YamlSource | undefined {
  const file = path.join(root, relative);
  let bytes: Buffer;
  try {
    const info = statSync(file);
    if (info.isDirectory()) {
      diagnostics.push(diagnostic('path-is-folder', {}, { file: relative, line: 0, column: 0 }));
      return undefined;
    }
    if (info.size > LIMITS.fileBytes) {
      diagnostics.push(diagnostic('file-too-large', { bytes: info.size, limit: LIMITS.fileBytes }, { file: relative, line: 0, column: 0 }));
      return undefined;
    }
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') diagnostics.push(diagnostic('file-unreadable', { reason: readErrorReason(error) }, { file: relative, line: 0, column: 0 }));
    return undefined;
  }
  const { source, diagnostics: found } = sourceFromBytes(relative, bytes);
  diagnostics.push(...found);
  if (!source || source.data === null || source.data === undefined) return undefined;
  return source;
}

// Only the <svg> element's own attributes are wanted: its content is left unparsed.
const svgParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', stopNodes: ['svg'], ignoreDeclaration: true, ignorePiTags: true });

/**
 * The intrinsic size of an SVG: its viewBox, else its width and height, else 72 × 72 (OpenMoji's
 * size); undefined when the text is not an SVG.
 */
export function svgSize(text: string): SvgInfo | undefined {
  let root: unknown;
  try {
    root = (svgParser.parse(text) as Record<string, unknown>).svg;
  } catch {
    return undefined;
  }
  if (root === undefined) return undefined;
  const attributes = (typeof root === 'object' && root !== null ? root : {}) as Record<string, unknown>;
  const viewBox = String(attributes.viewBox ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) return { width: viewBox[2]!, height: viewBox[3]! };
  // Only plain or px lengths: a width of 100% says nothing about the picture's shape.
  const length = (value: unknown) => (/^\s*[\d.]+(?:px)?\s*$/.test(String(value ?? '')) ? parseFloat(String(value)) : 0);
  const width = length(attributes.width);
  const height = length(attributes.height);
  if (width > 0 && height > 0) return { width, height };
  return { width: 72, height: 72 };
}
