/**
 * Easy-read pictures for the views: resolves picture keys through the picture registry
 * (src/easyread/pictures.ts) and reads each SVG's size with an XML parser. The easy-read model
 * itself is src/views/easy-read.ts.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Notice, Site } from '../model/notice.js';
import { easyReadView, type EasyReadView, type PictureInfo, type PictureLookup } from '../views/easy-read.js';
import type { PictureLibrary } from './pictures.js';

export { easyReadRequest } from '../views/notice.js';
export { PICTURE_SIZE } from '../views/easy-read.js';

export interface SvgSize {
  width: number;
  height: number;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, processEntities: false });

const number = (value: unknown): number | undefined => {
  const match = /^\s*([\d.]+)\s*(?:px)?\s*$/.exec(String(value ?? ''));
  const n = match ? Number(match[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/** The intrinsic size of an SVG: its viewBox, else its width and height, else 72 by 72; undefined when it is not an SVG. */
export function svgSize(text: string): SvgSize | undefined {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const root = document.svg;
  if (root === undefined) return undefined;
  const attributes = (root && typeof root === 'object' ? root : {}) as Record<string, unknown>;
  const box = String(attributes.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  if (box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0) return { width: box[2]!, height: box[3]! };
  const width = number(attributes.width);
  const height = number(attributes.height);
  if (width && height) return { width, height };
  return { width: 72, height: 72 };
}

/**
 * Picture keys resolved through the registry, with their SVG text and size. The text is the
 * library's (an organisation's picture as the loader cleaned it), never the file read again.
 */
export function pictureLookup(library: PictureLibrary): PictureLookup {
  const sizes = new Map<string, SvgSize | undefined>();
  return (key, organisationId): PictureInfo | undefined => {
    const entry = library.entry(key, organisationId);
    if (!entry) return undefined;
    const svg = library.text(entry.svg);
    if (!sizes.has(entry.svg)) sizes.set(entry.svg, svg === undefined ? undefined : svgSize(svg));
    const size = sizes.get(entry.svg);
    if (!size || svg === undefined) throw new Error(`the picture '${key}' (${entry.file}) is missing or is not an SVG.`);
    const url = entry.origin === 'shared' ? `/pictures/${entry.key}.svg` : `/pictures/${organisationId}/${entry.key}.svg`;
    return { url, file: entry.svg, svg, width: size.width, height: size.height, ...(entry.credit ? { credit: entry.credit } : {}) };
  };
}

/** The easy-read model of a notice, its pictures resolved through `library`. */
export function easyReadPage(notice: Notice, site: Pick<Site, 'url' | 'pathPrefix'>, library: PictureLibrary): EasyReadView {
  const lookup = pictureLookup(library);
  return easyReadView(notice, site, (key, organisationId) => {
    try {
      return lookup(key, organisationId);
    } catch (error) {
      throw new Error(`${notice.source}: ${(error as Error).message}`);
    }
  });
}
