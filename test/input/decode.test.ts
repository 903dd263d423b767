import { describe, expect, it } from 'vitest';
import {
  controlCharacterProblems,
  decodeUtf8,
  describeCodePoint,
  escapeForTerminal,
  findControlCharacters,
  findControlCharactersInData,
  firstInvalidUtf8,
  normaliseText,
} from '../../src/input/decode.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8(utf8('title: Café'), 'a.yaml')).toEqual({ text: 'title: Café' });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'id: x'), 'a.yaml')).toEqual({ text: 'id: x' });
  });

  it('refuses a Latin-1 file with the line and column of the first unreadable byte', () => {
    // "Café" in Latin-1: é is the single byte 0xE9.
    const result = decodeUtf8(bytes('id: x\ntitle: Caf', [0xe9], '\n'), 'content/a.yaml');
    expect(result).toEqual({
      problem: { file: 'content/a.yaml', code: 'file-not-utf8', line: 2, column: 11, message: 'this file is not UTF-8: the byte 0xE9 here cannot be read as text.' },
    });
  });

  it('counts columns in characters, after a BOM and after other non-ASCII letters', () => {
    const result = decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'née: ', [0xff]), 'a.yaml');
    expect(result).toMatchObject({ problem: { line: 1, column: 6 } });
  });

  it('finds truncated sequences, overlong forms, encoded surrogates and code points past U+10FFFF', () => {
    expect(firstInvalidUtf8(bytes('ab', [0xe2, 0x82]))).toBe(2); // € cut short at the end
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(bytes('a', [0xed, 0xa0, 0x80]))).toBe(1); // U+D800 encoded
    expect(firstInvalidUtf8(bytes('a', [0xf4, 0x90, 0x80, 0x80]))).toBe(1); // U+110000
    expect(firstInvalidUtf8(bytes('a€😀', [0x80]))).toBe(8);
    expect(firstInvalidUtf8(utf8('all good: é € 😀'))).toBe(utf8('all good: é € 😀').length);
  });
});

describe('control characters', () => {
  it('finds C0 (not tab, LF, CR), DEL, C1, lone surrogates and U+FFFE/FFFF with their positions', () => {
    const text = 'ok\tline\r\nescape \u001b[31m here\nnull\u0000 del\u007f c1\u0085\nlone \ud800 \udc00 pair 😀 \ufffe\uffff';
    expect(findControlCharacters(text).map(({ line, column, codePoint }) => [line, column, codePoint.toString(16)])).toEqual([
      [2, 8, '1b'],
      [3, 5, '0'],
      [3, 10, '7f'],
      [3, 14, '85'],
      [4, 6, 'd800'],
      [4, 8, 'dc00'],
      [4, 18, 'fffe'], // columns count UTF-16 units: the emoji is two
      [4, 19, 'ffff'],
    ]);
    expect(findControlCharacters('Plain text, é, 😀, tabs\tand\r\nlines.')).toEqual([]);
  });

  it('gives catalogue messages with the character escaped', () => {
    expect(controlCharacterProblems('a\u001bb')).toEqual([
      { code: 'control-character', line: 1, column: 2, message: 'this text contains the invisible control character \\u001b (escape).' },
    ]);
    expect(describeCodePoint(0xd800)).toBe('\\ud800 (half of a character pair, alone)');
  });

  it('finds them in parsed values (YAML escapes), visiting shared values once', () => {
    const shared = { text: 'bell\u0007' };
    const data = { title: 'fine', sections: [shared, shared, { ['key\u0001']: 'x' }], lone: '\udfff' };
    expect(findControlCharactersInData(data)).toEqual([
      { path: ['sections', 0, 'text'], codePoint: 7 },
      { path: ['sections', 2, 'key\u0001'], codePoint: 1 },
      { path: ['lone'], codePoint: 0xdfff },
    ]);
  });
});

describe('escapeForTerminal and normaliseText', () => {
  it('shows control characters, line breaks, lone surrogates and bidi overrides as escapes', () => {
    expect(escapeForTerminal('red \u001b[31mALERT\u001b[0m\nnext\tcol')).toBe('red \\u001b[31mALERT\\u001b[0m\\u000anext\\u0009col');
    expect(escapeForTerminal('a\ud800b 😀 \u202Eevil\u2066')).toBe('a\\ud800b 😀 \\u202eevil\\u2066');
    expect(escapeForTerminal('Café – “quoted”')).toBe('Café – “quoted”');
  });

  it('normalises to NFC', () => {
    const decomposed = 'Cafe\u0301';
    expect(normaliseText(decomposed)).toBe('Café');
    expect(normaliseText(decomposed)).toHaveLength(4);
  });
});
