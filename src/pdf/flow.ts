/**
 * Pages and the flow of content down them: the current position, page breaks, drawing laid-out
 * lines as tagged content (links included), bookmarks, and the running header and footer that are
 * added once the page count is known.
 */
import { drawText } from './draw-text.js';
import { verticalMetrics } from './fonts.js';
import type { StructElement, Tagger } from './tags.js';
import type { Line, LinkTarget } from './text-layout.js';

/** Colours, all 4.5:1 or more on white (checked in test/pdf). */
export const COLOURS = {
  text: '#0b0c0c',
  secondary: '#484949',
  link: '#1a4e8a',
  rule: '#8a8d8f',
  tableHeader: '#e8e8e8',
} as const;

export const A4: [number, number] = [595.28, 841.89];

/** Print margins: 20 mm at the sides, room for the running header and footer above and below. */
export const MARGINS = { top: 70, bottom: 70, left: 57, right: 57 };

export type Orientation = 'portrait' | 'landscape';

export interface TextStyle {
  size: number;
  lineHeight: number;
  color: string;
}

export interface OutlineEntry {
  title: string;
  level: number;
}

export class Flow {
  y = MARGINS.top;
  orientation: Orientation = 'portrait';
  /** Whether anything has been drawn on the current page (a break at the top of a page is pointless). */
  pageHasContent = false;
  private readonly linkElements = new Map<number, StructElement>();
  private readonly outlineStack: { level: number; item: PDFKit.PDFOutline }[] = [];
  private readonly metrics = verticalMetrics();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly tagger: Tagger,
  ) {}

  get left(): number {
    return MARGINS.left;
  }
  get width(): number {
    return this.doc.page.width - MARGINS.left - MARGINS.right;
  }
  get bottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }
  get remaining(): number {
    return this.bottom - this.y;
  }
  /** The content width of a page in an orientation. */
  static widthFor(orientation: Orientation): number {
    return (orientation === 'portrait' ? A4[0] : A4[1]) - MARGINS.left - MARGINS.right;
  }
  static heightFor(orientation: Orientation): number {
    return (orientation === 'portrait' ? A4[1] : A4[0]) - MARGINS.top - MARGINS.bottom;
  }

  newPage(orientation: Orientation = this.orientation): void {
    this.doc.addPage({ size: 'A4', layout: orientation, margins: MARGINS });
    this.orientation = orientation;
    this.y = MARGINS.top;
    this.pageHasContent = false;
  }

  /** Starts a new page unless `height` fits below the current position. */
  ensure(height: number): void {
    if (this.pageHasContent && this.y + height > this.bottom) this.newPage();
  }

  /** Moves to a page of the orientation, unless the current page already is one. */
  ensureOrientation(orientation: Orientation): void {
    if (this.orientation !== orientation) this.newPage(orientation);
  }

  /** Adds vertical space, unless at the top of a page. */
  space(points: number): void {
    if (this.pageHasContent) this.y += points;
  }

  /** The Link element of a link target, made under `owner` the first time the link is drawn. */
  private linkElement(owner: StructElement, link: LinkTarget): StructElement {
    let element = this.linkElements.get(link.id);
    if (!element) {
      element = this.tagger.add(owner, 'Link');
      this.linkElements.set(link.id, element);
    }
    return element;
  }

  /** The baseline of a line whose box starts at `top`. */
  baseline(top: number, style: TextStyle): number {
    const { ascent, descent } = this.metrics;
    const textHeight = (ascent - descent) * style.size;
    return top + (style.lineHeight - textHeight) / 2 + ascent * style.size;
  }

  /** Draws one line at (x, top) as content of `owner`; link fragments become Link elements with annotations. */
  drawLine(owner: StructElement, line: Line, x: number, top: number, style: TextStyle): void {
    const doc = this.doc;
    const baseline = this.baseline(top, style);
    let i = 0;
    while (i < line.fragments.length) {
      const link = line.fragments[i]!.link;
      let j = i;
      while (j < line.fragments.length && line.fragments[j]!.link === link) j++;
      const group = line.fragments.slice(i, j);
      const element = link ? this.linkElement(owner, link) : owner;
      this.tagger.content(element, () => {
        for (const fragment of group) {
          doc
            .font(fragment.font)
            .fontSize(style.size)
            .fillColor(link ? COLOURS.link : style.color);
          drawText(doc, fragment.text, x + fragment.x, baseline);
        }
        if (link) {
          const start = x + group[0]!.x;
          const end = x + group[group.length - 1]!.x + group[group.length - 1]!.width;
          const underline = baseline + Math.max(1.2, style.size * 0.12);
          doc.save().lineWidth(Math.max(0.6, style.size / 16)).strokeColor(COLOURS.link).moveTo(start, underline).lineTo(end, underline).stroke().restore();
        }
      });
      if (link) {
        const start = x + group[0]!.x;
        const end = x + group[group.length - 1]!.x + group[group.length - 1]!.width;
        this.tagger.linkAnnotation(this.linkElement(owner, link), { x: start, y: top, width: end - start, height: style.lineHeight }, link.action, link.description);
      }
      i = j;
    }
    this.pageHasContent = true;
  }

  /** Draws one line as an artifact (a repeated table header): seen on paper, not read twice. */
  drawLineArtifact(line: Line, x: number, top: number, style: TextStyle): void {
    const doc = this.doc;
    const baseline = this.baseline(top, style);
    if (line.fragments.length === 0) return;
    this.tagger.artifact(() => {
      for (const fragment of line.fragments) {
        doc.font(fragment.font).fontSize(style.size).fillColor(style.color);
        drawText(doc, fragment.text, x + fragment.x, baseline);
      }
    });
  }

  /**
   * Draws lines down the page from the current position, breaking pages between lines. A
   * paragraph never leaves a single line at the foot of a page (orphan) or carries a single line
   * over to the next (widow) when it is long enough to avoid it.
   */
  drawLines(owner: StructElement, lines: readonly Line[], x: number, style: TextStyle): void {
    let index = 0;
    while (index < lines.length) {
      const left = lines.length - index;
      let fit = Math.floor((this.bottom - this.y + 0.01) / style.lineHeight);
      if (fit < left) {
        if (this.pageHasContent && fit < Math.min(2, left)) {
          this.newPage();
          continue;
        }
        if (fit < 1) fit = 1; // a line taller than an empty page: draw it anyway
        if (left - fit === 1 && fit >= 3) fit -= 1;
      }
      const count = Math.min(fit, left);
      for (let k = 0; k < count; k++) {
        this.drawLine(owner, lines[index + k]!, x, this.y, style);
        this.y += style.lineHeight;
      }
      index += count;
      if (index < lines.length) this.newPage();
    }
  }

  /** A bookmark for a heading at the current position, nested under the last bookmark of a higher level. */
  bookmark(title: string, level: number, destination?: string): void {
    while (this.outlineStack.length && this.outlineStack[this.outlineStack.length - 1]!.level >= level) this.outlineStack.pop();
    const parent = this.outlineStack.length ? this.outlineStack[this.outlineStack.length - 1]!.item : this.doc.outline;
    const item = parent.addItem(title, { expanded: level <= 2 });
    const page = this.doc.page;
    item.outlineData.Dest = [page.dictionary, 'XYZ', null, page.height - this.y, null];
    this.outlineStack.push({ level, item });
    if (destination) this.doc.addNamedDestination(destination, 'XYZ', null, this.y, null);
  }

  /** A horizontal rule (decoration, so an artifact). */
  rule(y: number, color: string = COLOURS.rule, weight = 1): void {
    const doc = this.doc;
    this.tagger.artifact(() => {
      doc.save().lineWidth(weight).strokeColor(color).moveTo(this.left, y).lineTo(this.left + this.width, y).stroke().restore();
    });
  }
}

