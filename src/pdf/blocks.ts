/**
 * The blocks of a notice (paragraph, list, table, address, contact) laid out for the page, then
 * drawn as tagged content. Laying out first tells the caller how much of a block must stay with
 * the heading above it, so headings are never left alone at the foot of a page.
 */
import type { BlockView } from '../views/notice.js';
import type { InlineText } from '../views/inline.js';
import { COLOURS, Flow, type TextStyle } from './flow.js';
import type { LinkContext } from './inline.js';
import { drawTable, prepareTable, tableLeadHeight, type PreparedTable } from './table.js';
import type { StructElement } from './tags.js';
import { layoutLines, type Line, type Span } from './text-layout.js';

export const BODY: TextStyle = { size: 12, lineHeight: 18, color: COLOURS.text };
export const PARAGRAPH_SPACE = 9;
const ITEM_SPACE = 4;
const BULLET_INDENT = 20;
const NUMBER_INDENT = 28;

export type Prepared =
  | { kind: 'paragraph'; lines: Line[] }
  | { kind: 'list'; intro?: Line[]; ordered: boolean; indent: number; items: { label: Line; lines: Line[] }[] }
  | { kind: 'table'; table: PreparedTable }
  | { kind: 'address'; lines: Line[] }
  | { kind: 'contact'; address?: Line[]; labelled: Line[][] };

export interface BlockContext {
  links: LinkContext;
  missing: Set<string>;
  /** "content/kent/early-help.yaml, section 'How long we keep it'": where errors point. */
  where: string;
  /** Content width on a portrait page. */
  width: number;
}

function lines(spans: Span[], ctx: BlockContext, width = ctx.width, firstWidth?: number): Line[] {
  return layoutLines(spans, width, BODY.size, { missing: ctx.missing, firstWidth });
}

/** Address lines as one text with line breaks. */
function multiline(texts: InlineText[], ctx: BlockContext): Span[] {
  return texts.flatMap((text, i) => [...(i > 0 ? [{ text: '\n' }] : []), ...ctx.links.spans(text)]);
}

export function prepareBlock(block: BlockView, ctx: BlockContext): Prepared {
  switch (block.type) {
    case 'paragraph':
      return { kind: 'paragraph', lines: lines(ctx.links.spans(block.text), ctx) };
    case 'list': {
      const indent = block.ordered ? NUMBER_INDENT : BULLET_INDENT;
      return {
        kind: 'list',
        ordered: block.ordered,
        indent,
        intro: block.intro ? lines(ctx.links.spans(block.intro), ctx) : undefined,
        items: block.items.map((item, i) => ({
          label: layoutLines([{ text: block.ordered ? `${i + 1}.` : '\u2022' }], indent, BODY.size)[0]!,
          lines: lines(ctx.links.spans(item), ctx, ctx.width - indent),
        })),
      };
    }
    case 'table':
      return { kind: 'table', table: prepareTable(block, ctx.links, ctx.missing, ctx.where) };
    case 'address':
      return { kind: 'address', lines: lines(multiline(block.lines, ctx), ctx) };
    case 'contact': {
      const all = block.lines;
      const address = all.filter((line) => !line.label).map((line): InlineText => ({ runs: [{ text: line.text, strong: false, em: false }], plain: line.text }));
      const labelled = all
        .filter((line) => line.label)
        .map((line) => lines([{ text: `${line.label}: `, bold: true }, ...(line.href ? ctx.links.linkSpans(line.text, line.href) : [{ text: line.text }])], ctx, ctx.width - 12));
      return { kind: 'contact', address: address.length ? lines(multiline(address, ctx), ctx, ctx.width - 12) : undefined, labelled };
    }
  }
}

const height = (lines: readonly Line[], style: TextStyle = BODY) => lines.length * style.lineHeight;

/** The part of a block that must stay with a heading above it (a page break may not come before it). */
export function leadHeight(block: Prepared): number {
  switch (block.kind) {
    case 'paragraph':
      return Math.min(2, block.lines.length) * BODY.lineHeight;
    case 'list': {
      const first = block.items[0]!;
      return (block.intro ? height(block.intro) + PARAGRAPH_SPACE : 0) + Math.min(2, first.lines.length) * BODY.lineHeight;
    }
    case 'table':
      return tableLeadHeight(block.table);
    case 'address':
    case 'contact':
      return totalHeight(block);
  }
}

/** The whole height of a block that is kept together (address and contact details). */
function totalHeight(block: Prepared): number {
  if (block.kind === 'address') return height(block.lines);
  if (block.kind === 'contact') return (block.address ? height(block.address) + 4 : 0) + block.labelled.reduce((sum, l) => sum + height(l), 0);
  return 0;
}

export function drawBlock(flow: Flow, parent: StructElement, block: Prepared): void {
  const { tagger } = flow;
  if (block.kind === 'table') {
    drawTable(flow, parent, block.table);
    flow.space(PARAGRAPH_SPACE + 3);
    return;
  }
  flow.ensureOrientation('portrait');
  switch (block.kind) {
    case 'paragraph': {
      flow.drawLines(tagger.add(parent, 'P'), block.lines, flow.left, BODY);
      break;
    }
    case 'list': {
      if (block.intro) {
        // The sentence that introduces a list stays with its first item.
        flow.ensure(leadHeight(block));
        flow.drawLines(tagger.add(parent, 'P'), block.intro, flow.left, BODY);
        flow.space(PARAGRAPH_SPACE - ITEM_SPACE);
      }
      const list = tagger.add(parent, 'L', { attributes: [{ O: 'List', ListNumbering: block.ordered ? 'Decimal' : 'Disc' }] });
      block.items.forEach((item, i) => {
        if (i > 0) flow.space(ITEM_SPACE);
        flow.ensure(Math.min(2, item.lines.length) * BODY.lineHeight);
        const li = tagger.add(list, 'LI');
        const label = tagger.add(li, 'Lbl');
        const labelX = block.ordered ? flow.left + block.indent - 6 - item.label.width : flow.left + 5;
        flow.drawLine(label, item.label, labelX, flow.y, BODY);
        flow.drawLines(tagger.add(li, 'LBody'), item.lines, flow.left + block.indent, BODY);
      });
      break;
    }
    case 'address': {
      if (totalHeight(block) <= Flow.heightFor('portrait')) flow.ensure(totalHeight(block));
      flow.drawLines(tagger.add(parent, 'P'), block.lines, flow.left, BODY);
      break;
    }
    case 'contact': {
      const total = totalHeight(block);
      if (total <= Flow.heightFor('portrait')) flow.ensure(total);
      const top = flow.y;
      const page = flow.doc.page;
      const x = flow.left + 12;
      if (block.address) {
        flow.drawLines(tagger.add(parent, 'P'), block.address, x, BODY);
        flow.y += 4;
      }
      for (const labelled of block.labelled) flow.drawLines(tagger.add(parent, 'P'), labelled, x, BODY);
      // A bar beside the contact details, as on the web page (decoration).
      if (flow.doc.page === page) {
        const bottom = flow.y;
        tagger.artifact(() => flow.doc.save().rect(flow.left, top + 2, 3, bottom - top - 4).fillColor(COLOURS.rule).fill().restore());
      }
      break;
    }
  }
  flow.space(PARAGRAPH_SPACE);
}

/** Does the block need a landscape page? (Only a table too wide for portrait does.) */
export function blockOrientation(block: Prepared): 'portrait' | 'landscape' {
  return block.kind === 'table' ? block.table.orientation : 'portrait';
}
