/**
 * The full notice as a tagged PDF: the organisation, caption, title, summary and dates on the
 * first page, then every section in order, each with a bookmark. Reads only the resolved Notice.
 */
import type { NoticeView, SectionView } from '../views/notice.js';
import { blockOrientation, BODY, drawBlock, leadHeight, prepareBlock, type BlockContext, type Prepared } from './blocks.js';
import { createDocument, finishDocument } from './document.js';
import { addRunningText, COLOURS, Flow, type TextStyle } from './flow.js';
import { LinkContext, type SiteInfo } from './inline.js';
import { pdfMessage } from './messages.js';
import { Tagger, type StructElement } from './tags.js';
import { layoutLines, type Line, type Span } from './text-layout.js';

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
  /** Problems that did not stop the PDF (characters the typeface cannot show). */
  warnings: string[];
}

export interface FullNoticeInput {
  notice: NoticeView;
  site: SiteInfo;
  /** 16-byte document ID, derived from the content (see cache.ts). */
  id: Buffer;
  /** The document's date (reproducible: the notice's last update, not the time of the build). */
  date: Date;
}

const HEADINGS: Record<number, TextStyle & { before: number; after: number }> = {
  1: { size: 26, lineHeight: 32, color: COLOURS.text, before: 0, after: 12 },
  2: { size: 18, lineHeight: 24, color: COLOURS.text, before: 18, after: 8 },
  3: { size: 15, lineHeight: 20, color: COLOURS.text, before: 12, after: 6 },
  4: { size: 13, lineHeight: 18, color: COLOURS.text, before: 10, after: 4 },
};
const headingStyle = (level: number) => HEADINGS[Math.min(level, 4)]!;

/** The notice's brand colour (white text on it has 4.5:1, checked when loading), or near-black. */
const DEFAULT_BAND = '#0b0c0c';

export function missingWarnings(source: string, missing: Set<string>): string[] {
  if (missing.size === 0) return [];
  const letters = [...missing].map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
  return [pdfMessage('pdf-missing-letter', { letters }, source)];
}

function collectIds(sections: readonly SectionView[], into: Set<string>): Set<string> {
  for (const s of sections) {
    into.add(s.id);
    collectIds(s.sections, into);
  }
  return into;
}

