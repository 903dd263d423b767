/**
 * The link check: every internal link, anchor and file a page or stylesheet refers to must exist in
 * the built site, including every linked PDF. Links to other sites (and mailto:, tel:) are not
 * fetched: the check runs offline, and another site being down must not block a publication.
 */
import { finding } from '../finding.js';
import type { ScannedSite, SitePage, SiteStylesheet } from '../site.js';
import type { Finding, PageCheck, PageToCheck } from '../types.js';

const BASE = 'http://site.invalid';

export type Resolved =
  | { kind: 'external' }
  | { kind: 'outside'; pathname: string }
  | { kind: 'internal'; pathname: string; file?: string; fragment: string };

/** Maps a site path (prefix already removed) to the file a static server would send, if any. */
export function fileForPath(site: Pick<ScannedSite, 'files' | 'dirs'>, sitePath: string): string | undefined {
  const rel = sitePath.replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) {
    const index = `${rel}index.html`;
    return site.files.has(index) ? index : undefined;
  }
  if (site.files.has(rel)) return rel;
  if (site.dirs.has(rel) && site.files.has(`${rel}/index.html`)) return `${rel}/index.html`;
  return undefined;
}

/** Resolves a reference written in the page at `fromPath` (a site path) on a site served at `pathPrefix`. */
export function resolveReference(site: Pick<ScannedSite, 'files' | 'dirs'>, value: string, fromPath: string, pathPrefix: string): Resolved {
  const base = pathPrefix.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value, `${BASE}${base}${fromPath}`);
  } catch {
    return { kind: 'internal', pathname: value, fragment: '' };
  }
  if (url.origin !== BASE) return { kind: 'external' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = url.pathname;
  }
  if (base && pathname !== base && !pathname.startsWith(`${base}/`)) return { kind: 'outside', pathname };
  const sitePath = pathname.slice(base.length) || '/';
  let fragment = url.hash.replace(/^#/, '');
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    /* keep as written */
  }
  return { kind: 'internal', pathname: sitePath, file: fileForPath(site, sitePath), fragment };
}

function describeElement(tag: string, attr: string, value: string, text?: string): string {
  const label = text ? ` ("${text}")` : '';
  return `<${tag} ${attr}="${value}">${label}`;
}

/** Every internal link, anchor and file of one page that does not resolve in the built site. */
export function pageLinkFindings(site: ScannedSite, page: SitePage, pathPrefix: string, source?: string): Finding[] {
  const findings: Finding[] = [];
  const prefix = pathPrefix.replace(/\/+$/, '');
  for (const ref of page.refs) {
    const value = ref.value;
    if (value === '' && ref.tag === 'a') continue; // <a href=""> reloads the page itself
    if (/^(mailto|tel|data|javascript|sms|about):/i.test(value)) continue;
    const resolved = resolveReference(site, value, page.path, pathPrefix);
    if (resolved.kind === 'external') continue;
    const element = describeElement(ref.tag, ref.attr, value, ref.text);
    const place = { check: 'links', page: page.path, source, element, line: ref.line };
    if (resolved.kind === 'outside') {
      findings.push(finding('link-outside-site', { page: page.path, element, target: resolved.pathname, pathPrefix }, { ...place, rule: 'outside-site' }));
      continue;
    }
    if (!resolved.file) {
      const target = `${prefix}${resolved.pathname}`;
      const isLink = ref.tag === 'a' || ref.tag === 'area';
      if (/\.pdf$/i.test(resolved.pathname)) findings.push(finding('missing-pdf', { page: page.path, element, target }, { ...place, rule: 'missing-file' }));
      else if (isLink) findings.push(finding('broken-link', { page: page.path, element, target }, { ...place, rule: 'broken-link' }));
      else findings.push(finding('missing-file', { page: page.path, element, target, fromStylesheet: false }, { ...place, rule: 'missing-file' }));
      continue;
    }
    if (resolved.fragment && resolved.fragment !== 'top') {
      const target = site.pagesByFile.get(resolved.file);
      if (target && !target.ids.has(resolved.fragment)) {
        const where = target === page ? 'this page' : `${prefix}${target.path}`;
        findings.push(finding('missing-anchor', { page: page.path, element, fragment: resolved.fragment, where }, { ...place, rule: 'missing-anchor' }));
      }
    }
  }
  return findings;
}

/** Every file a stylesheet loads (fonts, images, @import) that is not in the built site. */
export function stylesheetLinkFindings(site: ScannedSite, sheet: SiteStylesheet, pathPrefix: string): Finding[] {
  const findings: Finding[] = [];
  const fromPath = `/${sheet.file}`;
  const prefix = pathPrefix.replace(/\/+$/, '');
  for (const ref of sheet.refs) {
    if (/^(data|about):/i.test(ref.value) || ref.value.startsWith('#')) continue;
    const resolved = resolveReference(site, ref.value, fromPath, pathPrefix);
    if (resolved.kind === 'external') continue;
    const element = `url(${ref.value})`;
    const place = { check: 'links', page: fromPath, element, line: ref.line };
    if (resolved.kind === 'outside') {
      findings.push(finding('link-outside-site', { page: fromPath, element, target: resolved.pathname, pathPrefix }, { ...place, rule: 'outside-site' }));
    } else if (!resolved.file) {
      findings.push(finding('missing-file', { page: fromPath, element, target: `${prefix}${resolved.pathname}`, fromStylesheet: true }, { ...place, rule: 'missing-file' }));
    }
  }
  return findings;
}

/** The link check over a whole site: every page, then every stylesheet. */
export function checkLinks(site: ScannedSite, pathPrefix: string): Finding[] {
  return [
    ...site.pages.flatMap((page) => pageLinkFindings(site, page, pathPrefix)),
    ...[...site.stylesheets.values()].flatMap((sheet) => stylesheetLinkFindings(site, sheet, pathPrefix)),
  ];
}

/** Links are checked on every page every run: a link breaks when the page it goes to goes away. */
export function linksCheck(): PageCheck {
  return {
    name: 'links',
    version: '1',
    appliesTo: ['html', 'css'],
    cacheable: false,
    describe: () => ({ name: 'links', tool: 'a link check', purpose: 'to make sure every link, section link, file and PDF on the site exists' }),
    async check(item: PageToCheck, context): Promise<Finding[]> {
      if (item.kind === 'html') return pageLinkFindings(context.site, item.page, context.pathPrefix, item.source);
      if (item.kind === 'css') return stylesheetLinkFindings(context.site, item.stylesheet, context.pathPrefix);
      return [];
    },
  };
}
