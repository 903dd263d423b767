/**
 * The easy-read PDF: one idea per row, its picture on the left and its words on the right, text
 * at 16 pt, hard words in bold. The same pictures and text alternatives as the easy-read page
 * (a decorative picture is an artifact), then the word list, who to ask for help, and the
 * picture credits.
 *
 * Pictures arrive already read (see PictureData): the main thread resolves and reads them, so a
 * worker thread needs no picture registry, and the cache key covers the exact bytes drawn.
 */
import type { EasyReadView, PictureCredit } from '../views/easy-read.js';
import { createDocument, finishDocument } from './document.js';
import { addRunningText, COLOURS, Flow, type TextStyle } from './flow.js';
import { missingWarnings, type RenderedPdf } from './full-notice.js';
import { LinkContext, type SiteInfo } from './inline.js';
import { PicturePainter } from './pictures.js';
import { Tagger, type StructElement } from './tags.js';
import { layoutLines, type Line, type Span } from './text-layout.js';

export type { PictureCredit } from '../views/easy-read.js';

/** A picture as the renderer needs it: the SVG text, where it came from (for messages) and its credit. */
export interface PictureData {
  svg: string;
  file: string;
  credit?: PictureCredit;
}

export interface EasyReadInput {
  view: EasyReadView;
  site: SiteInfo;
  id: Buffer;
  /** The document's date (the notice's last update). */
  date: Date;
  /** Every picture key the easy read uses. */
  pictures: Record<string, PictureData>;
}

export const EASY_BODY: TextStyle = { size: 16, lineHeight: 24, color: COLOURS.text };
const H1: TextStyle = { size: 28, lineHeight: 34, color: COLOURS.text };
const H2: TextStyle = { size: 22, lineHeight: 28, color: COLOURS.text };
const PICTURE = 96;
const GUTTER = 24;
const ROW_SPACE = 20;
const SENTENCE_SPACE = 4;

