/**
 * Tables: column widths from the content, a header row repeated at the top of every page the
 * table continues on (drawn as an artifact, so a screen reader reads it once), rows that never
 * split unless a row is taller than a page, and a fallback for tables too wide for the page:
 * wrap first, then a landscape page, then smaller text down to a floor. A table that still does
 * not fit is an error the author can fix; no column is ever cut off.
 */
import type { BlockView } from '../views/notice.js';
import { PdfError, pdfMessage } from './messages.js';
import { COLOURS, Flow, type Orientation, type TextStyle } from './flow.js';
import type { LinkContext } from './inline.js';
import type { StructElement } from './tags.js';
import { layoutLines, longestWord, naturalWidth, type Line, type Span } from './text-layout.js';

type TableBlock = Extract<BlockView, { type: 'table' }>;

/** Body text size first; landscape before smaller text; never below the floor. */
export const TABLE_ATTEMPTS: readonly { orientation: Orientation; size: number }[] = [
  { orientation: 'portrait', size: 12 },
  { orientation: 'landscape', size: 12 },
  { orientation: 'landscape', size: 11 },
  { orientation: 'landscape', size: 10 },
];
export const TABLE_MIN_SIZE = 10;
const PAD_X = 6;
const PAD_Y = 5;
/** A word longer than this many ems (a long web address) may be broken inside a cell rather than widen its column. */
const UNBREAKABLE_EMS = 9;

interface Cell {
  spans: Span[];
  lines: Line[];
  /** 'Column' for the header row, 'Row' for a row header, undefined for a data cell. */
  scope?: 'Column' | 'Row';
}

export interface PreparedTable {
  orientation: Orientation;
  style: TextStyle;
  widths: number[];
  caption: Line[];
  captionStyle: TextStyle;
  header: Cell[];
  rows: Cell[][];
  headerHeight: number;
}

export class TableTooWide extends PdfError {}

const cellHeight = (cells: readonly Cell[], style: TextStyle) => Math.max(...cells.map((c) => c.lines.length)) * style.lineHeight + 2 * PAD_Y;

/** Widths that share `available` between columns, or undefined when the columns cannot fit. */
function columnWidths(cells: Cell[][], size: number, available: number): number[] | undefined {
  const columns = cells[0]!.length;
  const min = new Array<number>(columns).fill(0);
  const preferred = new Array<number>(columns).fill(0);
  for (const row of cells) {
    row.forEach((cell, j) => {
      min[j] = Math.max(min[j]!, Math.min(longestWord(cell.spans, size), UNBREAKABLE_EMS * size) + 2 * PAD_X);
      preferred[j] = Math.max(preferred[j]!, naturalWidth(cell.spans, size) + 2 * PAD_X);
    });
  }
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin > available + 0.01) return undefined;
  const sumPreferred = preferred.reduce((a, b) => a + b, 0);
  if (sumPreferred <= available) {
    // Everything fits on one line: share the spare width in proportion, so the table spans the page.
    return preferred.map((p) => (p / sumPreferred) * available);
  }
  // Share the rest by how much more each column would like, counting no column as wanting more
  // than half the width: one long column would otherwise squeeze short ones into many lines.
  const flexible = preferred.map((p, j) => Math.max(0, Math.min(p, available / 2) - min[j]!));
  const sumFlexible = flexible.reduce((a, b) => a + b, 0);
  if (sumFlexible === 0) return min.map((m) => m + (available - sumMin) / columns);
  return min.map((m, j) => m + ((available - sumMin) * flexible[j]!) / sumFlexible);
}

export function prepareTable(block: TableBlock, links: LinkContext, missing: Set<string>, where: string): PreparedTable {
  const cellsFor = (): Cell[][] => [
    block.columns.map((text) => ({ spans: links.spans(text, { bold: true }), lines: [], scope: 'Column' as const })),
    ...block.rows.map((row) =>
      row.map((text, j) => {
        const header = j === 0 && block.rowHeaders;
        return { spans: links.spans(text, { bold: header }), lines: [], scope: header ? ('Row' as const) : undefined };
      }),
    ),
  ];
  const cells = cellsFor();
  for (const attempt of TABLE_ATTEMPTS) {
    const available = Flow.widthFor(attempt.orientation);
    const widths = columnWidths(cells, attempt.size, available);
    if (!widths) continue;
    const style: TextStyle = { size: attempt.size, lineHeight: Math.round(attempt.size * 1.4 * 10) / 10, color: COLOURS.text };
    for (const row of cells) row.forEach((cell, j) => (cell.lines = layoutLines(cell.spans, widths[j]! - 2 * PAD_X, attempt.size, { missing })));
    const captionStyle: TextStyle = { size: 12, lineHeight: 17, color: COLOURS.text };
    const [header, ...rows] = cells;
    return {
      orientation: attempt.orientation,
      style,
      widths,
      caption: layoutLines(links.spans(block.caption, { bold: true }), available, captionStyle.size, { missing }),
      captionStyle,
      header: header!,
      rows,
      headerHeight: cellHeight(header!, style),
    };
  }
  // Which columns are the problem: the widest unbreakable word of each, at the smallest size.
  const size = TABLE_MIN_SIZE;
  const widest = block.columns.map((column, j) => ({
    column: column.plain,
    width: Math.max(...cells.map((row) => Math.min(longestWord(row[j]!.spans, size), UNBREAKABLE_EMS * size) + 2 * PAD_X)),
  }));
  const total = Math.round(widest.reduce((a, b) => a + b.width, 0));
  const worst = [...widest].sort((a, b) => b.width - a.width).slice(0, 2).map((c) => `"${c.column}"`);
  const params = { caption: block.caption.plain, size, columns: block.columns.length, needed: total, available: Math.round(Flow.widthFor('landscape')), widest: worst.join(' and ') };
  throw new TableTooWide('pdf-table-too-wide', pdfMessage('pdf-table-too-wide', params, where));
}

