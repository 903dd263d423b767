/**
 * The optional check of links to other sites (npm run links -- --external). The build never fetches
 * them: it must work offline, and another site being down must not stop a publication. Run this
 * now and then, or before a review, to find pages that have moved.
 *
 * linkinator asks each address once with HEAD (cheap), and again with GET when the server refuses
 * HEAD; a few at a time, each with a time limit.
 */
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { linksIn } from '../text/markdown.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { NoticeRecord } from './notice-source.js';

export interface LinkUse {
  url: string;
  file: string;
  line: number;
  column: number;
  path: string;
}

export interface UrlStatus {
  url: string;
  /** The HTTP status of the final answer, or 0 when there was none (timeout, no such host, refused). */
  status: number;
  /** Why there was no answer. */
  error?: string;
}

export type CheckUrls = (urls: readonly string[]) => Promise<UrlStatus[]>;

function walkStrings(value: unknown, at: PathSegment[], visit: (text: string, at: PathSegment[]) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, [...at, i], visit));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkStrings(item, [...at, key], visit);
}

/** Every link in the notices' text whose scheme is one of `protocols` (default https:), where it is written. */
export function collectLinks(notices: readonly NoticeRecord[], protocols: readonly string[] = ['https:']): LinkUse[] {
  const uses: LinkUse[] = [];
  for (const notice of notices) {
    walkStrings(notice.data, [], (text, at) => {
      for (const link of linksIn(text)) {
        let url: URL;
        try {
          url = new URL(link.href.trim());
        } catch {
          continue;
        }
        if (!protocols.includes(url.protocol)) continue;
        uses.push({ url: url.href, file: notice.file, ...notice.source.positionOf(at), path: formatPath(at) });
      }
    });
  }
  return uses;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was cut',
  ENOTFOUND: 'there is no such site',
  EAI_AGAIN: 'the site name could not be looked up',
  CERT_HAS_EXPIRED: 'the site\'s certificate has expired',
  UND_ERR_CONNECT_TIMEOUT: 'the site did not answer',
};

/** Why fetch failed, in words: undici puts the reason in `cause` (or in one of `cause.errors`). */
function networkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code;
  if (code) return NETWORK_ERRORS[code] ?? code;
  return cause?.message ?? (error as Error).message;
}

/** A status as words for a comms officer. */
export function describeStatus(status: UrlStatus): string {
  if (status.status === 0) return `no answer (${status.error ?? 'the site could not be reached'})`;
  const names: Record<number, string> = { 400: 'bad request', 401: 'login needed', 403: 'forbidden', 404: 'not found', 410: 'gone', 500: 'server error', 502: 'bad gateway', 503: 'unavailable', 504: 'gateway timeout' };
  return `the server answered ${status.status}${names[status.status] ? ` (${names[status.status]})` : ''}`;
}

/** Dead: no answer, or an error status. 429 (too many requests) says nothing about the page. */
export function isDead(status: UrlStatus): boolean {
  return status.status === 0 || (status.status >= 400 && status.status !== 429);
}

/** Checks every use's address once and reports each use of a dead one, with its file and line. */
export async function checkExternalLinks(uses: readonly LinkUse[], checkUrls: CheckUrls): Promise<{ diagnostics: Diagnostic[]; checked: number }> {
  const statuses = new Map((await checkUrls(uses.map((u) => u.url))).map((s) => [s.url, s]));
  const diagnostics = uses.flatMap((use) => {
    const status = statuses.get(use.url);
    if (!status || !isDead(status)) return [];
    return [diagnostic('external-link-dead', { url: use.url, status: describeStatus(status) }, use)];
  });
  return { diagnostics, checked: statuses.size };
}

export interface LinkinatorCheckOptions {
  timeoutMs?: number;
  concurrency?: number;
}

/**
 * checkUrls with linkinator (the default for npm run links): each address is asked for once,
 * HEAD then GET where HEAD is refused, `concurrency` at a time. Only the addresses given are
 * checked: linkinator would otherwise follow the links on each page it fetches.
 */
export function linkinatorUrlChecker(options: LinkinatorCheckOptions = {}): CheckUrls {
  return async (urls) => {
    const unique = [...new Set(urls)];
    if (unique.length === 0) return [];
    const { LinkChecker } = await import('linkinator');
    const wanted = new Set(unique);
    const { links } = await new LinkChecker().check({
      path: unique,
      recurse: false,
      timeout: options.timeoutMs ?? 15_000,
      concurrency: Math.max(1, options.concurrency ?? 4),
      linksToSkip: async (link) => !wanted.has(link),
      userAgent: 'notice-site-link-check',
    });
    const found = new Map(links.filter((link) => wanted.has(link.url)).map((link) => [link.url, link]));
    return unique.map((url): UrlStatus => {
      const link = found.get(url);
      if (!link) return { url, status: 0, error: 'the site could not be reached' };
      const status = link.status ?? 0;
      if (status !== 0) return { url, status };
      const detail = link.failureDetails?.find((d): d is Error => d instanceof Error);
      return { url, status: 0, error: detail ? networkError(detail) : 'the site could not be reached' };
    });
  };
}