export async function renderEasyRead({ view, site, id, date, pictures }: EasyReadInput): Promise<RenderedPdf> {
  const title = view.title.plain;
  const organisation = view.organisation.name;
  const doc = createDocument({
    title,
    author: organisation,
    subject: `Easy read version of ${view.noticeTitle}`,
    keywords: `easy read, privacy notice, ${organisation}`,
    date,
    id,
  });
  const tagger = new Tagger(doc);
  const flow = new Flow(doc, tagger);
  const painter = new PicturePainter(doc);
  const links = new LinkContext(site, view.url, new Set());
  const missing = new Set<string>();
  const root = tagger.root;
  flow.newPage('portrait');
  const width = flow.width;
  const lines = (spans: Span[], style: TextStyle, w = width): Line[] => layoutLines(spans, w, style.size, { missing });
  const para = (parent: StructElement, spans: Span[], style: TextStyle = EASY_BODY, type = 'P', x = flow.left, w = width) =>
    flow.drawLines(tagger.add(parent, type), lines(spans, style, w), x, style);

  // --- First page ---------------------------------------------------------------------------------
  // The letterhead band is decoration: the introduction names the organisation, as on the page.
  const band = view.organisation.brandColour ?? '#0b0c0c';
  const bandStyle: TextStyle = { size: 16, lineHeight: 22, color: '#ffffff' };
  const bandLines = lines([{ text: organisation, bold: true }], bandStyle, width - 24);
  const bandTop = 36;
  const bandHeight = bandLines.length * bandStyle.lineHeight + 20;
  tagger.artifact(() => doc.save().rect(flow.left, bandTop, width, bandHeight).fillColor(band).fill().restore());
  bandLines.forEach((line, i) => flow.drawLineArtifact(line, flow.left + 12, bandTop + 10 + i * bandStyle.lineHeight, bandStyle));
  flow.y = bandTop + bandHeight + 24;

  para(root, [{ text: view.caption }], { size: 18, lineHeight: 26, color: COLOURS.secondary });
  flow.y += 4;
  para(root, links.spans(view.title, { bold: true }), H1, 'H1');
  flow.y += 12;
  para(root, [{ text: view.introduction }]);
  flow.y += 4;
  para(root, [{ text: `Last updated: ${view.lastUpdated.text}` }]);
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

  type Row = { item: EasyReadView['sections'][number]['items'][number]; sentences: Line[][]; height: number };
  for (const section of view.sections) {
    const rows: Row[] = section.items.map((item) => {
      const sentences = item.text.map((text) => lines(links.spans(text), EASY_BODY, textWidth));
      const textHeight = sentences.reduce((sum, s) => sum + s.length * EASY_BODY.lineHeight, 0) + SENTENCE_SPACE * (sentences.length - 1);
      return { item, sentences, height: item.picture ? Math.max(PICTURE, textHeight) : textHeight };
    });
    const sect = tagger.add(root, 'Sect', { title: section.heading.plain });
    heading(sect, links.spans(section.heading, { bold: true }), section.heading.plain, rows[0]?.height ?? 0);
    for (const row of rows) {
      // One idea per row, and a row is never split (unless it is taller than a page).
      if (row.height <= Flow.heightFor('portrait')) flow.ensure(row.height);
      const top = flow.y;
      const rowPage = doc.page;
      const shown = row.item.picture;
      const picture = shown === undefined ? undefined : pictures[shown.key];
      if (shown !== undefined && !picture) throw new Error(`${view.source}: the easy-read picture '${shown.key}' was not provided to the PDF renderer.`);
      const where = `${view.source}, easy read, section "${section.heading.plain}"`;
      const y = top + 2;
      if (!picture || !shown) {
        // An item without a picture (allowed when it relaxes the picture rule): words only, in the same column.
      } else if (!shown.alt) {
        tagger.artifact(() => painter.paint(picture, flow.left, y, PICTURE, where));
      } else {
        const page = doc.page;
        const figure = tagger.add(sect, 'Figure', {
          alt: shown.alt,
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
  if (view.words.length) {
    const sect = tagger.add(root, 'Sect', { title: 'Word list' });
    const entries = view.words.map((entry) => ({
      word: lines([{ text: entry.word, bold: true }], EASY_BODY),
      meaning: lines(links.spans(entry.meaning), EASY_BODY, width - 20),
    }));
    const first = entries[0]!;
    heading(sect, [{ text: 'Word list', bold: true }], 'Word list', (first.word.length + Math.min(2, first.meaning.length)) * EASY_BODY.lineHeight);
    para(sect, [{ text: view.wordsIntroduction }]);
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
    const help = view.help;
    const sect = tagger.add(root, 'Sect', { title: help.heading });
    const address = help.lines.filter((line) => !line.label).map((line) => line.text);
    const labelled = help.lines.filter((line) => line.label).map((line): Span[] => [{ text: `${line.label}: `, bold: true }, ...links.linkSpans(line.text, line.href ?? line.text)]);
    const addressSpans = address.flatMap((text, i): Span[] => [...(i > 0 ? [{ text: '\n' }] : []), { text }]);
    const contactHeight = [...(address.length ? [addressSpans] : []), ...labelled].reduce((sum, spans) => sum + lines(spans, EASY_BODY, width - 16).length * EASY_BODY.lineHeight, 0) + 6;
    heading(sect, [{ text: help.heading, bold: true }], help.heading, 2 * EASY_BODY.lineHeight);
    para(sect, [{ text: help.text }]);
    flow.y += 10;
    if (contactHeight <= Flow.heightFor('portrait')) flow.ensure(contactHeight);
    if (address.length) {
      para(sect, addressSpans, EASY_BODY, 'P', flow.left + 16, width - 16);
      flow.y += 6;
    }
    for (const spans of labelled) para(sect, spans, EASY_BODY, 'P', flow.left + 16, width - 16);
    flow.y += 12;
    para(sect, links.linkSpans(view.fullNotice.text, view.fullNotice.absoluteUrl));
  }

  // --- Picture credits ------------------------------------------------------------------------------
  if (view.credits.lines.length) {
    const { heading: creditsHeading } = view.credits;
    const sect = tagger.add(root, 'Sect', { title: creditsHeading });
    heading(sect, [{ text: creditsHeading, bold: true }], creditsHeading, 2 * EASY_BODY.lineHeight);
    for (const line of view.credits.lines) {
      para(sect, links.spans(line));
      flow.y += 6;
    }
  }

  const pages = addRunningText(doc, tagger, { header: `${organisation}: ${title} (easy read)`, footer: `Easy read, last updated ${view.lastUpdated.text}` }, 12);
  tagger.finish();
  const bytes = await finishDocument(doc);
  return { bytes, pages, warnings: missingWarnings(view.source, missing) };
}
