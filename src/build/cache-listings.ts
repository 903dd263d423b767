/**
 * The listing pages' cache (.cache/html, beside the notice pages; see html.ts). The listing pages
 * (home, organisations, search, sitemap, feeds, accessibility, 404: every page template but the
 * three drawn once per notice) show every notice, so they were drawn again whenever any notice
 * changed. They show only what a list shows (titles, summaries, dates, status, addresses), never a
 * notice's sections, easy read or PDF links. So they are given each notice without those (listingData), and
 * kept under a hash of exactly what they are given, the templates they are drawn with, and the
 * code that draws them: a change to a notice's words leaves them as they were, a change to a
 * title, summary, date or anything else they are given draws them all again.
 *
 * A drawn run's files are kept as they are published (linked, as notice pages are: cache.ts's
 * keepPublished), listed in one entry under the key; a later build links them into its site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OrganisationView, PageData } from '../html/view.js';
import type { Notice } from '../model/notice.js';
import { hashOf, type CacheStore } from './cache.js';
import { htmlFingerprint, templateFiles } from './cache-html.js';

/** A notice as the listing pages see it: no sections, no easy read (only whether it has one), no content hash. */
export type ListingNotice = Omit<Notice, 'sections' | 'easyRead' | 'contentHash'> & { easyRead?: true };

/** Bump when the listing pages change in a way the fingerprints would not notice. */
const LISTINGS_VERSION = 'listings 1';

const LEFT_OUT = new Set(['sections', 'easyRead', 'contentHash']);

function listingNotice(notice: Notice): ListingNotice {
  // Key by key: the parts left out are not read (a notice from the load cache parses its sections
  // only when they are read: src/model/lazy-parts.ts).
  const listed: Record<string, unknown> = {};
  for (const key of Object.keys(notice)) if (!LEFT_OUT.has(key)) listed[key] = notice[key as keyof Notice];
  if (notice.easyRead) listed.easyRead = true;
  return listed as ListingNotice;
}

/**
 * The data of the run that draws the listing pages: `data` with no notice or easy-read page views
 * (the listing run draws none) and each notice as a ListingNotice, the organisations' lists too.
 */
export function listingData(data: PageData): PageData {
  const listed = new Map(data.notices.map((notice) => [notice, listingNotice(notice)]));
  const list = (notices: readonly Notice[]) => notices.map((notice) => listed.get(notice) ?? listingNotice(notice));
  const organisations = data.organisations.map((group): OrganisationView => ({ ...group, notices: list(group.notices), current: list(group.current), older: list(group.older) }) as unknown as OrganisationView);
  // The listing templates are given the same shape, with less in each notice.
  // No PDF links either (they change with every word of a notice, and only its own pages show
  // them), nor the easy-read pictures (the build copies them into the site; no page lists them).
  return { ...data, views: [], easyReads: [], historiesToDraw: [], downloads: {}, pictures: [], notices: list(data.notices) as unknown as Notice[], organisations };
}

/**
 * What the listing pages are drawn with, each file by its path and bytes: every page template in
 * layouts/pages but those drawn once per notice (`perNotice`), with the page shell, the components
 * they import and .eleventy.js (cache-html.ts's templateFiles), and every other file of
 * layouts/pages (a template's .11tydata.js, Eleventy's _data/), which any page may read.
 */
function listingTemplateFiles(root: string, perNotice: ReadonlySet<string>): [string, string][] {
  const pages = path.join(root, 'layouts', 'pages');
  let names: string[] = [];
  try {
    names = readdirSync(pages, { recursive: true, encoding: 'utf8' }).sort();
  } catch {
    // No page templates: the run will say so.
  }
  const files = new Set<string>();
  for (const name of names) {
    if (name.endsWith('.njk') && !name.includes(path.sep)) {
      if (!perNotice.has(name)) for (const file of templateFiles(root, name)) files.add(file);
    } else if (!name.endsWith('.njk')) {
      files.add(path.join(pages, name));
    }
  }
  return [...files].sort().map((file) => {
    let bytes: string;
    try {
      bytes = readFileSync(file, 'latin1');
    } catch {
      bytes = '(missing, or a folder)';
    }
    return [path.relative(root, file).split(path.sep).join('/'), bytes];
  });
}

/**
 * The key of the listing pages drawn from `listing` (listingData's result). The organisations'
 * notices are the same objects as `listing.notices`, so they are hashed as their ids.
 */
export function listingsKey(root: string, listing: PageData, perNoticeTemplates: ReadonlySet<string>): string {
  const ids = (notices: readonly Notice[]) => notices.map((notice) => notice.id);
  const organisations = listing.organisations.map((group) => ({ ...group, notices: ids(group.notices), current: ids(group.current), older: ids(group.older) }));
  return hashOf(LISTINGS_VERSION, htmlFingerprint(), listingTemplateFiles(root, perNoticeTemplates), { ...listing, organisations });
}

/** What a drawn listing run left in the site: its files, relative to the site, e.g. "index.html", "sitemap.xml". */
interface KeptListings {
  files: string[];
}

const EXTENSION = '.listing';
const fileKey = (key: string, file: string) => hashOf(key, file);

/** The kept files of the listing pages under `key` (each checked as it is read), or undefined when any is missing or damaged. */
export function keptListings(store: CacheStore, key: string): { file: string; kept: string }[] | undefined {
  const entry = store.readJsonSync<KeptListings>(key);
  if (!entry || !Array.isArray(entry.files)) return undefined;
  const found: { file: string; kept: string }[] = [];
  for (const file of entry.files) {
    // Only files inside the site (an entry is checked whole, but not for what it names).
    if (typeof file !== 'string' || path.isAbsolute(file) || file.split('/').some((part) => part === '..' || part === '')) return undefined;
    const kept = store.readPublished<null>(fileKey(key, file), EXTENSION);
    if (!kept) return undefined;
    found.push({ file, kept: kept.file });
  }
  return found;
}

/** Keeps the files a listing run wrote into `outDir` (absolute paths), under `key`. */
export async function keepListings(store: CacheStore, key: string, outDir: string, written: readonly string[], read: (file: string) => Promise<Buffer | undefined>): Promise<void> {
  const files: string[] = [];
  for (const absolute of written) {
    const bytes = await read(absolute);
    if (!bytes) return;
    const file = path.relative(outDir, absolute).split(path.sep).join('/');
    await store.keepPublished(fileKey(key, file), EXTENSION, absolute, bytes, null);
    files.push(file);
  }
  await store.write(key, JSON.stringify({ files } satisfies KeptListings));
}
