/**
 * The easy-read PDF: one idea per row, its picture on the left and its words on the right, text
 * at 16 pt, hard words in bold. The same pictures and text alternatives as the easy-read page
 * (a decorative picture is an artifact), then the word list, who to ask for help, and the
 * picture credits.
 *
 * Pictures arrive already read (see PictureData): the main thread resolves and reads them, so a
 * worker thread needs no picture registry, and the cache key covers the exact bytes drawn.
 */
import type { ContactPointData } from '../model/schema.js';
import type { Notice } from '../model/notice.js';
import { contactLines } from '../text/contact.js';
import { earliestDay, formatDate } from '../text/dates.js';
import { plainText } from '../text/markdown.js';
import { createDocument, finishDocument } from './document.js';
import { addRunningText, COLOURS, Flow, type TextStyle } from './flow.js';
import { missingWarnings, type RenderedPdf } from './full-notice.js';
import { LinkContext, type SiteInfo } from './inline.js';
import { PicturePainter } from './pictures.js';
import { Tagger, type StructElement } from './tags.js';
import { layoutLines, type Line, type Span } from './text-layout.js';

/** Who made a picture and under which licence (the shape of the picture registry's credit). */
export interface PictureCredit {
  text: string;
  licence: string;
  url?: string;
  licenceUrl?: string;
}

/** A picture as the renderer needs it: the SVG text, where it came from (for messages) and its credit. */
export interface PictureData {
  svg: string;
  file: string;
  credit?: PictureCredit;
}

export interface EasyReadInput {
  notice: Notice;
  site: SiteInfo;
  id: Buffer;
  /** Every picture key the notice's easy read uses. */
  pictures: Record<string, PictureData>;
}

export const EASY_BODY: TextStyle = { size: 16, lineHeight: 24, color: COLOURS.text };
const H1: TextStyle = { size: 28, lineHeight: 34, color: COLOURS.text };
const H2: TextStyle = { size: 22, lineHeight: 28, color: COLOURS.text };
const PICTURE = 96;
const GUTTER = 24;
const ROW_SPACE = 20;
const SENTENCE_SPACE = 4;

/** The organisation's main contact point (the first), else its data protection officer. */
function helpContact(notice: Notice): ContactPointData | undefined {
  const first = Object.values(notice.organisation.contacts ?? {})[0];
  return first ?? notice.organisation.dataProtectionOfficer;
}

