/**
 * Easy-read pictures, named by readable keys: the one set of picture types, and the schemas of
 * the picture files. The loader (src/load/pictures.ts) reads them into a `Pictures` value; the
 * easy-read checks, the HTML pages and the PDFs look keys up in it with findPicture, so a key means
 * the same picture everywhere.
 *
 * - data/pictures.yaml maps each shared key to an OpenMoji pictogram by hexcode
 *   (openmoji/color/svg/<hexcode>.svg in the openmoji package), with a short description.
 * - An organisation's own pictures are data/pictures/<organisation-id>/<key>.svg; its key wins
 *   over a shared key of the same name. Credits go in data/pictures/<organisation-id>/pictures.yaml.
 */
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { keptPictureKeys } from './lazy-parts.js';
import { HEXCODE_PATTERN, SLUG_PATTERN, URL_PATTERN } from './schema.js';

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

export interface SvgInfo {
  width: number;
  height: number;
}

/** A picture key resolved for an organisation's notices: the SVG file, and its credit. */
export interface ResolvedPicture {
  /** Absolute path of the SVG file. */
  svg: string;
  credit?: PictureCredit;
}

/** Everything known about one key. */
export interface PictureEntry extends ResolvedPicture {
  key: string;
  /** 'shared' for data/pictures.yaml (OpenMoji), 'organisation' for data/pictures/<organisation>/. */
  origin: 'shared' | 'organisation';
  /** Project-relative path of the SVG file (or its path in the openmoji package), for messages. */
  file: string;
  /** Where the key is defined, for messages: "data/pictures.yaml:14" or the SVG's own path. */
  definedAt: string;
  description?: string;
}

/** The picture library of a project, as loaded. Plain data: look keys up with findPicture. */
export interface Pictures {
  shared: ReadonlyMap<string, PictureEntry>;
  /** An organisation's own pictures, by organisation id, then key. */
  byOrganisation: ReadonlyMap<string, ReadonlyMap<string, PictureEntry>>;
  /**
   * The size of each SVG file read so far (null: missing, or not an SVG), by absolute path. The
   * loader reads the pictures notices use; pictureSize() adds any other on first use.
   */
  sizes: Map<string, SvgInfo | null>;
  /**
   * The SVG text to publish and draw, by absolute path. Every organisation picture is read and
   * cleaned by the loader (src/input/svg.ts) and kept here; null when it was refused. Shared
   * (OpenMoji) pictures are added on first use. Read it with pictureText() in src/load/pictures.ts.
   */
  texts: Map<string, string | null>;
  /**
   * Keys of data/pictures.yaml whose entry is broken, or 'all' when the file could not be read as
   * a whole: those are reported once, at their line, and not again where a notice uses them.
   */
  brokenSharedKeys?: ReadonlySet<string> | 'all';
  /** Problems in data/pictures.yaml ('' key) and in each organisation's folder (by id). */
  problems: ReadonlyMap<string, Diagnostic[]>;
}

export const OPENMOJI_CREDIT: PictureCredit = {
  text: 'OpenMoji',
  licence: 'CC BY-SA 4.0',
  url: 'https://openmoji.org',
  licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
};

export const PICTURES_FILE = 'pictures.yaml';
export const ORGANISATION_PICTURES_DIR = 'pictures';

/** The picture a key names for an organisation's notices: its own first, then the shared one. */
export function findPicture(pictures: Pictures, key: string, organisationId: string): PictureEntry | undefined {
  return pictures.byOrganisation.get(organisationId)?.get(key) ?? pictures.shared.get(key);
}

/** Whether a key that is not found may be one that data/pictures.yaml meant to define, but could not (reported there). */
export function isBrokenSharedKey(pictures: Pictures, key: string): boolean {
  const broken = pictures.brokenSharedKeys;
  return broken === 'all' || (broken?.has(key) ?? false);
}

/** The picture keys an easy read shows, each once, in the order it first shows them. */
export function easyReadPictureKeys(easyRead: { sections: readonly { items: readonly { picture?: string }[] }[] } | undefined): string[] {
  // Kept with an easy read from the load cache, so its sections need not be parsed (lazy-parts.ts).
  const kept = keptPictureKeys(easyRead);
  if (kept) return [...kept];
  const keys = new Set<string>();
  for (const section of easyRead?.sections ?? []) for (const item of section.items) if (item.picture !== undefined) keys.add(item.picture);
  return [...keys];
}

/** Every key an organisation's notices can use, sorted. */
export function pictureKeysFor(pictures: Pictures, organisationId: string): string[] {
  return [...new Set([...pictures.shared.keys(), ...(pictures.byOrganisation.get(organisationId)?.keys() ?? [])])].sort();
}

/** Problems in data/pictures.yaml and in the organisation's picture folder. */
export function pictureProblems(pictures: Pictures, organisationId: string): Diagnostic[] {
  return [...(pictures.problems.get('') ?? []), ...(pictures.problems.get(organisationId) ?? [])];
}

// --- The files ------------------------------------------------------------------------------------

export const PicturesFile = z
  .record(
    z.string().regex(SLUG_PATTERN, { message: 'Lower-case letters, digits and single hyphens.' }),
    z
      .object({
        openmoji: z
          .string()
          .regex(HEXCODE_PATTERN, { message: 'An OpenMoji hexcode in capitals.' })
          .meta({ description: 'The OpenMoji hexcode in quotes, e.g. "1F4DE" (see node_modules/openmoji/data/openmoji.json).' }),
        description: z.string().min(1).meta({ description: 'What the picture shows, in a few words.' }),
      })
      .strict(),
  )
  .meta({ title: 'Pictures', description: 'Shared easy-read pictures by key.' });

export const OrganisationPicturesFile = z
  .record(
    z.string().regex(SLUG_PATTERN, { message: 'Lower-case letters, digits and single hyphens.' }),
    z
      .object({
        description: z.string().min(1).optional().meta({ description: 'What the picture shows.' }),
        credit: z
          .object({
            text: z.string().min(1).meta({ description: 'Who made the picture, e.g. "Photo: Kent County Council".' }),
            licence: z.string().min(1).meta({ description: 'Its licence, e.g. "CC BY 4.0" or "All rights reserved".' }),
            url: z.string().regex(URL_PATTERN, { message: 'A web address.' }).optional(),
          })
          .strict()
          .optional()
          .meta({ description: 'The credit shown on every page that uses the picture.' }),
      })
      .strict(),
  )
  .meta({ title: "An organisation's pictures", description: 'Descriptions and credits of the SVG files in this folder, by key.' });
