/**
 * Checks that put a problem at its place rather than let it fail later, without a line, in
 * another stage: ids that are too long for file names, dates that cannot be right, texts that
 * hold only spaces, and links to pages and sections of this site that do not exist.
 */
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.js';
import { LIMITS, tableSizeProblem } from '../input/limits.js';
import type { Notice, PartialDate, Section } from '../model/notice.js';
import { linksIn } from '../text/markdown.js';
import { diagnosticAt } from './validate.js';
import type { YamlSource } from './yaml-source.js';

type Report = (d: Diagnostic) => void;

/** Ids the notice page's layout uses itself (layouts/base, layouts/components). */
export const RESERVED_ANCHORS: ReadonlySet<string> = new Set(['main-content', 'contents-heading']);

/** An id longer than LIMITS.idLength, at `path`. */
export function checkIdLength(id: unknown, source: YamlSource, path: PathSegment[], report: Report, at: 'value' | 'key' = 'value'): void {
  if (typeof id === 'string' && id.length > LIMITS.idLength) report(diagnosticAt(source, path, 'id-too-long', { id: `${id.slice(0, 40)}…`, length: id.length, limit: LIMITS.idLength }, { at }));
}

/** A date whose year is before LIMITS.earliestYear or more than LIMITS.yearsAhead years after `today`. */
export function checkPlausibleDate(date: PartialDate | undefined, today: Date, source: YamlSource, path: PathSegment[], report: Report): boolean {
  if (!date) return true;
  const to = today.getUTCFullYear() + LIMITS.yearsAhead;
  if (date.year >= LIMITS.earliestYear && date.year <= to) return true;
  report(diagnosticAt(source, path, 'implausible-date', { given: date.iso, from: LIMITS.earliestYear, to }));
  return false;
}

/**
 * Texts that hold only spaces (or tabs and line breaks), which would print as an empty heading,
 * item or cell. Paths already reported as empty or blank are skipped.
 */
export function checkBlankTexts(source: YamlSource, already: readonly Diagnostic[], report: Report): void {
  const reported = new Set(already.filter((d) => d.file === source.file && (d.code === 'blank-text' || d.code === 'empty-text')).map((d) => d.path));
  walkTexts(source.data, [], (text, path) => {
    if (text.length > 0 && !/\S/.test(text)) {
      const d = diagnosticAt(source, path, 'blank-text', { what: 'this text' });
      if (!reported.has(d.path)) report(d);
    }
  });
}

/** Tables (blocks of type: table) with more rows (the header row included) or columns than LIMITS allows, at the table. */
export function checkTables(source: YamlSource, report: Report): void {
  const seen = new Set<object>();
  const visit = (value: unknown, at: PathSegment[]) => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...at, i]));
      return;
    }
    const block = value as { type?: unknown; rows?: unknown; columns?: unknown };
    if (block.type === 'table') {
      const rows = Array.isArray(block.rows) ? block.rows.length + 1 : 1;
      const columns = Math.max(Array.isArray(block.columns) ? block.columns.length : 0, ...(Array.isArray(block.rows) ? block.rows.map((r) => (Array.isArray(r) ? r.length : 0)) : [0]));
      if (tableSizeProblem(rows, columns)) report(diagnosticAt(source, at, 'table-too-large', { rows, columns, maxRows: LIMITS.tableRows, maxColumns: LIMITS.tableColumns }));
      return;
    }
    for (const [key, item] of Object.entries(value)) visit(item, [...at, key]);
  };
  visit(source.data, []);
}

/** Every anchor of a notice's page: its sections' ids and the layout's own. */
function anchorsOf(notice: Notice): Set<string> {
  const anchors = new Set(RESERVED_ANCHORS);
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      anchors.add(section.id);
      visit(section.sections);
    }
  };
  visit(notice.sections);
  return anchors;
}

/**
 * Links to this site (#anchor, /path/, /path/#anchor) in every notice: the page must be one the
 * site publishes, and an anchor on a notice page one of its sections. Addresses are written
 * without the path prefix, as the pages add it.
 */