export interface RunningText {
  /** Top of every page after the first, e.g. "Kent County Council: Children's social care privacy notice". */
  header: string;
  /** Left of the footer, e.g. "Last updated October 2024". */
  footer: string;
}

/** Shortens text with an ellipsis until it fits `width` at `size` in the regular face. */
function fitText(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let words = text.split(' ');
  while (words.length > 1 && doc.widthOfString(`${words.join(' ')}…`) > width) words = words.slice(0, -1);
  return `${words.join(' ')}…`;
}

/** Adds the running header (pages 2 onwards) and "Page n of N" footer to every page, as pagination artifacts. */
export function addRunningText(doc: PDFKit.PDFDocument, tagger: Tagger, running: RunningText, size = 10.5): number {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    const page = doc.switchToPage(i);
    const width = page.width - MARGINS.left - MARGINS.right;
    doc.font('regular').fontSize(size).fillColor(COLOURS.secondary);
    if (i > start) {
      tagger.artifact(
        () => {
          const text = fitText(doc, running.header, width);
          drawText(doc, text, MARGINS.left, MARGINS.top - 28);
          doc.save().lineWidth(0.5).strokeColor(COLOURS.rule).moveTo(MARGINS.left, MARGINS.top - 20).lineTo(MARGINS.left + width, MARGINS.top - 20).stroke().restore();
        },
        { type: 'Pagination', attached: ['Top'] },
      );
    }
    tagger.artifact(
      () => {
        const y = page.height - MARGINS.bottom + 34;
        const number = `Page ${i - start + 1} of ${count}`;
        const numberWidth = doc.widthOfString(number);
        drawText(doc, fitText(doc, running.footer, width - numberWidth - 24), MARGINS.left, y);
        drawText(doc, number, MARGINS.left + width - numberWidth, y);
      },
      { type: 'Pagination', attached: ['Bottom'] },
    );
  }
  return count;
}
