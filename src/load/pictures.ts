/**
 * Loads the picture library of a project: data/pictures.yaml (OpenMoji by hexcode, from the
 * openmoji package, found from this module rather than the current folder) and each organisation's
 * own SVGs in data/pictures/<organisation>/. Synchronous, as the files are few and small.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import {
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
import { diagnosticAt, validate } from './validate.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

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
  const shared = loadShared(root, dataDir, problems);
  const byOrganisation = new Map<string, Map<string, PictureEntry>>();
  const folder = `${dataDir}/${ORGANISATION_PICTURES_DIR}`;
  for (const organisationId of listFolders(path.join(root, folder))) {
    const found: Diagnostic[] = [];
    byOrganisation.set(organisationId, loadOrganisation(root, `${folder}/${organisationId}`, found));
    if (found.length) problems.set(organisationId, found);
  }
  return { shared, byOrganisation, sizes: new Map(), problems };
}

/** The size of a picture's SVG, read on first use and kept in `pictures.sizes`; undefined when it is missing or not an SVG. */
export function pictureSize(pictures: Pictures, entry: Pick<PictureEntry, 'svg'>): SvgInfo | undefined {
  let size = pictures.sizes.get(entry.svg);
  if (size === undefined) {
    try {
      size = svgSize(readFileSync(entry.svg, 'utf8')) ?? null;
    } catch {
      size = null;
    }
    pictures.sizes.set(entry.svg, size);
  }
  return size ?? undefined;
}

function loadShared(root: string, dataDir: string, problems: Map<string, Diagnostic[]>): Map<string, PictureEntry> {
  const entries = new Map<string, PictureEntry>();
  const diagnostics: Diagnostic[] = [];
  const relative = `${dataDir}/${PICTURES_FILE}`;
  const source = readYaml(root, relative, diagnostics);
  if (source) {
    const { value, diagnostics: found } = validate(PicturesFile, source);
    diagnostics.push(...found);
    const dir = openMojiDir();
    for (const [key, data] of Object.entries(value ?? {})) {
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
  return entries;
}

function loadOrganisation(root: string, folder: string, diagnostics: Diagnostic[]): Map<string, PictureEntry> {
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
    entries.set(key, { key, origin: 'organisation', svg: path.join(root, file), file, definedAt: file, description: meta?.description, credit: meta?.credit });
  }
  if (source) {
    for (const key of Object.keys(credits)) {
      if (!entries.has(key)) diagnostics.push(diagnosticAt(source, [key], 'picture-credit-without-file', { folder, key }, { at: 'key' }));
    }
  }
  return entries;
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
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') diagnostics.push(diagnostic('file-unreadable', { reason: String((error as Error).message) }, { file: relative, line: 0, column: 0 }));
    return undefined;
  }
  const parsed = parseYaml(relative, text);
  if (!parsed.ok) {
    diagnostics.push(parsed.diagnostic);
    return undefined;
  }
  if (parsed.source.data === null || parsed.source.data === undefined) return undefined;
  return parsed.source;
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
