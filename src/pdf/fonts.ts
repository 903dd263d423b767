/**
 * The PDF typeface: Atkinson Hyperlegible (the web pages' font, from @fontsource), embedded in
 * every PDF. @fontsource splits each face into a "latin" and a "latin-ext" file; text is set in the
 * latin file and falls back to latin-ext for the characters only that file has (ā, ł, ő …), so a
 * name such as "Łukasz" prints correctly. Characters neither file has are reported and replaced.
 *
 * Widths are measured once per process with a measuring document and cached, because the same
 * words recur across notices.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type FontName = Face | `${Face}-ext`;

export const FACES: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic'];
const FILE_STYLE: Record<Face, string> = { regular: '400-normal', bold: '700-normal', italic: '400-italic', boldItalic: '700-italic' };

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('@fontsource/atkinson-hyperlegible/package.json'));

export function fontFile(name: FontName): string {
  const ext = name.endsWith('-ext');
  const face = (ext ? name.slice(0, -4) : name) as Face;
  return path.join(PACKAGE_DIR, 'files', `atkinson-hyperlegible-${ext ? 'latin-ext' : 'latin'}-${FILE_STYLE[face]}.woff`);
}

export const FONT_NAMES: readonly FontName[] = FACES.flatMap((face): FontName[] => [face, `${face}-ext`]);

export function faceOf(bold: boolean, italic: boolean): Face {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/**
 * WOFF 1.0 to plain OpenType: the same tables, decompressed. fontkit can read WOFF itself, but it
 * inflates every table again for every document with a JavaScript inflater, which made that the
 * slowest part of making a PDF; node's zlib does it once per thread instead.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : raw;
    if (data.length !== origLength) throw new Error('a WOFF table has the wrong length');
    tables.push({ tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data });
  }
  const headerLength = 12 + numTables * 16;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  const power = 2 ** Math.floor(Math.log2(numTables));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    out.writeUInt32BE(table.tag, record);
    out.writeUInt32BE(table.checksum, record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}

interface FontFiles {
  /** The files as shipped, for the cache key. */
  woff: Map<FontName, Buffer>;
  /** The same fonts as OpenType, for pdfkit. */
  sfnt: Map<FontName, Buffer>;
}
let fonts: FontFiles | undefined;

/** The font files, read once per thread. Throws a clear error when one is missing or damaged. */
function fontFiles(): FontFiles {
  if (!fonts) {
    const woff = new Map<FontName, Buffer>();
    const sfnt = new Map<FontName, Buffer>();
    for (const name of FONT_NAMES) {
      const file = fontFile(name);
      try {
        const data = readFileSync(file);
        woff.set(name, data);
        sfnt.set(name, woffToSfnt(data));
      } catch (error) {
        throw new Error(
          `The PDF font file ${file} cannot be read (${(error as Error).message}). Reinstall the packages with "npm ci" (the font comes from @fontsource/atkinson-hyperlegible).`,
        );
      }
    }
    fonts = { woff, sfnt };
  }
  return fonts;
}

/** A hash of every font file, for the PDF cache key. */
export function fontsHash(): string {
  const hash = createHash('sha256');
  for (const [name, data] of fontFiles().woff) hash.update(name).update(data);
  return hash.digest('hex');
}

/** Registers the eight fonts under their FontName in a document (pdfkit parses them itself). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, data] of fontFiles().sfnt) doc.registerFont(name, data);
}

// --- Which file has a character ------------------------------------------------------------------

let measurer: PDFKit.PDFDocument | undefined;

/** A document that is never written: pdfkit's font objects measure text and list their glyphs. */
function measuringDocument(): PDFKit.PDFDocument {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false, font: null });
    registerFonts(measurer);
  }
  return measurer;
}

/** pdfkit's font object for a FontName in the measuring document (parsed once per thread). */
function sharedFont(name: FontName): PDFKit.EmbeddedFontInternals {
  return measuringDocument().font(name)._font;
}

/** Documents that share one cache of laid-out words before it is started afresh. */
const DOCUMENTS_PER_LAYOUT_CACHE = 500;
let layoutCacheUses = 0;

