/**
 * Pictures for easy-read pages and PDFs, named by readable keys.
 *
 * - data/pictures.yaml maps each shared key to an OpenMoji pictogram by hexcode
 *   (node_modules/openmoji/color/svg/<hexcode>.svg), with a short description.
 * - An organisation's own pictures are data/pictures/<organisation-id>/<key>.svg. Its notices use
 *   them by key like the shared ones, and its key wins over a shared key of the same name.
 *   Their credits (optional) are in data/pictures/<organisation-id>/pictures.yaml.
 *
 * The HTML stage, the PDF renderer and the checks all resolve keys here, so a key means the same
 * picture everywhere. Files are read synchronously (the PDF renderer's call is synchronous) and
 * cached by modification time, so a change shows up on the next build in watch mode.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { validate } from '../load/validate.js';
import { parseYaml, type YamlSource } from '../load/yaml-source.js';
import { SLUG_PATTERN } from '../model/schema.js';

export interface PictureCredit {
  /** Who made the pictures, e.g. "OpenMoji". */
  text: string;
  /** e.g. "CC BY-SA 4.0". */
  licence: string;
  /** The maker's web address. */
  url?: string;
  /** The licence's web address. */
  licenceUrl?: string;
}

export interface ResolvedPicture {
  /** Absolute path of the SVG file. */
  svg: string;
  credit?: PictureCredit;
}

/** Everything known about one key, for the checks and the page. */
export interface PictureEntry {
  key: string;
  /** 'shared' for data/pictures.yaml (OpenMoji), 'organisation' for data/pictures/<organisation>/. */
  origin: 'shared' | 'organisation';
  /** Absolute path of the SVG file. */
  svg: string;
  /** Project-relative path of the SVG file, for messages. */
  file: string;
  /** Where the key is defined, for messages: "data/pictures.yaml:14" or the SVG's own path. */
  definedAt: string;
  description?: string;
  credit?: PictureCredit;
}

export interface SvgInfo {
  width: number;
  height: number;
}

export const OPENMOJI_CREDIT: PictureCredit = {
  text: 'OpenMoji',
  licence: 'CC BY-SA 4.0',
  url: 'https://openmoji.org',
  licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
};

export const PICTURES_FILE = 'data/pictures.yaml';
export const ORGANISATION_PICTURES_DIR = 'data/pictures';

const HEXCODE = /^[0-9A-F]{2,6}(?:-[0-9A-F]{2,6})*$/;

export const PicturesFile = z
  .record(
    z.string().regex(SLUG_PATTERN, { message: 'slug' }),
    z
      .object({
        openmoji: z
          .string()
          .regex(HEXCODE, { message: 'this is not an OpenMoji hexcode: write it in quotes and capitals, as in node_modules/openmoji/data/openmoji.json, e.g. "1F4DE".' })
          .meta({ description: 'The OpenMoji hexcode in quotes, e.g. "1F4DE" (see node_modules/openmoji/data/openmoji.json).' }),
        description: z.string().min(1).meta({ description: 'What the picture shows, in a few words.' }),
      })
      .strict(),
  )
  .meta({ title: 'Pictures', description: 'Shared easy-read pictures by key.' });

export const OrganisationPicturesFile = z
  .record(
    z.string().regex(SLUG_PATTERN, { message: 'slug' }),
    z
      .object({
        description: z.string().min(1).optional().meta({ description: 'What the picture shows.' }),
        credit: z
          .object({
            text: z.string().min(1).meta({ description: 'Who made the picture, e.g. "Photo: Kent County Council".' }),
            licence: z.string().min(1).meta({ description: 'Its licence, e.g. "CC BY 4.0" or "All rights reserved".' }),
            url: z.string().regex(/^https?:\/\/\S+$/, { message: 'url' }).optional(),
          })
          .strict()
          .optional()
          .meta({ description: 'The credit shown on every page that uses the picture.' }),
      })
      .strict(),
  )
  .meta({ title: "An organisation's pictures", description: 'Descriptions and credits of the SVG files in this folder, by key.' });

