/** Reading built pages in tests: the text a person sees, and the links a page makes. */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') return String.fromCodePoint(code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/** The visible text of the page's <main>, tags removed, entities decoded. */
export function mainText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? html;
  return decodeEntities(
    main
      .replace(/<br\s*\/?>/gi, '\n')
      // Block boundaries separate words; inline tags (links, bold) do not.
      .replace(/<\/?(?:p|li|ul|ol|h[1-6]|div|section|article|header|nav|table|caption|thead|tbody|tr|th|td|address|dl|dt|dd)\b[^>]*>/gi, ' ')
      .replace(/<[^>]+>/g, ''),
  );
}

/** Every href and src in a page. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decodeEntities(m[1]!));
}

/** Every id in a page, for checking #anchors. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)));
}
