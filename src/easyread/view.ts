/**
 * What the easy-read templates see: plain objects made here, so the page is simple loops and every
 * decision (picture addresses and sizes, anchors, credits, how to ask for an easy read) is tested in
 * TypeScript.
 */
import type { Notice, Organisation } from '../model/notice.js';
import { contactLines, type ContactLine } from '../text/contact.js';
import { plainText } from '../text/markdown.js';
import { slugify } from '../text/slug.js';
import { pictureLibrary, type PictureCredit, type PictureLibrary } from './pictures.js';

/** Shown width of every picture's width/height attributes (CSS sets the real size; this keeps the aspect ratio). */
export const PICTURE_SIZE = 120;

export interface PictureView {
  /** Site-relative URL, e.g. "/pictures/phone.svg" or "/pictures/kent-county-council/logo.svg". */
  url: string;
  width: number;
  height: number;
  /** "" for a decorative picture. */
  alt: string;
  /** The SVG file the picture comes from. */
  file: string;
  /** The SVG text to publish at `url`: the picture library's (cleaned by the loader), never the file read again. */
  svg: string;
}

export interface ItemView {
  picture: PictureView;
  /** Sentences as inline Markdown (render with | inline | safe). */
  text: string[];
}

export interface SectionView {
  id: string;
  heading: string;
  items: ItemView[];
}

export interface WordView {
  id: string;
  word: string;
  meaning: string;
}

export interface EasyReadPage {
  title: string;
  sections: SectionView[];
  words: WordView[];
  /** One credit per picture source used on the page (OpenMoji, the organisation's own). */
  credits: PictureCredit[];
  pictures: PictureView[];
}

/** The easy-read page of a notice. Throws if the notice has no easy read, or names an unknown picture (the load stage reports those first). */
export function easyReadPage(notice: Notice, library: PictureLibrary = pictureLibrary()): EasyReadPage {
  const easyRead = notice.easyRead;
  if (!easyRead) throw new Error(`The notice ${notice.id} has no easy-read version.`);
  const ids = new Set<string>(['word-list', 'main-content']);
  const uniqueId = (text: string) => {
    const base = slugify(plainText(text)) || 'section';
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const credits = new Map<string, PictureCredit>();
  const pictures = new Map<string, PictureView>();

  const sections = easyRead.sections.map((section) => ({
    id: uniqueId(section.heading),
    heading: section.heading,
    items: section.items.map((item): ItemView => {
      const entry = library.entry(item.picture, notice.organisation.id);
      if (!entry) throw new Error(`${notice.source}: there is no picture '${item.picture}'.`);
      const size = library.svg(entry.svg);
      const svg = library.text(entry.svg);
      if (!size || svg === undefined) throw new Error(`${notice.source}: the picture '${item.picture}' (${entry.file}) is missing or is not an SVG.`);
      const url = entry.origin === 'shared' ? `/pictures/${entry.key}.svg` : `/pictures/${notice.organisation.id}/${entry.key}.svg`;
      const picture: PictureView = {
        url,
        width: PICTURE_SIZE,
        height: Math.max(1, Math.round((PICTURE_SIZE * size.height) / size.width)),
        alt: item.decorative ? '' : (item.alt ?? ''),
        file: entry.svg,
        svg,
      };
      pictures.set(url, picture);
      if (entry.credit) credits.set(`${entry.credit.text}|${entry.credit.licence}`, entry.credit);
      return { picture, text: item.text };
    }),
  }));

  const words = (easyRead.words ?? []).map((w) => ({ id: `word-${slugify(w.word) || 'word'}`, word: w.word, meaning: w.meaning }));
  return { title: easyRead.title ?? notice.title, sections, words, credits: [...credits.values()], pictures: [...pictures.values()] };
}

export interface EasyReadRequest {
  /** The organisation to ask. */
  name: string;
  /** Email and telephone of its first contact point; else a website; else postal address lines. */
  lines: ContactLine[];
}

/** How to ask an organisation for an easy-read version: its first contact point's email and phone. */
export function easyReadRequest(organisation: Organisation): EasyReadRequest {
  const first = Object.values(organisation.contacts ?? {})[0];
  const direct = first ? contactLines({ email: first.email, phone: first.phone }) : [];
  if (direct.length) return { name: organisation.name, lines: direct };
  const website = first?.website ?? organisation.website;
  if (website) return { name: organisation.name, lines: contactLines({ website }) };
  const address = first?.lines ?? [];
  return { name: organisation.name, lines: address.length > 1 ? [{ text: address.join(', ') }] : [] };
}