/** The height that must fit with a heading above the table: caption, header row and first row. */
export function tableLeadHeight(table: PreparedTable): number {
  const captionHeight = table.caption.length * table.captionStyle.lineHeight + 4;
  const first = table.rows[0] ? cellHeight(table.rows[0], table.style) : 0;
  return Math.min(captionHeight + table.headerHeight + first, Flow.heightFor(table.orientation));
}

export function drawTable(flow: Flow, parent: StructElement, table: PreparedTable): void {
  const { tagger, doc } = flow;
  flow.ensureOrientation(table.orientation);
  flow.ensure(tableLeadHeight(table));

  const element = tagger.add(parent, 'Table');
  const caption = tagger.add(element, 'Caption');
  flow.drawLines(caption, table.caption, flow.left, table.captionStyle);
  flow.y += 4;

  const x0 = flow.left;
  const xs = table.widths.map((_, j) => x0 + table.widths.slice(0, j).reduce((a, b) => a + b, 0));
  const style = table.style;

  /** Draws row backgrounds and borders (decoration) and the cells' lines [from, to) from the current y. */
  const drawRowPart = (cells: Cell[], elements: StructElement[] | undefined, from: number[], count: number, header: boolean) => {
    const height = count * style.lineHeight + 2 * PAD_Y;
    const top = flow.y;
    tagger.artifact(() => {
      doc.save();
      if (header) doc.rect(x0, top, xs[xs.length - 1]! + table.widths[table.widths.length - 1]! - x0, height).fillColor(COLOURS.tableHeader).fill();
      doc.lineWidth(0.75).strokeColor(COLOURS.rule);
      cells.forEach((_, j) => doc.rect(xs[j]!, top, table.widths[j]!, height).stroke());
      doc.restore();
    });
    cells.forEach((cell, j) => {
      const lines = cell.lines.slice(from[j]!, from[j]! + count);
      lines.forEach((line, k) => {
        const lineTop = top + PAD_Y + k * style.lineHeight;
        if (elements) flow.drawLine(elements[j]!, line, xs[j]! + PAD_X, lineTop, style);
        else flow.drawLineArtifact(line, xs[j]! + PAD_X, lineTop, style);
      });
      from[j] = from[j]! + lines.length;
    });
    flow.y = top + height;
    flow.pageHasContent = true;
  };

  const cellElements = (row: StructElement, cells: Cell[]) =>
    cells.map((cell) => tagger.add(row, cell.scope ? 'TH' : 'TD', cell.scope ? { attributes: [{ O: 'Table', Scope: cell.scope }] } : {}));

  const head = tagger.add(element, 'THead');
  const headerRow = tagger.add(head, 'TR');
  drawRowPart(table.header, cellElements(headerRow, table.header), table.header.map(() => 0), Math.max(...table.header.map((c) => c.lines.length)), true);
  const repeatHeader = () => {
    flow.newPage(table.orientation);
    drawRowPart(table.header, undefined, table.header.map(() => 0), Math.max(...table.header.map((c) => c.lines.length)), true);
  };

  const body = tagger.add(element, 'TBody');
  const freshPage = Flow.heightFor(table.orientation) - table.headerHeight;
  table.rows.forEach((cells) => {
    const row = tagger.add(body, 'TR');
    const elements = cellElements(row, cells);
    const from = cells.map(() => 0);
    let fresh = false; // just moved to a new page
    for (;;) {
      const left = Math.max(...cells.map((c, j) => c.lines.length - from[j]!));
      const height = left * style.lineHeight + 2 * PAD_Y;
      if (flow.y + height <= flow.bottom + 0.01) {
        drawRowPart(cells, elements, from, left, false);
        break;
      }
      const started = from.some((f) => f > 0);
      if (!fresh && !started && height <= freshPage) {
        repeatHeader();
        fresh = true;
        continue;
      }
      // A row taller than a page: draw what fits here and continue it on the next page.
      const fit = Math.floor((flow.bottom - flow.y - 2 * PAD_Y) / style.lineHeight);
      if (fit < 2 && !fresh) {
        repeatHeader();
        fresh = true;
        continue;
      }
      drawRowPart(cells, elements, from, Math.max(fit, 1), false);
      repeatHeader();
      fresh = true;
    }
  });
}
