/**
 * Inline text, parsed once: a Markdown field becomes runs (text, strong, em, link with href).
 * The page draws the runs as HTML (runsHtml) and the PDF as styled spans, so both show the same words.
 */
import { textRuns } from '../text/markdown.js';

export interface Run {
  text: string;
  strong: boolean;
  em: boolean;
  /** The link's address (already normalised by the Markdown parser); absent outside links. */
  href?: string;
}

/** A text field as runs, and as the plain words (for titles, bookmarks, attributes). */
export interface InlineText {
  runs: Run[];
  plain: string;
}

export function inline(markdown: string): InlineText {
  const runs = textRuns(markdown)
    .filter((r) => r.text !== '')
    .map((r): Run => ({ text: r.text, strong: r.bold, em: r.italic, ...(r.href === undefined ? {} : { href: r.href }) }));
  return { runs, plain: runs.map((r) => r.text).join('') };
}

/** Text that is not Markdown (an organisation's name, a fixed sentence) as runs. */
export function literal(text: string, style: { strong?: boolean } = {}): InlineText {
  return { runs: [{ text, strong: Boolean(style.strong), em: false }], plain: text };
}

/** Several pieces as one text. */
export function join(...parts: InlineText[]): InlineText {
  return { runs: parts.flatMap((p) => p.runs), plain: parts.map((p) => p.plain).join('') };
}

export function link(text: string, href: string): InlineText {
  return { runs: [{ text, strong: false, em: false, href }], plain: text };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => ESCAPES[ch]!);

function styled(run: Run): string {
  let html = run.text.split('\n').map(escapeHtml).join('<br>\n');
  if (run.em) html = `<em>${html}</em>`;
  if (run.strong) html = `<strong>${html}</strong>`;
  return html;
}

/** The runs as escaped HTML (consecutive runs with one address are one link). */
export function runsHtml(text: InlineText | readonly Run[]): string {
  const runs = Array.isArray(text) ? (text as readonly Run[]) : (text as InlineText).runs;
  let html = '';
  for (let i = 0; i < runs.length; ) {
    const href = runs[i]!.href;
    let j = i + 1;
    if (href !== undefined) while (j < runs.length && runs[j]!.href === href) j++;
    const inner = runs.slice(i, j).map(styled).join('');
    html += href === undefined ? inner : `<a href="${escapeHtml(href)}">${inner}</a>`;
    i = j;
  }
  return html;
}
