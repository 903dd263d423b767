/**
 * The PDF typeface's files (Atkinson Hyperlegible, from @fontsource): where they are, their hash
 * for the PDF cache key, and their tables as plain OpenType for pdfkit. Kept apart from fonts.ts,
 * which measures and sets text with pdfkit, so that a thread that only works out cache keys does
 * not load the renderer.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';

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

let shipped: Map<FontName, Buffer> | undefined;
let openType: Map<FontName, Buffer> | undefined;

function unreadable(file: string, error: unknown): Error {
  return new Error(`The PDF font file ${file} cannot be read (${(error as Error).message}). Reinstall the packages with "npm ci" (the font comes from @fontsource/atkinson-hyperlegible).`);
}

/** The font files as shipped (WOFF), read once per thread. Throws a clear error when one is missing. */
function woffFiles(): Map<FontName, Buffer> {
  if (!shipped) {
    const files = new Map<FontName, Buffer>();
    for (const name of FONT_NAMES) {
      try {
        files.set(name, readFileSync(fontFile(name)));
      } catch (error) {
        throw unreadable(fontFile(name), error);
      }
    }
    shipped = files;
  }
  return shipped;
}

/** The same fonts as plain OpenType, for pdfkit, made once per thread. Throws a clear error when one is damaged. */
export function openTypeFiles(): Map<FontName, Buffer> {
  if (!openType) {
    const files = new Map<FontName, Buffer>();
    for (const [name, woff] of woffFiles()) {
      try {
        files.set(name, woffToSfnt(woff));
      } catch (error) {
        throw unreadable(fontFile(name), error);
      }
    }
    openType = files;
  }
  return openType;
}

/** A hash of every font file, for the PDF cache key. */
export function fontsHash(): string {
  const hash = createHash('sha256');
  for (const [name, data] of woffFiles()) hash.update(name).update(data);
  return hash.digest('hex');
}
