/**
 * Line breaking for the PDF: styled runs of inline text (from textRuns) in, lines of positioned
 * fragments out. Breaks at spaces; a word wider than the line (a long web address) breaks after
 * "/", ".", "-" and similar, or between letters as a last resort, so nothing is ever cut off.
 *
 * Layout only measures: drawing and tagging are done by flow.ts, so a block can be measured
 * before it is placed (to keep a heading with what follows it).
 */
import { faceOf, fontFor, printable, unitWidth, type Face, type FontName } from './fonts.js';
import type { LinkAction } from './tags.js';

/** A link in the text, resolved for print. */
export interface LinkTarget {
  /** Groups the fragments of one link (one Link element, however many lines it spans). */
  id: number;
  action: LinkAction;
  /** Announced by assistive technology: the link text, with its address when the two differ. */
  description: string;
}

/** A piece of inline text with one style. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: LinkTarget;
}

export interface Fragment {
  text: string;
  font: FontName;
  /** Offset from the line's start, in points. */
  x: number;
  width: number;
  link?: LinkTarget;
}

export interface Line {
  fragments: Fragment[];
  width: number;
}

interface Piece {
  text: string;
  font: FontName;
  link?: LinkTarget;
}

type Atom = { kind: 'word'; pieces: Piece[] } | { kind: 'space'; piece: Piece } | { kind: 'break' };

/** Printable ASCII: every face's latin file has all of it (the common case, laid out without looking at each letter). */
const ASCII = /^[\x20-\x7e]*$/;

/** Splits text of one face into pieces by which font file has each character. */
function piecesOf(text: string, face: Face, link: LinkTarget | undefined, missing: Set<string> | undefined): Piece[] {
  if (ASCII.test(text)) return [{ text, font: face, link }];
  const pieces: Piece[] = [];
  for (const ch of printable(text, missing)) {
    const font = fontFor(face, ch.codePointAt(0)!) ?? face;
    const last = pieces[pieces.length - 1];
    if (last && last.font === font) last.text += ch;
    else pieces.push({ text: ch, font, link });
  }
  return pieces;
}

function atomsOf(spans: readonly Span[], missing?: Set<string>): Atom[] {
  const atoms: Atom[] = [];
  for (const span of spans) {
    const face = faceOf(Boolean(span.bold), Boolean(span.italic));
    for (const match of span.text.matchAll(/(\n)|([ \t\r]+)|([^\s]+)/g)) {
      if (match[1]) atoms.push({ kind: 'break' });
      else if (match[2]) {
        // Runs of spaces collapse to one, as on the web page.
        if (atoms[atoms.length - 1]?.kind !== 'space') atoms.push({ kind: 'space', piece: { text: ' ', font: face, link: span.link } });
      } else if (match[3]) {
        const pieces = piecesOf(match[3], face, span.link, missing);
        const last = atoms[atoms.length - 1];
        // No space between two spans ("**bold**,"): they are one word, never broken apart.
        if (last?.kind === 'word') last.pieces.push(...pieces);
        else atoms.push({ kind: 'word', pieces });
      }
    }
  }
  return atoms;
}

const width = (piece: Piece, size: number) => unitWidth(piece.font, piece.text) * size;
const wordWidth = (pieces: readonly Piece[], size: number) => pieces.reduce((sum, p) => sum + width(p, size), 0);

/** Where a long word may break: after these characters (URL and email separators, hyphens). */
const BREAK_AFTER = new Set(['/', '.', '-', '_', '?', '&', '=', '@', ':', ',', ';', '#', '+', '\u2013', '\u2014']);

/** Splits a word that is wider than `available` into parts that each fit (the last may be shorter). */
function splitWord(pieces: readonly Piece[], available: number, full: number, size: number): Piece[][] {
  const chars: Piece[] = pieces.flatMap((p) => [...p.text].map((ch) => ({ text: ch, font: p.font, link: p.link })));
  const parts: Piece[][] = [];
  let start = 0;
  let room = available;
  while (start < chars.length) {
    let used = 0;
    let end = start;
    let lastBreak = -1;
    while (end < chars.length) {
      const w = width(chars[end]!, size);
      if (used + w > room && end > start) break;
      used += w;
      if (BREAK_AFTER.has(chars[end]!.text) && end + 1 < chars.length) lastBreak = end + 1;
      end++;
    }
    if (end < chars.length && lastBreak > start) end = lastBreak;
    parts.push(merge(chars.slice(start, end)));
    start = end;
    room = full;
  }
  return parts;
}

