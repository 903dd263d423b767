/**
 * Easy-read pictures for the views: resolves picture keys through the picture registry
 * (src/easyread/pictures.ts), with each SVG's text and size from the library. The easy-read model
 * itself is src/views/easy-read.ts.
 */
import type { Notice, Site } from '../model/notice.js';
import { easyReadView, type EasyReadView, type PictureInfo, type PictureLookup } from '../views/easy-read.js';
import type { PictureLibrary } from './pictures.js';

export { easyReadRequest } from '../views/notice.js';
export { PICTURE_SIZE } from '../views/easy-read.js';

/**
 * Picture keys resolved through the registry, with their SVG text and size. The text is the
 * library's (an organisation's picture as the loader cleaned it), never the file read again; the
 * size is the library's too, read once from the SVG's root element and shared with the easy-read checks.
 */
export function pictureLookup(library: PictureLibrary): PictureLookup {
  return (key, organisationId): PictureInfo | undefined => {
    const entry = library.entry(key, organisationId);
    if (!entry) return undefined;
    const svg = library.text(entry.svg);
    const size = library.svg(entry.svg);
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