export async function renderEasyRead({ notice, site, id, pictures }: EasyReadInput): Promise<RenderedPdf> {
  const easy = notice.easyRead;
  if (!easy) throw new Error(`${notice.source}: this notice has no easy-read version.`);
  const title = plainText(easy.title ?? notice.title);
  const organisation = notice.organisation.name;
  const doc = createDocument({
    title,
    author: organisation,
    subject: `Easy read version of ${plainText(notice.title)}`,
    keywords: `easy read, privacy notice, ${organisation}`,
    date: earliestDay(notice.lastUpdated),
    id,
  });
  const tagger = new Tagger(doc);
  const flow = new Flow(doc, tagger);
  const painter = new PicturePainter(doc);
  const easyUrl = `${notice.url}easy-read/`;
  const links = new LinkContext(site, easyUrl, new Set());
  const missing = new Set<string>();
  const root = tagger.root;
  flow.newPage('portrait');
  const width = flow.width;
  const lines = (spans: Span[], style: TextStyle, w = width): Line[] => layoutLines(spans, w, style.size, { missing });
  const para = (parent: StructElement, spans: Span[], style: TextStyle = EASY_BODY, type = 'P', x = flow.left, w = width) =>
    flow.drawLines(tagger.add(parent, type), lines(spans, style, w), x, style);

  // --- First page ---------------------------------------------------------------------------------
  const band = notice.organisation.brandColour ?? '#0b0c0c';
  const bandStyle: TextStyle = { size: 16, lineHeight: 22, color: '#ffffff' };
  const bandLines = lines([{ text: organisation, bold: true }], bandStyle, width - 24);
  const bandTop = 36;
  const bandHeight = bandLines.length * bandStyle.lineHeight + 20;
  tagger.artifact(() => doc.save().rect(flow.left, bandTop, width, bandHeight).fillColor(band).fill().restore());
  const orgElement = tagger.add(root, 'P');
  bandLines.forEach((line, i) => flow.drawLine(orgElement, line, flow.left + 12, bandTop + 10 + i * bandStyle.lineHeight, bandStyle));
  flow.y = bandTop + bandHeight + 24;

  para(root, [{ text: 'Easy read' }], { size: 18, lineHeight: 26, color: COLOURS.secondary });
  flow.y += 4;
  para(root, links.spans(easy.title ?? notice.title, { bold: true }), H1, 'H1');
  flow.y += 12;
  para(root, [{ text: `This is the easy read version of a privacy notice from ${organisation}.` }]);
  flow.y += 4;
  para(root, [{ text: 'Last updated: ', bold: true }, { text: formatDate(notice.lastUpdated) }]);
  flow.y += 12;
  flow.rule(flow.y);
  flow.y += 8;

  // --- Rows: picture left, words right -------------------------------------------------------------
  const textX = flow.left + PICTURE + GUTTER;
  const textWidth = width - PICTURE - GUTTER;
  const heading = (parent: StructElement, text: Span[], plain: string, lead: number) => {
    const headingLines = lines(text, H2);
    flow.space(24);
    flow.ensure(headingLines.length * H2.lineHeight + 10 + lead);
    flow.bookmark(plain, 2);
    flow.drawLines(tagger.add(parent, 'H2'), headingLines, flow.left, H2);
    flow.y += 10;
  };

  type Row = { item: (typeof easy.sections)[number]['items'][number]; sentences: Line[][]; height: number };
  for (const section of easy.sections) {
    const rows: Row[] = section.items.map((item) => {
      const sentences = item.text.map((text) => lines(links.spans(text), EASY_BODY, textWidth));
      const textHeight = sentences.reduce((sum, s) => sum + s.length * EASY_BODY.lineHeight, 0) + SENTENCE_SPACE * (sentences.length - 1);
      return { item, sentences, height: item.picture ? Math.max(PICTURE, textHeight) : textHeight };
    });
    const sect = tagger.add(root, 'Sect', { title: plainText(section.heading) });
    heading(sect, links.spans(section.heading, { bold: true }), plainText(section.heading), rows[0]?.height ?? 0);
    for (const row of rows) {
      // One idea per row, and a row is never split (unless it is taller than a page).
      if (row.height <= Flow.heightFor('portrait')) flow.ensure(row.height);
      const top = flow.y;
      const rowPage = doc.page;
      const key = row.item.picture;
      const picture = key === undefined ? undefined : pictures[key];
      if (key !== undefined && !picture) throw new Error(`${notice.source}: the easy-read picture '${key}' was not provided to the PDF renderer.`);
      const where = `${notice.source}, easy read, section "${plainText(section.heading)}"`;
      const y = top + 2;
      if (!picture) {
        // An item without a picture (allowed when it relaxes the picture rule): words only, in the same column.
      } else if (row.item.decorative || !row.item.alt) {
        tagger.artifact(() => painter.paint(picture, flow.left, y, PICTURE, where));
      } else {
        const page = doc.page;
        const figure = tagger.add(sect, 'Figure', {
          alt: row.item.alt,
          attributes: [{ O: 'Layout', Placement: 'Block', BBox: [flow.left, page.height - y - PICTURE, flow.left + PICTURE, page.height - y] }],
        });
        tagger.content(figure, () => painter.paint(picture, flow.left, y, PICTURE, where));
      }
      flow.pageHasContent = true;
      row.sentences.forEach((sentence, i) => {
        if (i > 0) flow.y += SENTENCE_SPACE;
        flow.drawLines(tagger.add(sect, 'P'), sentence, textX, EASY_BODY);
      });
      if (doc.page === rowPage && picture) flow.y = Math.max(flow.y, top + PICTURE);
      flow.y += ROW_SPACE;
    }
  }

  // --- Word list ------------------------------------------------------------------------------------
  if (easy.words?.length) {
    const sect = tagger.add(root, 'Sect', { title: 'Word list' });
    const entries = easy.words.map((entry) => ({
      word: lines([{ text: entry.word, bold: true }], EASY_BODY),
      meaning: lines(links.spans(entry.meaning), EASY_BODY, width - 20),
    }));
    const first = entries[0]!;
    heading(sect, [{ text: 'Word list', bold: true }], 'Word list', (first.word.length + Math.min(2, first.meaning.length)) * EASY_BODY.lineHeight);
    para(sect, [{ text: 'These are the hard words in this notice, and what they mean.' }]);
    flow.y += 10;
    const list = tagger.add(sect, 'L', { attributes: [{ O: 'List', ListNumbering: 'None' }] });
    for (const entry of entries) {
      flow.ensure((entry.word.length + Math.min(2, entry.meaning.length)) * EASY_BODY.lineHeight);
      const li = tagger.add(list, 'LI');
      flow.drawLines(tagger.add(li, 'Lbl'), entry.word, flow.left, EASY_BODY);
      flow.drawLines(tagger.add(li, 'LBody'), entry.meaning, flow.left + 20, EASY_BODY);
      flow.y += 12;
    }
  }

  // --- Ask for help ---------------------------------------------------------------------------------
  {
    const sect = tagger.add(root, 'Sect', { title: 'Ask for help' });
    const contact = helpContact(notice);
    const website = notice.organisation.website;
    const details = contact ? contactLines(contact) : website ? [{ label: 'Website' as const, text: website.replace(/^https?:\/\//, '').replace(/\/$/, ''), href: website }] : [];
    const address = details.filter((line) => !line.label).map((line) => line.text);
    const labelled = details.filter((line) => line.label).map((line): Span[] => [{ text: `${line.label}: `, bold: true }, ...links.linkSpans(line.text, line.href ?? line.text)]);
    const addressSpans = address.flatMap((text, i): Span[] => [...(i > 0 ? [{ text: '\n' }] : []), { text }]);
    const contactHeight = [...(address.length ? [addressSpans] : []), ...labelled].reduce((sum, spans) => sum + lines(spans, EASY_BODY, width - 16).length * EASY_BODY.lineHeight, 0) + 6;
    heading(sect, [{ text: 'Ask for help', bold: true }], 'Ask for help', 2 * EASY_BODY.lineHeight);
    para(sect, [{ text: `If you need help with this document, or want it in another format, contact ${organisation}.` }]);
    flow.y += 10;
    if (contactHeight <= Flow.heightFor('portrait')) flow.ensure(contactHeight);
    if (address.length) {
      para(sect, addressSpans, EASY_BODY, 'P', flow.left + 16, width - 16);
      flow.y += 6;
    }
    for (const spans of labelled) para(sect, spans, EASY_BODY, 'P', flow.left + 16, width - 16);
    flow.y += 12;
    para(sect, links.linkSpans(`Read the full notice: ${plainText(notice.title)}`, links.absolute(notice.url)));
  }

  // --- Picture credits ------------------------------------------------------------------------------
  const credits = new Map<string, PictureCredit>();
  for (const section of easy.sections) {
    for (const item of section.items) {
      const credit = item.picture === undefined ? undefined : pictures[item.picture]?.credit;
      if (credit) credits.set(`${credit.text}|${credit.licence}`, credit);
    }
  }
  if (credits.size) {
    const sect = tagger.add(root, 'Sect', { title: 'Pictures' });
    heading(sect, [{ text: 'Pictures', bold: true }], 'Pictures', 2 * EASY_BODY.lineHeight);
    for (const credit of credits.values()) {
      const spans: Span[] = [
        { text: 'Pictures: ' },
        ...(credit.url ? links.linkSpans(`${credit.text} (${credit.url.replace(/^https?:\/\//, '').replace(/\/$/, '')})`, credit.url) : [{ text: credit.text }]),
        { text: ', licence ' },
        ...(credit.licenceUrl ? links.linkSpans(credit.licence, credit.licenceUrl) : [{ text: credit.licence }]),
        { text: '.' },
      ];
      para(sect, spans);
      flow.y += 6;
    }
  }

  const pages = addRunningText(doc, tagger, { header: `${organisation}: ${title} (easy read)`, footer: `Easy read, last updated ${formatDate(notice.lastUpdated)}` }, 12);
  tagger.finish();
  const bytes = await finishDocument(doc);
  return { bytes, pages, warnings: missingWarnings(notice.source, missing) };
}
