/**
 * The easy-read version as both renderers draw it: the page (layouts/pages/easy-read.njk) and
 * the PDF (src/pdf/easy-read.ts). Introduction, items with their pictures, word list, the help
 * contact and the picture credits are all decided here.
 */
import type { Notice, Site } from '../model/notice.js';
import { contactLines, displayUrl, type ContactLine } from '../text/contact.js';
import { slugify } from '../text/slug.js';
import { helpContact } from './help.js';
import { inline, join, link, literal, type InlineText } from './inline.js';
import { absoluteUrl, dateView, type DateView } from './notice.js';

/** Shown width of every picture on the page (CSS sets the real size; width/height keep the aspect ratio). */
export const PICTURE_SIZE = 120;

export interface PictureCredit {
  text: string;
  licence: string;
  url?: string;
  licenceUrl?: string;
}

/** A picture key resolved for one organisation: where it is published, its file, size and credit. */
export interface PictureInfo {
  /** Site-relative URL, e.g. "/pictures/phone.svg". */
  url: string;
  /** The SVG file (absolute path). */
  file: string;
  /** The SVG text to publish: the loaded picture library's, cleaned by the loader (src/load/pictures.ts). */
  svg?: string;
  /** Intrinsic size, from the SVG. */
  width: number;
  height: number;
  credit?: PictureCredit;
}

export type PictureLookup = (key: string, organisationId: string) => PictureInfo | undefined;

export interface PictureView {
  key: string;
  url: string;
  file: string;
  /** The SVG text to publish at `url` (PictureInfo.svg). */
  svg?: string;
  /** Shown size on the page. */
  width: number;
  height: number;
  /** "" for a decorative picture (an artifact in the PDF). */
  alt: string;
}

export interface ItemView {
  picture?: PictureView;
  text: InlineText[];
}

export interface EasyReadSectionView {
  id: string;
  heading: InlineText;
  items: ItemView[];
}

export interface WordView {
  id: string;
  word: string;
  meaning: InlineText;
}

export interface EasyReadView {
  noticeId: string;
  source: string;
  /** Site-relative URL of the easy-read page. */
  url: string;
  title: InlineText;
  /** The full notice's title, as plain words. */
  noticeTitle: string;
  organisation: { id: string; name: string; brandColour?: string };
  caption: string;
  introduction: string;
  lastUpdated: DateView;
  sections: EasyReadSectionView[];
  words: WordView[];
  wordsIntroduction: string;
  help: { heading: string; text: string; lines: ContactLine[] };
  /** The link back to the full notice (site-relative and absolute). */
  fullNotice: { text: string; url: string; absoluteUrl: string };
  /** One sentence per picture source ("Pictures: OpenMoji (openmoji.org), licence CC BY-SA 4.0."). */
  credits: { heading: string; lines: InlineText[] };
  /** Every picture the page shows once, for copying into the site. */
  pictures: PictureView[];
}

function creditLine(credit: PictureCredit): InlineText {
  return join(
    literal('Pictures: '),
    credit.url ? link(`${credit.text} (${displayUrl(credit.url)})`, credit.url) : literal(credit.text),
    literal(', licence '),
    credit.licenceUrl ? link(credit.licence, credit.licenceUrl) : literal(credit.licence),
    literal('.'),
  );
}

/** The address of a notice's easy-read page. */
export function easyReadUrl(notice: Pick<Notice, 'url'>): string {
  return `${notice.url}easy-read/`;
}

/** The easy-read version of a notice. Throws if it has none, or names a picture `pictures` does not know (loading reports those first). */
export function easyReadView(notice: Notice, site: Pick<Site, 'url' | 'pathPrefix'>, pictures: PictureLookup): EasyReadView {
  const easyRead = notice.easyRead;
  if (!easyRead) throw new Error(`${notice.source}: this notice has no easy-read version.`);
  const organisation = notice.organisation;
  const ids = new Set<string>(['word-list', 'main-content', 'ask-for-help', 'pictures']);
  const uniqueId = (text: string) => {
    const base = slugify(text) || 'section';
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const credits = new Map<string, PictureCredit>();
  const shown = new Map<string, PictureView>();
  const sections = easyRead.sections.map((section): EasyReadSectionView => {
    const heading = inline(section.heading);
    return {
      id: uniqueId(heading.plain),
      heading,
      items: section.items.map((item): ItemView => {
        const text = item.text.map(inline);
        if (item.picture === undefined) return { text };
        const info = pictures(item.picture, organisation.id);
        if (!info) throw new Error(`${notice.source}: there is no picture '${item.picture}'.`);
        const picture: PictureView = {
          key: item.picture,
          url: info.url,
          file: info.file,
          ...(info.svg !== undefined ? { svg: info.svg } : {}),
          width: PICTURE_SIZE,
          height: Math.max(1, Math.round((PICTURE_SIZE * info.height) / info.width)),
          alt: item.decorative ? '' : (item.alt ?? ''),
        };
        shown.set(info.url, picture);
        if (info.credit) credits.set(`${info.credit.text}|${info.credit.licence}`, info.credit);
        return { picture, text };
      }),
    };
  });
  const words = (easyRead.words ?? []).map((w): WordView => ({ id: `word-${slugify(w.word) || 'word'}`, word: w.word, meaning: inline(w.meaning) }));
  const contact = helpContact(organisation);
  const website = organisation.website;
  const title = inline(easyRead.title ?? notice.title);
  const noticeTitle = inline(notice.title).plain;
  return {
    noticeId: notice.id,
    source: notice.source,
    url: easyReadUrl(notice),
    title,
    noticeTitle,
    organisation: { id: organisation.id, name: organisation.name, ...(organisation.brandColour ? { brandColour: organisation.brandColour } : {}) },
    caption: 'Easy read',
    introduction: `This is the easy read version of a privacy notice from ${organisation.name}.`,
    lastUpdated: dateView(notice.lastUpdated),
    sections,
    words,
    wordsIntroduction: 'These are the hard words in this notice, and what they mean.',
    help: {
      heading: 'Ask for help',
      text: `If you need help with this document, or want it in another format, contact ${organisation.name}.`,
      lines: contact ? contactLines(contact) : website ? [{ label: 'Website', text: displayUrl(website), href: website }] : [],
    },
    fullNotice: { text: `Read the full notice: ${noticeTitle}`, url: notice.url, absoluteUrl: absoluteUrl(site, notice.url) },
    credits: { heading: 'Pictures', lines: [...credits.values()].map(creditLine) },
    pictures: [...shown.values()],
  };
}