const require = createRequire(import.meta.url);

/** The folder holding OpenMoji's colour SVGs. */
export function openMojiDir(): string {
  return path.join(path.dirname(require.resolve('openmoji/package.json')), 'color', 'svg');
}

interface Cached<T> {
  stamp: string;
  value: T;
}

/** The pictures of one project folder (the one holding data/). */
export class PictureLibrary {
  readonly root: string;
  private shared?: Cached<{ entries: Map<string, PictureEntry>; diagnostics: Diagnostic[] }>;
  private organisations = new Map<string, Cached<{ entries: Map<string, PictureEntry>; diagnostics: Diagnostic[] }>>();
  private svgInfo = new Map<string, Cached<SvgInfo | undefined>>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The picture a key names for an organisation's notices: its own first, then the shared one. */
  entry(key: string, organisationId: string): PictureEntry | undefined {
    return this.organisationEntries(organisationId).entries.get(key) ?? this.sharedEntries().entries.get(key);
  }

  /** Every key an organisation's notices can use, sorted. */
  keys(organisationId: string): string[] {
    return [...new Set([...this.sharedEntries().entries.keys(), ...this.organisationEntries(organisationId).entries.keys()])].sort();
  }

  /** Problems in data/pictures.yaml and the organisation's picture folder (positioned in those files). */
  problems(organisationId: string): Diagnostic[] {
    return [...this.sharedEntries().diagnostics, ...this.organisationEntries(organisationId).diagnostics];
  }

  /** Width and height from the SVG's viewBox (or width/height), or undefined if the file is missing or not an SVG. */
  svg(file: string): SvgInfo | undefined {
    const stamp = fileStamp(file);
    const cached = this.svgInfo.get(file);
    if (cached && cached.stamp === stamp) return cached.value;
    let value: SvgInfo | undefined;
    try {
      value = svgSize(readFileSync(file, 'utf8'));
    } catch {
      value = undefined;
    }
    this.svgInfo.set(file, { stamp, value });
    return value;
  }

  sharedEntries(): { entries: Map<string, PictureEntry>; diagnostics: Diagnostic[] } {
    const file = path.join(this.root, PICTURES_FILE);
    const stamp = fileStamp(file);
    if (this.shared && this.shared.stamp === stamp) return this.shared.value;
    const entries = new Map<string, PictureEntry>();
    const diagnostics: Diagnostic[] = [];
    const source = readYaml(file, PICTURES_FILE, diagnostics, false);
    if (source) {
      const { value, diagnostics: problems } = validate(PicturesFile, source);
      diagnostics.push(...problems);
      const dir = openMojiDir();
      for (const [key, data] of Object.entries(value ?? {})) {
        const svg = path.join(dir, `${data.openmoji}.svg`);
        const line = source.keyPositionOf([key]).line;
        entries.set(key, {
          key,
          origin: 'shared',
          svg,
          file: path.relative(this.root, svg).split(path.sep).join('/'),
          definedAt: `${PICTURES_FILE}:${line}`,
          description: data.description,
          credit: OPENMOJI_CREDIT,
        });
      }
    }
    this.shared = { stamp, value: { entries, diagnostics } };
    return this.shared.value;
  }

