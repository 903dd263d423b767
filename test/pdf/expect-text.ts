/** Comparing a notice's text with the text of its PDF. */
import type { Notice, Site } from '../../src/model/notice.js';
import { linksIn } from '../../src/text/markdown.js';
import { LinkContext } from '../../src/pdf/inline.js';
import { checkInOrder, describeProblems } from '../helpers/sentences.js';
import { squash } from './pdf-reader.js';

/** Every text field of a value (a notice's sections, its easy read …). */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => texts(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => texts(v, out));
  return out;
}

/**
 * The "(address)" notes the PDF prints after links whose text is not their address: text
 * extraction reads them in the middle of a sentence, so the comparison leaves them out.
 */
export function addressNotes(notice: Notice, site: Site): string[] {
  const links = new LinkContext({ name: site.name, url: site.url, pathPrefix: site.pathPrefix }, notice.url, new Set());
  const notes = new Set<string>();
  for (const text of texts([notice.sections, notice.easyRead ?? null, notice.summary])) {
    for (const link of linksIn(text)) {
      const { note } = links.target(link.href, link.text);
      if (note) notes.add(squash(note));
    }
  }
  return [...notes].sort((a, b) => b.length - a.length);
}

/** Problems (missing or out of order) when each piece is looked for in the PDF's text, in order; '' when none. */
export function textProblems(pdfText: string, pieces: string[], notes: string[] = []): string {
  const strip = (text: string) => notes.reduce((t, note) => t.split(note).join(''), squash(text));
  return describeProblems(checkInOrder(strip(pdfText), pieces.filter((p) => squash(p) !== ''), strip));
}
