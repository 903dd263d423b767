/**
 * The link check: every internal link, anchor and file a page or stylesheet refers to must exist in
 * the built site, including every linked PDF. Links to other sites (and mailto:, tel:) are not
 * fetched: the check runs offline, and another site being down must not block a publication.
 */
import type { ScannedSite, SitePage } from './site.js';

export interface LinkProblem {
  /** Site path of the page, or the stylesheet's file. */
  page: string;
  rule: 'broken-link' | 'missing-anchor' | 'missing-file' | 'outside-site';
  element: string;
  line: number;
  message: string;
  fix: string;
}

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

export function checkLinks(site: ScannedSite, pathPrefix: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const pagesByFile = new Map<string, SitePage>(site.pages.map((p) => [p.file, p]));
  const prefix = pathPrefix.replace(/\/+$/, '');

  for (const page of site.pages) {
    for (const ref of page.refs) {
      const value = ref.value;
      if (value === '' && ref.tag === 'a') continue; // <a href=""> reloads the page itself
      if (/^(mailto|tel|data|javascript|sms|about):/i.test(value)) continue;
      const resolved = resolveReference(site, value, page.path, pathPrefix);
      if (resolved.kind === 'external') continue;
      const element = describeElement(ref.tag, ref.attr, value, ref.text);
      if (resolved.kind === 'outside') {
        problems.push({
          page: page.path,
          rule: 'outside-site',
          element,
          line: ref.line,
          message: `${element} points to ${resolved.pathname}, outside the folder the site is published in (${pathPrefix}), so it will be broken once published.`,
          fix: `Write the link so that it starts with ${pathPrefix} (in layouts, use the | url filter).`,
        });
        continue;
      }
      const isLink = ref.tag === 'a' || ref.tag === 'area';
      if (!resolved.file) {
        const isPdf = /\.pdf$/i.test(resolved.pathname);
        problems.push({
          page: page.path,
          rule: isLink && !isPdf ? 'broken-link' : 'missing-file',
          element,
          line: ref.line,
          message: isPdf
            ? `${element} links to the PDF ${prefix}${resolved.pathname}, which does not exist in the built site.`
            : isLink
              ? `${element} links to ${prefix}${resolved.pathname}, which is not a page or file of this site.`
              : `${element} loads ${prefix}${resolved.pathname}, which does not exist in the built site.`,
          fix: isPdf
            ? 'Build the PDF (npm run build makes one for every notice), or remove the link.'
            : isLink
              ? 'Correct the address, or add the missing page. Links between notices use the notice id: /<id>/.'
              : 'Add the file to the site (layouts/assets/ is copied to /assets/), or correct the address.',
        });
        continue;
      }
      if (resolved.fragment && resolved.fragment !== 'top') {
        const target = pagesByFile.get(resolved.file);
        if (target && !target.ids.has(resolved.fragment)) {
          const where = target === page ? 'this page' : `${prefix}${target.path}`;
          problems.push({
            page: page.path,
            rule: 'missing-anchor',
            element,
            line: ref.line,
            message: `${element} goes to #${resolved.fragment} on ${where}, but nothing there has id="${resolved.fragment}".`,
            fix: "Link to a section's id (a notice section's id is set in its YAML, or made from its heading), or correct the link.",
          });
        }
      }
    }
  }

  for (const sheet of site.stylesheets.values()) {
    const fromPath = `/${sheet.file}`;
    for (const ref of sheet.refs) {
      if (/^(data|about):/i.test(ref.value) || ref.value.startsWith('#')) continue;
      const resolved = resolveReference(site, ref.value, fromPath, pathPrefix);
      if (resolved.kind === 'external') continue;
      if (resolved.kind === 'outside' || !resolved.file) {
        const pathname = resolved.kind === 'outside' ? resolved.pathname : `${prefix}${resolved.pathname}`;
        problems.push({
          page: fromPath,
          rule: resolved.kind === 'outside' ? 'outside-site' : 'missing-file',
          element: `url(${ref.value})`,
          line: ref.line,
          message: `the stylesheet loads ${pathname}, which does not exist in the built site.`,
          fix: 'Add the file to layouts/assets/ (fonts are copied by the build), or correct the url(…).',
        });
      }
    }
  }
  return problems;
}
