/**
 * Inline Markdown as styled spans for the PDF, with links resolved for paper: every link is live,
 * and a link whose text is not its address also shows the address, "(https://…)", because a
 * printed page has no hover. Links within the site become absolute; a link to a section of the
 * same notice goes to that section's bookmark.
 */
import type { InlineText } from '../views/inline.js';
import type { LinkTarget, Span } from './text-layout.js';

/** What the PDF needs to know about the site, small enough to send to a worker thread. */
export interface SiteInfo {
  name: string;
  /** "https://privacy-notices.example.org" */
  url: string;
  pathPrefix: string;
}

export class LinkContext {
  private next = 1;
  constructor(
    readonly site: SiteInfo,
    /** Site-relative URL of the page the PDF is a version of, e.g. "/kent-early-help/". */
    readonly pageUrl: string,
    /** Section anchors that exist in this PDF (named destinations). */
    readonly anchors: ReadonlySet<string>,
  ) {}

  /** An absolute URL for a site-relative one. */
  absolute(siteRelative: string): string {
    const base = this.site.url.replace(/\/+$/, '');
    const prefix = this.site.pathPrefix.replace(/\/+$/, '');
    return `${base}${prefix}${siteRelative}`;
  }

  /** A link target for `href` with visible text `text`, and the address to print after it (if any). */
  target(href: string, text: string): { link: LinkTarget; note?: string } {
    const id = this.next++;
    if (href.startsWith('#')) {
      const anchor = href.slice(1);
      if (this.anchors.has(anchor)) return { link: { id, action: { destination: anchor }, description: text } };
      href = `${this.pageUrl}${href}`;
    }
    const uri = href.startsWith('/') ? this.absolute(href) : href;
    const shown = printedAddress(uri);
    const same = sameAddress(text, uri);
    return { link: { id, action: { uri }, description: same ? text : `${text} (${shown})` }, note: same ? undefined : ` (${shown})` };
  }

  /** Spans for a view's inline text (runs parsed once, in src/views). */
  spans(text: InlineText, style: { bold?: boolean } = {}): Span[] {
    const spans: Span[] = [];
    const runs = text.runs;
    let i = 0;
    while (i < runs.length) {
      const run = runs[i]!;
      if (!run.href) {
        spans.push({ text: run.text, bold: run.strong || style.bold, italic: run.em });
        i++;
        continue;
      }
      // Consecutive runs with the same address are one link ("[a **b** c](…)").
      let j = i;
      while (j < runs.length && runs[j]!.href === run.href) j++;
      const group = runs.slice(i, j);
      const { link, note } = this.target(run.href, group.map((r) => r.text).join(''));
      for (const r of group) spans.push({ text: r.text, bold: r.strong || style.bold, italic: r.em, link });
      if (note) spans.push({ text: note, bold: style.bold, link });
      i = j;
    }
    return spans;
  }

  /** A span that is one link, e.g. a contact line's email address. */
  linkSpans(text: string, href: string, style: { bold?: boolean } = {}): Span[] {
    const { link, note } = this.target(href, text);
    const spans: Span[] = [{ text, bold: style.bold, link }];
    if (note) spans.push({ text: note, bold: style.bold, link });
    return spans;
  }
}

/** How an address is printed: an email address or phone number without its scheme, a web address in full. */
export function printedAddress(uri: string): string {
  if (/^mailto:/i.test(uri)) return decodeURIComponent(uri.slice(7).split('?')[0]!);
  if (/^tel:/i.test(uri)) return uri.slice(4);
  return uri;
}

function normalise(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^(mailto:|tel:|https?:\/\/)/, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/**
 * True when the link text already says where the link goes: "www.kent.gov.uk" for
 * https://www.kent.gov.uk/, or "OpenMoji (openmoji.org)" for https://openmoji.org.
 */
export function sameAddress(text: string, uri: string): boolean {
  if (/^tel:/i.test(uri)) return text.replace(/[^0-9+]/g, '').includes(uri.slice(4).replace(/[^0-9+]/g, ''));
  const address = normalise(printedAddress(uri));
  return address !== '' && text.toLowerCase().replace(/https?:\/\//g, '').replace(/www\./g, '').includes(address);
}
