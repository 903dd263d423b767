/**
 * The picture library as an object, for the pages and PDFs that look keys up one at a time. The
 * library itself is loaded by the load stage (src/load/pictures.ts, as `site.pictures`); this only
 * wraps that plain data. The picture types live in src/model/pictures.ts.
 */
import { loadPictures, pictureSize, pictureText, svgSize } from '../load/pictures.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { findPicture, pictureKeysFor, pictureProblems, type PictureEntry, type Pictures, type SvgInfo } from '../model/pictures.js';

export { OPENMOJI_CREDIT, type PictureCredit, type PictureEntry, type ResolvedPicture, type SvgInfo } from '../model/pictures.js';
export { svgSize };

export class PictureLibrary {
  readonly pictures: Pictures;

  /** The loaded pictures, or a project folder to load them from. */
  constructor(from: Pictures | string) {
    this.pictures = typeof from === 'string' ? loadPictures({ root: from }) : from;
  }

  /** The picture a key names for an organisation's notices: its own first, then the shared one. */
  entry(key: string, organisationId: string): PictureEntry | undefined {
    return findPicture(this.pictures, key, organisationId);
  }

  /** Every key an organisation's notices can use, sorted. */
  keys(organisationId: string): string[] {
    return pictureKeysFor(this.pictures, organisationId);
  }

  /** Problems in data/pictures.yaml and the organisation's picture folder. */
  problems(organisationId: string): Diagnostic[] {
    return pictureProblems(this.pictures, organisationId);
  }

  /** The SVG text to publish or draw (an organisation's as cleaned by the loader), or undefined if it is missing or was refused. */
  text(file: string): string | undefined {
    return pictureText(this.pictures, { svg: file });
  }

  /** Width and height of an SVG file, or undefined if it is missing or not an SVG. */
  svg(file: string): SvgInfo | undefined {
    return pictureSize(this.pictures, { svg: file });
  }
}