export async function renderFullNotice({ notice, site, id, date }: FullNoticeInput): Promise<RenderedPdf> {
  const title = notice.title.plain;
  const organisation = notice.organisation.name;
  const doc = createDocument({
    title,
    author: organisation,
    subject: notice.summary.plain,
    keywords: `privacy notice, ${organisation}`,
    date,
    id,
  });
  const tagger = new Tagger(doc);
  const flow = new Flow(doc, tagger);
  const links = new LinkContext(site, notice.url, collectIds(notice.sections, new Set()));
  const missing = new Set<string>();
  const root = tagger.root;
  flow.newPage('portrait');
  const width = flow.width;
  const text = (spans: Span[], style: TextStyle, w = width): Line[] => layoutLines(spans, w, style.size, { missing });
  const para = (parent: StructElement, spans: Span[], style: TextStyle, type = 'P') => flow.drawLines(tagger.add(parent, type), text(spans, style), flow.left, style);

  // --- First page: who, what, when ------------------------------------------------------------------
  // The letterhead band is decoration: the organisation is named in "Published by" below, as on the page.
  const band = notice.organisation.brandColour ?? DEFAULT_BAND;
  const bandTop = 36;
  const bandStyle: TextStyle = { size: 14, lineHeight: 20, color: '#ffffff' };
  const bandLines = text([{ text: organisation, bold: true }], bandStyle, width - 24);
  const bandHeight = bandLines.length * bandStyle.lineHeight + 20;
  tagger.artifact(() => doc.save().rect(flow.left, bandTop, width, bandHeight).fillColor(band).fill().restore());
  bandLines.forEach((line, i) => flow.drawLineArtifact(line, flow.left + 12, bandTop + 10 + i * bandStyle.lineHeight, bandStyle));
  flow.y = bandTop + bandHeight + 24;

  if (notice.caption) {
    para(root, links.spans(notice.caption), { size: 14, lineHeight: 20, color: COLOURS.secondary });
    flow.y += 2;
  }
  const h1 = headingStyle(1);
  para(root, links.spans(notice.title, { bold: true }), h1, 'H1');
  flow.y += 8;
  para(root, links.spans(notice.summary), { size: 14, lineHeight: 21, color: COLOURS.text });
  flow.y += 10;
  for (const line of notice.meta) para(root, [{ text: `${line.label} `, bold: true }, { text: line.text }], BODY);
  // Paper has no address bar: the printed copy says where the page is (not on the web page itself).
  para(root, [{ text: 'Online version: ', bold: true }, ...links.linkSpans(notice.onlineUrl, notice.onlineUrl)], BODY);

  if (notice.lawBanner) {
    flow.y += 12;
    const inner = width - 16;
    const lines = text(links.spans(notice.lawBanner), BODY, inner);
    const top = flow.y;
    tagger.artifact(() => doc.save().rect(flow.left, top, 4, lines.length * BODY.lineHeight).fillColor(band).fill().restore());
    flow.drawLines(tagger.add(root, 'P'), lines, flow.left + 16, BODY);
  }
  flow.y += 16;
  flow.rule(flow.y, COLOURS.rule, 1);
  flow.y += 8;

  // --- At a glance: one line per item the notice covers, each linking to its section -------------------
  if (notice.atAGlance.items.length) {
    const style = headingStyle(2);
    const sect = tagger.add(root, 'Sect', { title: notice.atAGlance.heading });
    flow.space(style.before);
    flow.bookmark(notice.atAGlance.heading, 2, 'at-a-glance');
    flow.drawLines(tagger.add(sect, 'H2'), text([{ text: notice.atAGlance.heading, bold: true }], style), flow.left, style);
    flow.y += style.after;
    const list = prepareBlock(
      { type: 'list', ordered: false, items: notice.atAGlance.items.map((item) => item.line) },
      { links, missing, width, where: `${notice.source}, at a glance` },
    );
    drawBlock(flow, sect, list);
  }

  // --- Sections ------------------------------------------------------------------------------------
  const prepared = new Map<SectionView, Prepared[]>();
  const blocksOf = (section: SectionView): Prepared[] => {
    let blocks = prepared.get(section);
    if (!blocks) {
      const ctx: BlockContext = { links, missing, width, where: `${notice.source}, section "${section.heading.plain}"` };
      blocks = section.blocks.map((block) => prepareBlock(block, ctx));
      prepared.set(section, blocks);
    }
    return blocks;
  };
  const headingLines = (section: SectionView) => text(links.spans(section.heading, { bold: true }), headingStyle(section.level));
  /** Heading plus whatever must follow it on the same page. */
  const lead = (section: SectionView): number => {
    const style = headingStyle(section.level);
    const own = headingLines(section).length * style.lineHeight + style.after;
    const first = blocksOf(section)[0];
    if (first) return own + leadHeight(first);
    const child = section.sections[0];
    return child ? own + headingStyle(child.level).before + lead(child) : own;
  };
  const orientationOf = (section: SectionView): 'portrait' | 'landscape' => {
    const first = blocksOf(section)[0];
    if (first) return blockOrientation(first);
    return section.sections[0] ? orientationOf(section.sections[0]) : 'portrait';
  };

  const drawSection = (section: SectionView, parent: StructElement) => {
    const style = headingStyle(section.level);
    const sect = tagger.add(parent, 'Sect', { title: section.heading.plain });
    flow.ensureOrientation(orientationOf(section));
    flow.space(style.before);
    const needed = Math.min(lead(section), Flow.heightFor(flow.orientation));
    flow.ensure(needed);
    flow.bookmark(section.heading.plain, section.level, section.id);
    const heading = tagger.add(sect, `H${Math.min(section.level, 6)}`);
    flow.drawLines(heading, headingLines(section), flow.left, style);
    flow.y += style.after;
    for (const block of blocksOf(section)) drawBlock(flow, sect, block);
    for (const child of section.sections) drawSection(child, sect);
  };
  for (const section of notice.sections) drawSection(section, root);

  const pages = addRunningText(doc, tagger, {
    header: `${organisation}: ${title}`,
    footer: notice.lastUpdated.datetime ? `${title}, last updated ${notice.lastUpdated.text}` : `${title}, date not given`,
  });
  tagger.finish();
  const bytes = await finishDocument(doc);
  return { bytes, pages, warnings: missingWarnings(notice.source, missing) };
}

