/**
 * Reads a built site once: every HTML page (parsed with htmlparser2 for its ids and the links and
 * files it refers to), every stylesheet (for the files it loads), and every PDF. The link check and
 * the result cache both work from this, so a page is read and parsed only once per run.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { lineStarts, positionAt } from '../text/lines.js';

export interface Reference {
  tag: string;
  attr: string;
  value: string;
  line: number;
  /** The link text, for messages (a elements only). */
  text?: string;
  /** True for files that change how the page looks: stylesheets, images, scripts, media. */
  rendering: boolean;
}

export interface SitePage {
  /** Relative to the site folder, with forward slashes: "kent-early-help/index.html". */
  file: string;
  /** Site path, without the path prefix: "/kent-early-help/". */
  path: string;
  /** The page's HTML; "" when the scan let it go (scanSite's keepHtml: false): read `file` again. */
  html: string;
  hash: string;
  ids: Set<string>;
  refs: Reference[];
}

export interface SiteStylesheet {
  file: string;
  hash: string;
  /** url(…) and @import targets, as written. */
  refs: { value: string; line: number }[];
}

export interface ScannedSite {
  root: string;
  /** Every file, relative with forward slashes. */
  files: Set<string>;
  /** Every folder, relative with forward slashes ("" is the root). */
  dirs: Set<string>;
  pages: SitePage[];
  /** The same pages, by file. */
  pagesByFile: Map<string, SitePage>;
  stylesheets: Map<string, SiteStylesheet>;
  pdfs: string[];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** "index.html" → "/", "a/index.html" → "/a/", "404.html" → "/404.html". */
export function sitePathOf(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

/** Which attributes of which elements refer to another file or page. */
const REFERENCE_ATTRS: Record<string, { attr: string; rendering: boolean }[]> = {
  a: [{ attr: 'href', rendering: false }],
  area: [{ attr: 'href', rendering: false }],
  link: [{ attr: 'href', rendering: true }],
  img: [{ attr: 'src', rendering: true }, { attr: 'srcset', rendering: true }],
  source: [{ attr: 'src', rendering: true }, { attr: 'srcset', rendering: true }],
  script: [{ attr: 'src', rendering: true }],
  iframe: [{ attr: 'src', rendering: true }],
  video: [{ attr: 'src', rendering: true }, { attr: 'poster', rendering: true }],
  audio: [{ attr: 'src', rendering: true }],
  track: [{ attr: 'src', rendering: true }],
  object: [{ attr: 'data', rendering: true }],
  embed: [{ attr: 'src', rendering: true }],
  use: [{ attr: 'href', rendering: true }],
  image: [{ attr: 'href', rendering: true }],
};

/** Link relations that are not files the page needs (a canonical URL is checked like a link). */
const NON_FILE_RELS = new Set(['preconnect', 'dns-prefetch']);

export function parsePage(file: string, html: string): SitePage {
  const starts = lineStarts(html);
  const ids = new Set<string>();
  const refs: Reference[] = [];
  let openLink: Reference | undefined;
  let linkText = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const line = positionAt(starts, parser.startIndex).line;
        if (attrs.id) ids.add(attrs.id);
        if (name === 'a' && attrs.name) ids.add(attrs.name);
        const wanted = REFERENCE_ATTRS[name];
        if (!wanted) return;
        if (name === 'link') {
          const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
          if (rel.some((r) => NON_FILE_RELS.has(r))) return;
        }
        for (const { attr, rendering } of wanted) {
          const raw = name === 'use' || name === 'image' ? (attrs[attr] ?? attrs['xlink:href']) : attrs[attr];
          if (raw === undefined) continue;
          const values = attr === 'srcset' ? raw.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [raw];
          for (const value of values) {
            const ref: Reference = { tag: name, attr, value: value.trim(), line, rendering: rendering && !(name === 'link' && !/stylesheet|icon|manifest|preload/i.test(attrs.rel ?? '')) };
            refs.push(ref);
            if (name === 'a') {
              openLink = ref;
              linkText = '';
            }
          }
        }
      },
      ontext(text) {
        if (openLink && linkText.length < 80) linkText += text;
      },
      onclosetag(name) {
        if (name === 'a' && openLink) {
          openLink.text = linkText.replace(/\s+/g, ' ').trim().slice(0, 80);
          openLink = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { file, path: sitePathOf(file), html, hash: sha256(html), ids, refs };
}

export function parseStylesheet(file: string, css: string): SiteStylesheet {
  const starts = lineStarts(css);
  const refs: { value: string; line: number }[] = [];
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const pattern = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
  for (const match of withoutComments.matchAll(pattern)) {
    const value = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? '';
    if (value) refs.push({ value, line: positionAt(starts, match.index ?? 0).line });
  }
  return { file, hash: sha256(css), refs };
}

/**
 * `keepHtml: false` (the gate): each page's HTML is parsed and hashed, then let go (html is ""), so
 * memory does not grow with the site; a check that needs the HTML reads the file again.
 */
export async function scanSite(siteDir: string, options: { keepHtml?: boolean } = {}): Promise<ScannedSite> {
  const root = path.resolve(siteDir);
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const files = new Set<string>();
  const dirs = new Set<string>(['']);
  for (const entry of entries) {
    const parent = entry.parentPath ?? (entry as unknown as { path: string }).path;
    const rel = path.relative(root, path.join(parent, entry.name)).split(path.sep).join('/');
    if (entry.isDirectory()) dirs.add(rel);
    else if (entry.isFile()) files.add(rel);
  }
  const sorted = [...files].sort();
  const pages: SitePage[] = [];
  const stylesheets = new Map<string, SiteStylesheet>();
  const pdfs: string[] = [];
  for (const file of sorted) {
    const lower = file.toLowerCase();
    if (lower.endsWith('.html') || lower.endsWith('.htm')) {
      const page = parsePage(file, await readFile(path.join(root, file), 'utf8'));
      if (options.keepHtml === false) page.html = '';
      pages.push(page);
    } else if (lower.endsWith('.css')) {
      stylesheets.set(file, parseStylesheet(file, await readFile(path.join(root, file), 'utf8')));
    } else if (lower.endsWith('.pdf')) {
      pdfs.push(file);
    }
  }
  return { root, files, dirs, pages, pagesByFile: new Map(pages.map((p) => [p.file, p])), stylesheets, pdfs };
}