/** A link written in a notice file, and where: what checkInternalLinks reads, kept with a loaded notice. */
export interface WrittenLink {
  href: string;
  path: PathSegment[];
}

/** Every Markdown link in a notice file's texts (only texts with "](" can hold one). */
export function writtenLinks(data: unknown): WrittenLink[] {
  const links: WrittenLink[] = [];
  walkTexts(data, [], (text, path) => {
    if (!text.includes('](')) return;
    for (const { href } of linksIn(text)) links.push({ href, path });
  });
  return links;
}

/** `links` are each notice's writtenLinks; the source is read only for the place of a problem. */
export function checkInternalLinks(notices: readonly { notice: Notice; source: YamlSource; links: readonly WrittenLink[] }[], organisationIds: Iterable<string>, report: Report): void {
  const byUrl = new Map(notices.map(({ notice }) => [notice.url, notice]));
  const pages = new Set(['/', '/accessibility/', '/organisations/', '/404.html', '/sitemap.xml']);
  for (const id of organisationIds) pages.add(`/organisations/${id}/`);
  const anchors = new Map<Notice, Set<string>>();
  const anchorsFor = (notice: Notice) => {
    let set = anchors.get(notice);
    if (!set) anchors.set(notice, (set = anchorsOf(notice)));
    return set;
  };

  for (const { notice, source, links } of notices) {
    for (const { href, path } of links) {
      const reason = problemWith(href.trim(), notice);
      if (reason) report(diagnosticAt(source, path, 'link-to-unknown-page', { href, reason }));
    }
  }

  function problemWith(href: string, from: Notice): string | undefined {
    if (href.startsWith('#')) {
      const anchor = decode(href.slice(1));
      if (anchor === '' || anchorsFor(from).has(anchor)) return undefined;
      return `this notice has no section with the id '${anchor}'`;
    }
    if (!href.startsWith('/') || href.startsWith('//')) return undefined;
    const [pathAndQuery = '', hash] = href.split('#', 2);
    const page = pathAndQuery.split('?')[0]!;
    const target = byUrl.get(page) ?? byUrl.get(`${page}/`);
    if (target) {
      if (target.status !== 'published' && from.status === 'published') return `the notice ${target.id} (${target.source}) is a draft, so its page is not published`;
      const anchor = hash === undefined ? '' : decode(hash);
      if (anchor && !anchorsFor(target).has(anchor)) return `the notice ${target.id} (${target.source}) has no section with the id '${anchor}'`;
      return undefined;
    }
    if (pages.has(page) || pages.has(`${page}/`)) return undefined;
    // A notice's easy-read page and PDFs: /<id>/easy-read/, /<id>/<id>.pdf, /<id>/easy-read/<id>-easy-read.pdf.
    const match = /^\/([^/]+)\/(easy-read\/(?:([^/]+)-easy-read\.pdf)?|([^/]+)\.pdf)$/.exec(page);
    const owner = match ? byUrl.get(`/${match[1]}/`) : undefined;
    if (owner && match) {
      const pdfId = match[3] ?? match[4];
      if (pdfId !== undefined && pdfId !== owner.id) return `the notice ${owner.id} has no file of that name`;
      if (match[2]!.startsWith('easy-read') && !owner.easyRead) return `the notice ${owner.id} (${owner.source}) has no easy-read version`;
      if (owner.status !== 'published' && from.status === 'published') return `the notice ${owner.id} (${owner.source}) is a draft, so its pages are not published`;
      return undefined;
    }
    return 'no page of this site has that address';
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Calls `visit` for every text in parsed YAML, with its path. */
function walkTexts(value: unknown, at: PathSegment[], visit: (text: string, at: PathSegment[]) => void, seen = new Set<object>()): void {
  if (typeof value === 'string') visit(value, at);
  else if (value && typeof value === 'object') {
    if (seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((item, i) => walkTexts(item, [...at, i], visit, seen));
    else for (const [key, item] of Object.entries(value)) walkTexts(item, [...at, key], visit, seen);
  }
}
