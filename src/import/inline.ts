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
