/** The date a document says it was last updated, and what to write when it says none. */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')}|${MONTHS.map((m) => m.slice(0, 3)).join('|')})`;
const CUE = '(?:last\\s+(?:updated|reviewed|revised|amended|changed)|updated|reviewed|revised|published|date(?:d)?)';
const WRITTEN = new RegExp(`${CUE}[^.\\n]{0,25}?\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'i');
const NUMERIC = new RegExp(`${CUE}[^.\\n]{0,25}?\\b(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})\\b`, 'i');
const ISO = new RegExp(`${CUE}[^.\\n]{0,25}?\\b(\\d{4})-(\\d{2})(?:-(\\d{2}))?\\b`, 'i');

const pad = (n: number) => String(n).padStart(2, '0');

/** "last updated in October 2024" -> "2024-10"; "updated 3 March 2025" -> "2025-03-03"; UK order for 03/04/2025. */
export function statedDate(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const written = WRITTEN.exec(line);
    if (written) {
      const month = MONTHS.findIndex((m) => m.startsWith(written[2]!.toLowerCase().slice(0, 3))) + 1;
      const day = written[1] ? Number(written[1]) : undefined;
      return `${written[3]}-${pad(month)}${day && day <= 31 ? `-${pad(day)}` : ''}`;
    }
    const numeric = NUMERIC.exec(line);
    if (numeric && Number(numeric[2]) >= 1 && Number(numeric[2]) <= 12 && Number(numeric[1]) >= 1 && Number(numeric[1]) <= 31) {
      return `${numeric[3]}-${pad(Number(numeric[2]))}-${pad(Number(numeric[1]))}`;
    }
    const iso = ISO.exec(line);
    if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return iso[3] ? `${iso[1]}-${iso[2]}-${iso[3]}` : `${iso[1]}-${iso[2]}`;
  }
  return undefined;
}

export interface DateValue {
  value: string;
  /** A YAML comment for the line, when a person must confirm the value. */
  comment?: string;
}

export const NOT_STATED_COMMENT = 'not stated in the source: confirm';

/**
 * What lastUpdated says when the source gives no date: `unknown` (the page then says "Date not
 * given"), marked for a person to confirm; never a guessed date. `today` is kept for callers.
 */
export function undatedLastUpdated(_today?: Date): DateValue {
  return { value: 'unknown', comment: NOT_STATED_COMMENT };
}

/** A year after lastUpdated (the usual review cycle), to be confirmed. */
export function suggestedNextReview(lastUpdated: string): DateValue {
  if (lastUpdated === 'unknown') return { value: 'unknown', comment: 'the source gives no date: set it when the notice is reviewed' };
  const [year, ...rest] = lastUpdated.split('-');
  return { value: [String(Number(year) + 1), ...rest].join('-').replace(/-02-29$/, '-02-28'), comment: 'suggested: a year after lastUpdated; confirm' };
}
