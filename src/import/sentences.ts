/**
 * Sentence coverage: the share of the source's sentences that appear, in order, in the draft's
 * text. Both sides are plain text; they are compared with whitespace collapsed, quotes made one
 * kind, Markdown escapes removed and case ignored.
 */

/** Splits plain text lines into sentences at ".", "?" or "!" followed by whitespace. */
export function sentencesOf(lines: readonly string[]): string[] {
  return lines.flatMap((line) =>
    line
      .split(/(?<=[.?!])\s+/)
      .map((s) => s.trim())
      .filter((s) => /[\p{L}\p{N}]/u.test(s)),
  );
}

export function normaliseForComparison(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\\+([!-/:-@[-`{-~])/g, '$1')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface Coverage {
  total: number;
  found: number;
  /** Source sentences not found after the previous one, in source order. */
  missing: string[];
}

/** Looks for each sentence after the end of the previous match, so order counts. */
export function sentenceCoverage(sourceSentences: readonly string[], draftText: string): Coverage {
  const haystack = normaliseForComparison(draftText);
  const missing: string[] = [];
  let from = 0;
  for (const sentence of sourceSentences) {
    const needle = normaliseForComparison(sentence);
    const at = haystack.indexOf(needle, from);
    if (at === -1) missing.push(sentence);
    else from = at + needle.length;
  }
  return { total: sourceSentences.length, found: sourceSentences.length - missing.length, missing };
}

export function coverageShare(coverage: Coverage): number {
  return coverage.total === 0 ? 1 : coverage.found / coverage.total;
}
