/**
 * The PDF typeface: Atkinson Hyperlegible (the web pages' font, from @fontsource), embedded in
 * every PDF. @fontsource splits each face into a "latin" and a "latin-ext" file; text is set in the
 * latin file and falls back to latin-ext for the characters only that file has (ā, ł, ő …), so a
 * name such as "Łukasz" prints correctly. Characters neither file has are reported and replaced.
 *
 * Widths are measured once per process with a measuring document and cached, because the same
 * words recur across notices.
 */
import PDFDocument from 'pdfkit';
import { fontsHash, FONT_NAMES, openTypeFiles, type Face, type FontName } from './font-files.js';

export type { Face, FontName } from './font-files.js';

export function faceOf(bold: boolean, italic: boolean): Face {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** Registers the eight fonts under their FontName in a document (pdfkit parses them itself). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, data] of openTypeFiles()) doc.registerFont(name, data);
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
