/**
 * Reading text safely: strict UTF-8 with the place of the first unreadable byte, control
 * characters found with their line and column, NFC normalisation, and escaping for messages.
 *
 * Node's readFile(…, 'utf8') silently turns unreadable bytes into U+FFFD, so a Latin-1 file
 * would be published with replacement characters; decodeUtf8 refuses it instead.
 */
import { catalogue } from '../diagnostics/catalogue.js';
import type { PathSegment } from '../diagnostics/diagnostic.js';

/** A problem in a text, at a 1-based line and column (columns count UTF-16 code units, as the YAML positions do). */
export interface TextProblem {
  /** Project-relative path, when the check was given one. */
  file?: string;
  code: 'file-not-utf8' | 'control-character';
  line: number;
  column: number;
  message: string;
}

export type DecodeResult = { text: string } | { problem: TextProblem };

const BOM = [0xef, 0xbb, 0xbf];

/**
 * The text of a UTF-8 file, without its byte-order mark; or where the first unreadable byte is.
 * `file` is the project-relative path, repeated in the problem for the caller's message.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): DecodeResult {
  try {
    // TextDecoder drops a leading BOM itself (ignoreBOM is false).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    const from = lineStart === 0 && startsWithBom(bytes) ? BOM.length : lineStart;
    const before = new TextDecoder('utf-8').decode(bytes.subarray(from, Math.max(from, offset)));
    const byte = `0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')}`;
    return { problem: { file, code: 'file-not-utf8', line, column: before.length + 1, message: catalogue['file-not-utf8'].message({ byte }) } };
  }
}

function startsWithBom(bytes: Uint8Array): boolean {
  return BOM.every((b, i) => bytes[i] === b);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow and the allowed range of the first one
    // (which rules out overlong forms, surrogates and code points above U+10FFFF).
    let count: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) count = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      count = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      count = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= count; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += count + 1;
  }
  return bytes.length;
}

/** A character that must not appear in published text. */
export interface ControlCharacter {
  line: number;
  column: number;
  codePoint: number;
}

/**
 * Is this UTF-16 code unit (or code point) one we refuse: C0 controls other than tab, line feed
 * and carriage return; DEL; C1 controls; the non-characters U+FFFE and U+FFFF.
 */
function isRefusedCodePoint(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
}

/** Every refused character in `text`, with its 1-based line and column; lone surrogates included. */
export function findControlCharacters(text: string): ControlCharacter[] {
  const found: ControlCharacter[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed pair
        continue;
      }
      found.push({ line, column: i - lineStart + 1, codePoint: code });
    } else if ((code >= 0xdc00 && code <= 0xdfff) || isRefusedCodePoint(code)) {
      found.push({ line, column: i - lineStart + 1, codePoint: code });
    }
  }
  return found;
}

/** The problems for `findControlCharacters(text)`, with their messages. */
export function controlCharacterProblems(text: string): TextProblem[] {
  return findControlCharacters(text).map(({ line, column, codePoint }) => ({
    code: 'control-character',
    line,
    column,
    message: catalogue['control-character'].message({ character: describeCodePoint(codePoint) }),
  }));
}

/**
 * Refused characters inside parsed YAML values (keys and texts), which YAML escapes such as
 * "\e" or "\ud800" produce without the character being in the file. Each value is visited once,
 * so aliases cannot make this walk grow.
 */
export function findControlCharactersInData(data: unknown): { path: PathSegment[]; codePoint: number }[] {
  const found: { path: PathSegment[]; codePoint: number }[] = [];
  const seen = new Set<object>();
  // Depth first in document order: children are pushed last to first.
  const stack: { value: unknown; path: PathSegment[]; key?: string }[] = [{ value: data, path: [] }];
  const check = (text: string, path: PathSegment[]) => {
    const first = findControlCharacters(text)[0];
    if (first) found.push({ path, codePoint: first.codePoint });
  };
  while (stack.length > 0) {
    const { value, path, key } = stack.pop()!;
    if (key !== undefined) check(key, path);
    if (typeof value === 'string') check(value, path);
    else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      const children: typeof stack = Array.isArray(value)
        ? value.map((item, i) => ({ value: item, path: [...path, i] }))
        : Object.entries(value).map(([name, item]) => ({ value: item, path: [...path, name], key: name }));
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return found;
}

/** Unicode's composed form, so the same words written two ways compare, sort and search alike. */
export function normaliseText(text: string): string {
  return text.normalize('NFC');
}

const NAMES: Record<number, string> = { 0x00: 'null', 0x07: 'bell', 0x08: 'backspace', 0x1b: 'escape', 0x7f: 'delete' };

/** e.g. "\u001b (escape)", for messages. */
export function describeCodePoint(codePoint: number): string {
  const escaped = `\\u${codePoint.toString(16).padStart(4, '0')}`;
  const name = NAMES[codePoint] ?? (codePoint >= 0xd800 && codePoint <= 0xdfff ? 'half of a character pair, alone' : undefined);
  return name ? `${escaped} (${name})` : escaped;
}

/**
 * Walks the UTF-16 code units of `text`, keeping each well-formed surrogate pair as it is;
 * `replace` gives the text to put instead of any other unit (a lone surrogate included), or
 * undefined to keep it.
 */
function mapCodeUnits(text: string, replace: (code: number) => string | undefined): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
        continue;
      }
    }
    out += replace(code) ?? text[i]!;
  }
  return out;
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * Text from a file, made safe to print: control characters (tab and line breaks included, so a
 * message stays on its line), lone surrogates, non-characters and the bidirectional overrides
 * that can make a terminal show something other than what is there, written as \u001b escapes.
 */
export function escapeForTerminal(text: string): string {
  return mapCodeUnits(text, (code) =>
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    isSurrogate(code) ||
    code === 0xfffe ||
    code === 0xffff ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : undefined,
  );
}

/**
 * Every character findControlCharacters refuses (each half of a broken pair included) as a space,
 * so the text can still be parsed and every offset stays where it was.
 */
export function blankControlCharacters(text: string): string {
  return mapCodeUnits(text, (code) => (isSurrogate(code) || isRefusedCodePoint(code) ? ' ' : undefined));
}
