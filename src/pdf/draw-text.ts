/**
 * Drawing one run of text: the operators pdfkit's `doc.text(text, x, y, { lineBreak: false,
 * baseline: 'alphabetic' })` writes, byte for byte, with the text laid out once. pdfkit lays a
 * run out three times (to measure it for links and underlines, to encode it, and to move its own
 * cursor), and drawing text was the largest part of making a PDF. The lines here are already laid
 * out (text-layout.ts), so none of those measurements is needed.
 *
 * Text with a line break, or a font that is not an embedded one, goes to pdfkit itself.
 */

/** A glyph position as pdfkit's font layout gives it (already scaled to 1000 units per em). */
interface GlyphPosition {
  xAdvance: number;
  yOffset: number;
  xOffset: number;
  advanceWidth: number;
}

interface GlyphRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: GlyphPosition[];
}

/** pdfkit's EmbeddedFont, as far as encoding text goes. */
interface EncodingFont {
  id: string;
  scale: number;
  widths: number[];
  unicode: number[][];
  subset: { includeGlyph(glyph: number): number };
  ref(): PDFKit.PDFKitReference;
  /** A word (with its trailing space) laid out, from the cache shared by every document of the thread. */
  layoutCached(word: string): GlyphRun;
}

/** Four hex digits of every glyph number a subset is likely to reach (pdfkit formats each one anew). */
const HEX: readonly string[] = Array.from({ length: 4096 }, (_, n) => n.toString(16).padStart(4, '0'));

/**
 * pdfkit's EmbeddedFont.encode: the text's glyphs, added to the document's subset, as hex glyph
 * numbers, and their positions. The same words in the same order, without building the whole
 * run's glyph and position lists again word by word (which pdfkit does with concat).
 */
function encode(font: EncodingFont, text: string): [string[], GlyphPosition[]] {
  const hex: string[] = [];
  const positions: GlyphPosition[] = [];
  let last = 0;
  let index = 0;
  while (index <= text.length) {
    const code = text.charCodeAt(index);
    // A word ends after a space or tab, or at the end of the text (as pdfkit splits it).
    if ((index === text.length && last < index) || code === 32 || code === 9) {
      const run = font.layoutCached(text.slice(last, ++index));
      for (let i = 0; i < run.glyphs.length; i++) {
        const glyph = run.glyphs[i]!;
        const gid = font.subset.includeGlyph(glyph.id);
        hex.push(HEX[gid] ?? `0000${gid.toString(16)}`.slice(-4));
        if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
        if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
        positions.push(run.positions[i]!);
      }
      last = index;
    } else index++;
  }
  return [hex, positions];
}

/** pdfkit's number format in content streams (PDFObject.number). */
function number(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** Draws text in the document's current font and size with its baseline at (x, baseline), top-left origin. */
export function drawText(doc: PDFKit.PDFDocument, text: string, x: number, baseline: number): void {
  const font = doc._font as unknown as Partial<EncodingFont>;
  if (text.includes('\n') || typeof font.layoutCached !== 'function' || !font.subset) {
    doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
    return;
  }
  if (text.length === 0) return;
  const embedded = font as EncodingFont;
  const page = doc.page as PDFKit.PDFPage & { fonts: Record<string, PDFKit.PDFKitReference> };
  const size = (doc as unknown as { _fontSize: number })._fontSize;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, page.height);
  const y = page.height - baseline;
  if (page.fonts[embedded.id] == null) page.fonts[embedded.id] = embedded.ref();
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
  doc.addContent(`/${embedded.id} ${number(size)} Tf`);
  const [encoded, positions] = encode(embedded, text);
  // The rest as pdfkit's _fragment writes it: runs of glyphs in TJ arrays, each followed by its
  // kerning adjustment, and a new text matrix around a glyph moved up, down or sideways.
  const scale = size / 1000;
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const hex = encoded.slice(last, cur).join('');
      const advance = positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth;
      commands.push(`<${hex}> ${number(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      doc.addContent(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i: number;
  let penX = x;
  for (i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      doc.addContent(`1 0 0 1 ${number(penX + pos.xOffset * scale)} ${number(y + pos.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        doc.addContent(`1 0 0 1 ${number(penX)} ${number(y)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    penX += pos.xAdvance * scale;
  }
  flush(i);
  doc.addContent('ET');
  doc.restore();
}