  organisationEntries(organisationId: string): { entries: Map<string, PictureEntry>; diagnostics: Diagnostic[] } {
    const relativeDir = `${ORGANISATION_PICTURES_DIR}/${organisationId}`;
    const dir = path.join(this.root, relativeDir);
    const creditsFile = path.join(dir, 'pictures.yaml');
    const stamp = `${fileStamp(dir)}|${fileStamp(creditsFile)}|${listSvgs(dir).map((f) => `${f}:${fileStamp(path.join(dir, f))}`).join(',')}`;
    const cached = this.organisations.get(organisationId);
    if (cached && cached.stamp === stamp) return cached.value;
    const entries = new Map<string, PictureEntry>();
    const diagnostics: Diagnostic[] = [];
    const source = readYaml(creditsFile, `${relativeDir}/pictures.yaml`, diagnostics, false);
    const checked = source ? validate(OrganisationPicturesFile, source) : undefined;
    diagnostics.push(...(checked?.diagnostics ?? []));
    const credits = checked?.value ?? {};
    for (const name of listSvgs(dir)) {
      const key = name.replace(/\.svg$/i, '');
      const file = `${relativeDir}/${name}`;
      if (!SLUG_PATTERN.test(key)) {
        diagnostics.push({
          severity: 'error',
          file,
          line: 0,
          column: 0,
          path: '',
          message: `'${name}' cannot be a picture key: keys may only contain lower-case letters, digits and single hyphens.`,
          hint: 'Rename the file, e.g. town-hall.svg.',
        });
        continue;
      }
      const meta = credits[key];
      entries.set(key, { key, origin: 'organisation', svg: path.join(dir, name), file, definedAt: file, description: meta?.description, credit: meta?.credit });
    }
    if (source) {
      for (const key of Object.keys(credits)) {
        if (!entries.has(key)) {
          diagnostics.push({
            severity: 'warning',
            file: `${relativeDir}/pictures.yaml`,
            line: source.keyPositionOf([key]).line,
            column: source.keyPositionOf([key]).column,
            path: key,
            message: `there is no picture ${relativeDir}/${key}.svg for this entry.`,
            hint: 'Add the SVG file, or remove the entry.',
          });
        }
      }
    }
    const value = { entries, diagnostics };
    this.organisations.set(organisationId, { stamp, value });
    return value;
  }
}

function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'none';
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

function readYaml(file: string, relative: string, diagnostics: Diagnostic[], required: boolean): YamlSource | undefined {
  if (!existsSync(file)) {
    if (required) diagnostics.push({ severity: 'error', file: relative, line: 0, column: 0, path: '', message: 'this file is missing.', hint: 'Restore it from git.' });
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    diagnostics.push({ severity: 'error', file: relative, line: 0, column: 0, path: '', message: `this file cannot be read: ${String(error)}`, hint: 'Check that it is a readable text file.' });
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

/** The intrinsic size of an SVG: its viewBox, else its width and height, else undefined when it is not an SVG. */
export function svgSize(text: string): SvgInfo | undefined {
  const open = /<svg\b[^>]*>/i.exec(text);
  if (!open) return undefined;
  const tag = open[0];
  const viewBox = /\bviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(tag);
  if (viewBox) return { width: Number(viewBox[1]), height: Number(viewBox[2]) };
  const width = /\bwidth\s*=\s*["']([\d.]+)(?:px)?["']/i.exec(tag);
  const height = /\bheight\s*=\s*["']([\d.]+)(?:px)?["']/i.exec(tag);
  if (width && height) return { width: Number(width[1]), height: Number(height[1]) };
  return { width: 72, height: 72 };
}

// --- The project's own library (the build runs from the project folder) -----------------------------

const libraries = new Map<string, PictureLibrary>();

/** The library of a project folder (default: the current folder, where the build runs). */
export function pictureLibrary(root: string = process.cwd()): PictureLibrary {
  const key = path.resolve(root);
  let library = libraries.get(key);
  if (!library) {
    library = new PictureLibrary(key);
    libraries.set(key, library);
  }
  return library;
}

/**
 * The SVG file and credit of a picture key for an organisation's notices, or undefined when the
 * key is unknown. Throws, naming the file, when the key is known but its SVG is missing or is not
 * an SVG (the load stage reports that as an error first, so a clean build never gets here).
 */
export function resolvePicture(key: string, organisationId: string): ResolvedPicture | undefined {
  const library = pictureLibrary();
  const entry = library.entry(key, organisationId);
  if (!entry) return undefined;
  if (!library.svg(entry.svg)) throw new Error(`The picture '${key}' (${entry.definedAt}) cannot be used: ${entry.file} is missing or is not an SVG file.`);
  return entry.credit ? { svg: entry.svg, credit: entry.credit } : { svg: entry.svg };
}

/** Every picture key an organisation's notices can use. */
export function pictureKeys(organisationId: string): string[] {
  return pictureLibrary().keys(organisationId);
}