function merge(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last && last.font === piece.font && last.link === piece.link) last.text += piece.text;
    else out.push({ ...piece });
  }
  return out;
}

/**
 * A line of pieces. A line that ends where a space was keeps that space as a last, zero-width
 * fragment: it is invisible, but text extraction and screen readers then see a word boundary
 * between the last word of a line and the first of the next.
 */
function toLine(pieces: Piece[], size: number, trailingSpace?: Piece): Line {
  while (pieces.length && pieces[pieces.length - 1]!.text === ' ') pieces.pop();
  const fragments: Fragment[] = [];
  let x = 0;
  for (const piece of merge(pieces)) {
    const w = width(piece, size);
    fragments.push({ text: piece.text, font: piece.font, link: piece.link, x, width: w });
    x += w;
  }
  const last = fragments[fragments.length - 1];
  if (trailingSpace && last) {
    if (last.font === trailingSpace.font && last.link === trailingSpace.link) last.text += ' ';
    else fragments.push({ text: ' ', font: trailingSpace.font, link: trailingSpace.link, x, width: 0 });
  }
  return { fragments, width: x };
}

export interface LayoutOptions {
  /** Width of the first line when it differs (e.g. beside a list label). Default: width. */
  firstWidth?: number;
  /** Characters the typeface cannot show are added here. */
  missing?: Set<string>;
}

/** Breaks styled text into lines no wider than `maxWidth` at `size` points. Always at least one line. */
export function layoutLines(spans: readonly Span[], maxWidth: number, size: number, options: LayoutOptions = {}): Line[] {
  const lines: Line[] = [];
  let current: Piece[] = [];
  let used = 0;
  let pendingSpace: Piece | undefined;
  const limit = () => (lines.length === 0 ? (options.firstWidth ?? maxWidth) : maxWidth);
  const flush = (atSpace = false) => {
    lines.push(toLine(current, size, atSpace ? pendingSpace : undefined));
    current = [];
    used = 0;
    pendingSpace = undefined;
  };

  for (const atom of atomsOf(spans, options.missing)) {
    if (atom.kind === 'break') {
      flush();
      continue;
    }
    if (atom.kind === 'space') {
      if (current.length) pendingSpace = atom.piece;
      continue;
    }
    const w = wordWidth(atom.pieces, size);
    const spaceWidth = pendingSpace ? width(pendingSpace, size) : 0;
    if (current.length && used + spaceWidth + w <= limit()) {
      if (pendingSpace) current.push(pendingSpace);
      current.push(...atom.pieces);
      used += spaceWidth + w;
      pendingSpace = undefined;
      continue;
    }
    if (current.length) flush(true);
    if (w <= limit()) {
      current.push(...atom.pieces);
      used = w;
      continue;
    }
    const parts = splitWord(atom.pieces, limit(), maxWidth, size);
    parts.forEach((part, i) => {
      current.push(...part);
      used = wordWidth(part, size);
      if (i < parts.length - 1) flush();
    });
  }
  if (current.length || lines.length === 0) flush();
  return lines;
}

/** The width of the widest word (what a table column needs at least, before words are broken). */
export function longestWord(spans: readonly Span[], size: number): number {
  let widest = 0;
  for (const atom of atomsOf(spans)) if (atom.kind === 'word') widest = Math.max(widest, wordWidth(atom.pieces, size));
  return widest;
}

/** The width of the text set on one line. */
export function naturalWidth(spans: readonly Span[], size: number): number {
  let total = 0;
  let line = 0;
  for (const atom of atomsOf(spans)) {
    if (atom.kind === 'break') {
      total = Math.max(total, line);
      line = 0;
    } else line += atom.kind === 'word' ? wordWidth(atom.pieces, size) : width(atom.piece, size);
  }
  return Math.max(total, line);
}
