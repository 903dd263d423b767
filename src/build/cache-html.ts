/**
 * The keys of the HTML page cache (.cache/html, see cache.ts and html.ts). Each notice page and
 * each easy-read page is kept under a hash of everything it shows:
 * - its own view model (the notice's words, dates, contacts, pictures and their sizes) and its
 *   PDF links (address, size, pages);
 * - what every page shows: the site's settings (data/site.yaml; of its owner, only the name the
 *   page shell shows, unless a template it uses shows more), the organisations in the footer,
 *   whether the site has an accessibility statement;
 * - the templates it is drawn with: its page template, the page shell (layouts/base) and every
 *   component it imports, followed through their own imports, and .eleventy.js;
 * - the code and package versions that draw it (src/html, src/views, src/text; Eleventy, markdown-it).
 * History pages are kept the same way, under their view (the versions and change notes from git).
 * The listing pages (home, organisations, search, sitemap, feeds, accessibility, 404) are kept
 * together under a key of their own (cache-listings.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NoticeDownloads, PageData } from '../html/view.js';
import { codeFingerprint, hashOf } from './cache.js';

/**
 * Bump when a page changes in a way the fingerprints below would not notice. 2: a page is kept as
 * it is published (linked into the site), its checksum beside it.
 */
const HTML_VERSION = 'html 2';

/** The templates a page template uses: itself, the page shell, and the components it imports, recursively. */
export function templateFiles(root: string, pageTemplate: string): string[] {
  const layouts = path.join(root, 'layouts');
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    // {% from "x/x.njk" import … %}, {% include "x.njk" %}, {% import "x.njk" as … %}, layout: "base.njk"
    for (const match of text.matchAll(/["']([\w./-]+\.njk)["']/g)) {
      const name = match[1]!;
      for (const candidate of [path.join(layouts, 'components', name), path.join(layouts, 'base', name)]) {
        try {
          readFileSync(candidate);
          visit(candidate);
        } catch {
          // Not in this folder.
        }
      }
    }
  };
  visit(path.join(layouts, 'pages', pageTemplate));
  visit(path.join(layouts, 'base', 'base.njk'));
  visit(path.join(root, '.eleventy.js'));
  return [...found].sort();
}

/**
 * A hash of the templates a page template uses, and whether they show more of the site's owner
 * than its name (the page shell shows only the name; a template that shows more makes the whole
 * owner part of the key).
 */
export function templatesHash(root: string, pageTemplate: string): { hash: string; wholeOwner: boolean; downloads: (keyof NoticeDownloads)[] } {
  const files = templateFiles(root, pageTemplate);
  let wholeOwner = false;
  const downloads = new Set<keyof NoticeDownloads>();
  const hash = hashOf(
    ...files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = '(missing)';
      }
      const code = text.replace(/^\s*\/\/.*$/gm, '').replace(/\{#[\s\S]*?#\}/g, '');
      if (/\bowner\b(?!\.name\b)/.test(code)) wholeOwner = true;
      // Which PDF links it shows: downloads.full, downloads.easyRead; any other field of them: both.
      for (const use of code.matchAll(/\bdownloads\.(\w+)/g)) {
        if (use[1] === 'full' || use[1] === 'easyRead') downloads.add(use[1]);
        else downloads.add('full').add('easyRead');
      }
      return [path.relative(root, file), text];
    }),
  );
  return { hash, wholeOwner, downloads: [...downloads].sort() };
}

export function htmlFingerprint(): string {
  return codeFingerprint(HTML_VERSION, ['html', 'views', 'text'], ['@11ty/eleventy', 'markdown-it', 'nunjucks']);
}

/** What every page shows besides its own content: the site's settings, the footer's organisations, the statement link. */
function siteLevel(data: PageData, wholeOwner: boolean): unknown {
  const { owner, ...site } = data.site;
  return {
    site,
    owner: wholeOwner ? owner : { id: owner.id, name: owner.name },
    organisations: data.organisations.map((group) => ({ url: group.url, name: group.organisation.name })),
    features: data.features,
    statement: Boolean(data.accessibilityStatement),
  };
}

export interface PageKeys {
  /** By the page's URL. */
  notice: Map<string, string>;
  easyRead: Map<string, string>;
  history: Map<string, string>;
}

/** A notice page or easy-read page to key: its address, its notice, and the hash of its view. */
export interface PageEntry {
  url: string;
  noticeId: string;
  viewHash: string;
}

export interface PageEntries {
  notice: PageEntry[];
  easyRead: PageEntry[];
}

/** The entries of the views in `data` (each view hashed here). */
export function entriesOfViews(data: Pick<PageData, 'views' | 'easyReads'>): PageEntries {
  return {
    notice: (data.views ?? []).map((view) => ({ url: view.url, noticeId: view.id, viewHash: hashOf(view) })),
    easyRead: (data.easyReads ?? []).map((view) => ({ url: view.url, noticeId: view.noticeId, viewHash: hashOf(view) })),
  };
}

/** The cache key of every notice page, easy-read page and history page. */
export function pageKeys(root: string, data: PageData, pages: PageEntries): PageKeys {
  const base = (template: string) => {
    const templates = templatesHash(root, template);
    return { hash: hashOf(htmlFingerprint(), siteLevel(data, templates.wholeOwner), templates.hash), downloads: templates.downloads };
  };
  const noticeBase = base('notice.njk');
  const easyReadBase = base('easy-read.njk');
  const historyBase = base('history.njk');
  const links = (kinds: (keyof NoticeDownloads)[], downloads: NoticeDownloads | undefined) => kinds.map((kind) => downloads?.[kind] ?? null);
  const keys: PageKeys = { notice: new Map(), easyRead: new Map(), history: new Map() };
  // A notice page links its full PDF; an easy-read page its easy-read PDF (as their templates say).
  for (const page of pages.notice) keys.notice.set(page.url, hashOf(noticeBase.hash, page.viewHash, links(noticeBase.downloads, data.downloads[page.noticeId])));
  for (const page of pages.easyRead) keys.easyRead.set(page.url, hashOf(easyReadBase.hash, page.viewHash, links(easyReadBase.downloads, data.downloads[page.noticeId])));
  for (const view of data.histories ?? []) keys.history.set(view.url, hashOf(historyBase.hash, view, links(historyBase.downloads, data.downloads[view.id])));
  return keys;
}
