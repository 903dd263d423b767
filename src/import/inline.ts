/** Inline Markdown for imported text: escaping the words of Word and HTML documents, tidying text files. */

/** Text that must read as written: characters Markdown would take as syntax are escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/<(?=[A-Za-z/!])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Collapses runs of whitespace (including non-breaking spaces) to one space. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ');
}

/**
 * One line of a Markdown or text file as notice text: doubled backslash escapes (as some
 * converters write, "website\\_information") become single ones, and spaces are collapsed.
 */
export function tidyMarkdownLine(line: string): string {
  return collapseSpace(line.replace(/\\{2,}(?=[!-/:-@[-`{-~])/g, '\\')).trim();
}

/** "**Who we are**" -> "Who we are": emphasis round a whole heading says nothing. */
export function unwrapEmphasis(text: string): string {
  const match = /^(\*\*|__|\*|_)(.+)\1$/.exec(text.trim());
  return match && !match[2]!.includes(match[1]!) ? match[2]!.trim() : text.trim();
}

/** "PRIVACY NOTICE" -> "Privacy notice"; other text unchanged. */
export function sentenceCaseIfShouting(text: string): string {
  if (!/[A-Z]/.test(text) || text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** windows-1252's characters for bytes 0x80-0x9F, where it differs from ISO-8859-1 (undefined bytes map to themselves). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Bytes as windows-1252, what Word's "Save as Web Page", Notepad and older systems write. Node's
 * TextDecoder may read this label as ISO-8859-1, which turns curly quotes into control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}
