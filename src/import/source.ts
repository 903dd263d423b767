/**
 * What every reader (.docx, .html, .md/.txt) turns a document into: a flat run of headings,
 * paragraphs, line groups, lists and tables in reading order, with inline Markdown for links and
 * emphasis. One structuring step (structure.ts) turns it into a notice, whatever the format was.
 */

export interface HeadingNode {
  kind: 'heading';
  /** 1-6 as the source marks it; undefined when only the layout says it is a heading (plain text). */
  level?: number;
  text: string;
}

export interface ParagraphNode {
  kind: 'paragraph';
  text: string;
}

/** Lines the source breaks on purpose (an address, "Email: …" lines): kept line by line. */
export interface LinesNode {
  kind: 'lines';
  lines: string[];
}

export interface ListItemNode {
  text: string;
  /** 0 for the outer list, 1 for a list inside an item, and so on. */
  depth: number;
}

export interface ListNode {
  kind: 'list';
  ordered: boolean;
  items: ListItemNode[];
}

export interface TableNode {
  kind: 'table';
  rows: string[][];
  /** True when the source marks its first row as a header row. */
  headerRow: boolean;
  caption?: string;
}

export type SourceNode = HeadingNode | ParagraphNode | LinesNode | ListNode | TableNode;

/** Something the reader found but could not put in the notice, and where it was. */
export interface Unplaced {
  what: string;
  /** "after 'Who we are'" or "at the start". */
  where: string;
  detail?: string;
}

export interface SourceDocument {
  nodes: SourceNode[];
  unplaced: Unplaced[];
  /** The source's own text, one line per paragraph-like piece, for the sentence coverage. */
  plainLines: string[];
  /** Notes about how the reader read the document (tracked changes kept, etc.). */
  notes: string[];
}

/** Where the reader is, for messages: the last heading seen. */
export function placeAfter(nodes: readonly SourceNode[]): string {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.kind === 'heading') return `under the heading '${node.text}'`;
  }
  return 'before the first heading';
}
