/**
 * Reads a .md or .txt notice. Markdown structure is used where the file has it (# headings,
 * "- " and "1." lists, "a | b" tables, lines ending in two spaces); otherwise the layout says what
 * is what: a short line with no closing punctuation is a heading, "•" and "-" start list items,
 * and a line ending in ":" introduces what follows.
 */
import type { ListNode, SourceDocument, SourceNode } from './source.js';
import { decodeWindows1252, tidyMarkdownLine, unwrapEmphasis } from './inline.js';

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HASH_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^(\s*)(?:([-*+•●▪◦·‣])|(\d{1,3})[.)])\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const HARD_BREAK = /(?: {2,}|\\)$/;

/** One line of the source as the words a reader sees, for the sentence coverage. */
export function plainLineOf(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/^\s*(?:[-*+•●▪◦·‣]|\d{1,3}[.)])\s+/, '')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)/g, '$1')
    .replace(/<((?:https?|mailto|tel):[^<>\s]+)>/gi, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\\+([!-/:-@[-`{-~])/g, '$1')
    .replace(/\|/g, ' ')
    .trim();
}

/** A short line with no closing punctuation that starts with a capital: a heading in plain text. */
export function looksLikeHeading(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > 100) return false;
  if (/[.:;,]$/.test(text) || text.includes('|')) return false;
  if (text.split(/\s+/).length > 12) return false;
  return /^["'‘“(]?[\p{Lu}\p{N}]/u.test(text);
}

function tableCells(line: string): string[] {
  let cells = line.split('|').map((cell) => tidyMarkdownLine(cell));
  // Pipes at the ends of the row close the table, not an empty cell.
  if (line.trim().startsWith('|')) cells = cells.slice(1);
  if (line.trim().endsWith('|')) cells = cells.slice(0, -1);
  return cells;
}

/** A text file as UTF-8, or as windows-1252 (what Notepad and older systems save) when it is not valid UTF-8. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

export function readText(text: string): SourceDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const nonBlank = lines.filter((l) => l.trim()).length;
  const blank = lines.length - nonBlank;
  const hasHashHeadings = lines.some((l) => HASH_HEADING.test(l) && /\S/.test(l.replace(/#/g, '')));
  // Files with blank lines between paragraphs wrap long paragraphs over several lines (Markdown's
  // rule); files without them put each paragraph on a line of its own.
  const blankSeparated = nonBlank > 0 && blank / nonBlank >= 0.2;

  const nodes: SourceNode[] = [];
  const plainLines: string[] = [];
  let previousBlank = true;
  let previousText = '';
  /** The node the current line may continue: a paragraph, line group, list or table. */
  let open: SourceNode | undefined;
  let listIndent = 0;

  const nextNonBlank = (from: number): string | undefined => lines.slice(from + 1).find((l) => l.trim());

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) {
      previousBlank = true;
      if (open?.kind !== 'list') open = undefined;
      continue;
    }
    const afterBlank = previousBlank;
    previousBlank = false;
    const introducedByColon = previousText.endsWith(':');
    previousText = raw.trim();

    if (TABLE_SEPARATOR.test(raw) && raw.includes('-') && open?.kind === 'table') continue;
    if (RULE.test(raw)) continue;
    const plain = plainLineOf(raw);
    if (plain) plainLines.push(plain);

    // Tables: "a | b" rows, the first followed by a "---|---" separator.
    if (raw.includes('|') && (open?.kind === 'table' || TABLE_SEPARATOR.test(lines[i + 1] ?? ''))) {
      const cells = tableCells(raw);
      if (open?.kind === 'table') open.rows.push(cells);
      else {
        open = { kind: 'table', rows: [cells], headerRow: true };
        nodes.push(open);
      }
      continue;
    }

    const hash = HASH_HEADING.exec(raw);
    if (hash && hash[2]!.trim()) {
      nodes.push({ kind: 'heading', level: hash[1]!.length, text: unwrapEmphasis(tidyMarkdownLine(hash[2]!)) });
      open = undefined;
      continue;
    }

    const item = LIST_ITEM.exec(raw);
    if (item && item[4]!.trim()) {
      const indent = item[1]!.replace(/\t/g, '    ').length;
      const ordered = item[3] !== undefined;
      // An indented item belongs to the open list (a bulleted list inside a numbered one, say).
      let list = open?.kind === 'list' && (open.ordered === ordered || indent > listIndent) ? open : undefined;
      if (!list) {
        list = { kind: 'list', ordered, items: [] } satisfies ListNode;
        nodes.push(list);
        listIndent = indent;
      }
      const depth = Math.max(0, Math.floor((indent - listIndent) / 2));
      list.items.push({ text: tidyMarkdownLine(item[4]!), depth: Math.min(depth, (list.items.at(-1)?.depth ?? -1) + 1) });
      open = list;
      continue;
    }

    const text = tidyMarkdownLine(raw);
    // A line straight after a list item that ends with ":" (or that carries on a sentence) belongs to it.
    if (open?.kind === 'list') {
      const last = open.items.at(-1)!;
      if (!afterBlank && (last.text.endsWith(':') || /^[\p{Ll}<(]/u.test(text) || /^https?:/.test(text))) {
        last.text = `${last.text} ${text}`;
        continue;
      }
      open = undefined;
    }

    if (open?.kind === 'lines') {
      open.lines.push(text);
      if (!HARD_BREAK.test(raw)) open = undefined;
      continue;
    }
    if (HARD_BREAK.test(raw) && lines[i + 1]?.trim()) {
      open = { kind: 'lines', lines: [text] };
      nodes.push(open);
      continue;
    }

    const next = nextNonBlank(i);
    const followedByBlank = !lines[i + 1]?.trim();
    if (!hasHashHeadings && !introducedByColon && next !== undefined && looksLikeHeading(text) && (followedByBlank || !blankSeparated)) {
      nodes.push({ kind: 'heading', text: unwrapEmphasis(text) });
      open = undefined;
      continue;
    }

    if (open?.kind === 'paragraph' && blankSeparated && !afterBlank) {
      open.text = `${open.text} ${text}`;
      continue;
    }
    open = { kind: 'paragraph', text };
    nodes.push(open);
  }
  return { nodes, unplaced: [], plainLines, notes: [] };
}