/**
 * Gives a new document the eight fonts, already parsed. pdfkit would parse each font file again
 * for every document (and lay out every word again); most of the time of a small PDF went there.
 * Each document still gets its own font object (its own subset of glyphs), but shares the parsed
 * font and the cache of laid-out words. Fonts a document never uses are not written to it.
 */
export function attachFonts(doc: PDFKit.PDFDocument): void {
  // The laid-out words grow with the site's vocabulary: start them afresh now and then, so a
  // worker's capped heap (pool.ts) holds them whatever the size of the site.
  if (++layoutCacheUses > DOCUMENTS_PER_LAYOUT_CACHE) {
    layoutCacheUses = 0;
    for (const name of FONT_NAMES) {
      const shared = sharedFont(name);
      if (shared.layoutCache) shared.layoutCache = Object.create(null) as Record<string, unknown>;
    }
  }
  for (const name of FONT_NAMES) {
    const shared = sharedFont(name);
    const EmbeddedFont = shared.constructor as PDFKit.EmbeddedFontConstructor;
    const font = new EmbeddedFont(doc, shared.font, `F${++doc._fontCount}`);
    if (shared.layoutCache) font.layoutCache = shared.layoutCache;
    doc._fontFamilies[name] = font;
  }
}

const characterSets = new Map<FontName, Set<number>>();

/** The code points a font file has a glyph for (read from its cmap, not from the CSS unicode-range, which promises more). */
function characterSet(font: FontName): Set<number> {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(sharedFont(font).font.characterSet);
    characterSets.set(font, set);
  }
  return set;
}

/** Which file of a face shows a code point: the latin file, its latin-ext file, or neither (undefined). */
export function fontFor(face: Face, cp: number): FontName | undefined {
  if (characterSet(face).has(cp)) return face;
  const ext: FontName = `${face}-ext`;
  if (characterSet(ext).has(cp)) return ext;
  return undefined;
}

/** Characters that print as something close: typographic spaces and dashes, ligatures … */
const SUBSTITUTES: Record<string, string> = {
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u00ad': '',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\u2212': '-',
};

/**
 * Text the typeface can show: every character is kept when a font file has it, otherwise
 * replaced by a close equivalent (its base letter without accents) or by U+FFFD. Unprintable
 * characters are added to `missing` so the build can report them.
 */
export function printable(text: string, missing?: Set<string>): string {
  if (/^[\x20-\x7e\n]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || fontFor('regular', cp)) {
      out += ch;
      continue;
    }
    const substitute = SUBSTITUTES[ch];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    if (base && [...base].every((c) => fontFor('regular', c.codePointAt(0)!))) {
      out += base;
    } else {
      out += '\ufffd';
    }
    missing?.add(ch);
  }
  return out;
}

// --- Measuring ------------------------------------------------------------------------------------

const widthCache = new Map<FontName, Map<string, number>>();

/**
 * Words recur across notices, so their widths are kept; longer text (a whole line of a paragraph)
 * rarely recurs, and keeping it would only fill the memory.
 */
const CACHED_LENGTH = 40;

/** The width of text at 1 pt in a font (multiply by the size). */
export function unitWidth(font: FontName, text: string): number {
  if (text.length > CACHED_LENGTH) return sharedFont(font).widthOfString(text, 1);
  let cache = widthCache.get(font);
  if (!cache) {
    cache = new Map();
    widthCache.set(font, cache);
  }
  let width = cache.get(text);
  if (width === undefined) {
    width = sharedFont(font).widthOfString(text, 1);
    // Kept small enough for a worker's capped heap (pool.ts), and large enough for a site's words.
    if (cache.size > 50_000) cache.clear();
    cache.set(text, width);
  }
  return width;
}

/** The typeface's ascent and descent per 1 pt of size (descent is negative). */
export function verticalMetrics(): { ascent: number; descent: number } {
  const font = sharedFont('regular');
  return { ascent: font.ascender / 1000, descent: font.descender / 1000 };
}

/** Reads and parses every font now (a worker does this before it takes its first job). */
export function warmUp(): void {
  fontsHash();
  for (const name of FONT_NAMES) unitWidth(name, 'a');
}
