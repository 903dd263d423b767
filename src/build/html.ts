/**
 * Stage: HTML. Runs Eleventy over layouts/ with the page data as the `build` global data, then
 * copies the easy-read pictures the pages show. Every path given to Eleventy is absolute, so the
 * stage works whatever the current folder is.
 *
 * With a page cache (options.cache, the build's .cache/html), a notice page, easy-read page or history page
 * whose inputs are unchanged (cache-html.ts says what they are) is copied from the cache, and
 * Eleventy draws only the others; the listing pages (home, organisations, sitemap, …), which list
 * every notice, are drawn in a run of their own, given each notice without its sections and easy
 * read, and kept whole until what they are given changes (cache-listings.ts). A kept page is hard-linked into the output, and checked as it is read (its
 * size, time and inode, else its checksum: src/files/verified-cache.ts): a damaged page is drawn again.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Eleventy from '@11ty/eleventy';
import { copyPictures } from '../easyread/eleventy.js';
import type { PageData } from '../html/view.js';
import { easyReadUrl } from '../views/easy-read.js';
import { historyUrl } from '../views/updates.js';
import { configureEleventy, dir, type EleventyConfig } from '../html/eleventy.js';
import { pageFile, pagePath } from '../files/site-paths.js';
import { inBatches } from './batches.js';
import { withLinker, type Linker } from '../files/linker.js';
import { sha256 } from '../files/verified-cache.js';
import { cacheStore, type CacheCounts, type CacheMemory } from './cache.js';
import { entriesOfViews, pageKeys, type PageEntries, type PageEntry } from './cache-html.js';
import { keepListings, keptListings, listingData, listingsKey } from './cache-listings.js';
import type { IndexedPage } from './search.js';
import type { SiteViews } from './views.js';

interface BuildConfig extends EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addTransform(name: string, transform: (content: string) => string): void;
  ignores: Set<string>;
}

/** The page templates that draw one page per notice; every other page template lists notices. */
const PER_NOTICE_TEMPLATES = new Set(['notice.njk', 'easy-read.njk', 'history.njk']);

/**
 * At most this many notices' pages are drawn in one Eleventy run: Eleventy keeps every page it
 * draws in memory until the run ends, so a large site is drawn in several runs.
 */
export const NOTICES_PER_RUN = 100;

export interface HtmlOptions {
  /** Keep pages in <cache>/.cache/html and reuse them (the project folder). Default: no cache. */
  cacheRoot?: string;
  /** Told how many pages came from the cache and how many were drawn. */
  onCache?: (counts: CacheCounts) => void;
  /** Told how many listing pages came from the cache and how many were drawn. */
  onListingsCache?: (counts: CacheCounts) => void;
  /** Told about a damaged cache entry (it is drawn again). */
  onDamaged?: (note: string) => void;
  /** Parsed cache entries shared across the builds of one process. */
  memory?: CacheMemory;
  /**
   * Given each notice page (not easy reads or histories) as soon as it is in the output: its file,
   * relative to the output, and its HTML (the search index reads them while the rest is drawn).
   */
  onNoticePage?: (sourcePath: string, page: IndexedPage) => void;
  /** Told which notice pages Eleventy will draw (their files, relative to the output), once every kept one is given to onNoticePage. */
  onNoticePagesToDraw?: (sourcePaths: string[]) => void;
  /** The notice and easy-read page views, made only for the pages drawn (src/build/views.ts); without it, `data` holds them all. */
  views?: SiteViews;
  /** Notices drawn in one Eleventy run (default NOTICES_PER_RUN). */
  noticesPerRun?: number;
  /**
   * With the page cache: the notices (by id) whose pages are looked up and drawn first (startHtml),
   * before any other page is looked up.
   */
  first?: ReadonlySet<string>;
  /** Progress of the pages Eleventy draws (src/build/progress.ts's reporter). */
  progress?: (label: string, total: number) => { advance(done?: number): void; finish(): void };
  /** Puts the kept pages into outDir (on another thread); the caller awaits it. Default: one of the stage's own, awaited before it returns. */
  linker?: Linker;
}

/** A full garbage collection, where V8 allows one to be asked for. */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Not available: V8 collects when it sees fit.
  }
}

export async function renderHtml(root: string, outDir: string, data: PageData, options: HtmlOptions = {}): Promise<number> {
  return withLinker(options.linker, (linker) => renderWith(linker, root, outDir, data, options), { root });
}

/**
 * renderHtml in two parts, for a rebuild: the pages of the notices in `options.first` (those whose
 * files changed) are drawn before this returns, so that the search index can write their part
 * while the build checks the content; every other page, and the listings, when finish() is
 * called. It works with the build's linker and page cache.
 */
export async function startHtml(root: string, outDir: string, data: PageData, options: HtmlOptions & { cacheRoot: string; linker: Linker }): Promise<{ finish(): Promise<number> }> {
  const projectRoot = path.resolve(root);
  const out = path.resolve(outDir);
  return startCached(options.linker, projectRoot, out, data, options, planOf(projectRoot, out, data, options));
}

async function renderWith(linker: Linker, root: string, outDir: string, data: PageData, options: HtmlOptions): Promise<number> {
  const projectRoot = path.resolve(root);
  const out = path.resolve(outDir);
  const plan = planOf(projectRoot, out, data, options);
  const { noticeUrls, listing, withViews, onDrawn, handDrawn } = plan;
  if (!options.cacheRoot) {
    const all = withViews(() => true);
    const bar = options.progress?.('Pages', (all.views?.length ?? 0) + (all.easyReads?.length ?? 0) + (all.histories?.length ?? 0) + listingPages(data));
    // The notice pages, then the listing pages from their own data, as with a cache.
    let drawn = (await runEleventy(projectRoot, out, all, { bar, listings: false, onDrawn })).written.length;
    drawn += (await runEleventy(projectRoot, out, listing, { bar, listings: true, onDrawn })).written.length;
    await copyPictures(out, data.pictures ?? []);
    bar?.finish();
    await handDrawn([...noticeUrls]);
    return drawn;
  }
  return (await startCached(linker, projectRoot, out, data, options, plan)).finish();
}

/** The pages to draw and how a drawn notice page goes to the search index, for renderWith and startHtml. */
function planOf(projectRoot: string, out: string, data: PageData, options: HtmlOptions): RenderPlan {
  // The notice and easy-read pages: from the views stage (views made only for the pages drawn), or
  // from the views in `data`.
  const { views } = options;
  const pages: PageEntries = views
    ? {
        notice: data.notices.map((notice) => ({ url: notice.url, noticeId: notice.id, viewHash: views.noticeHash.get(notice.id)! })),
        easyRead: data.notices.filter((notice) => views.easyReadHash.has(notice.id)).map((notice) => ({ url: easyReadUrl(notice), noticeId: notice.id, viewHash: views.easyReadHash.get(notice.id)! })),
      }
    : entriesOfViews(data);
  const given = { notice: new Map((data.views ?? []).map((view) => [view.url, view])), easyRead: new Map((data.easyReads ?? []).map((view) => [view.url, view])) };
  const noticeView = (page: PageEntry) => (views ? views.notice(page.noticeId) : given.notice.get(page.url)!);
  const easyReadView = (page: PageEntry) => (views ? views.easyRead(page.noticeId) : given.easyRead.get(page.url)!);
  // Every run's templates get the notices as the listing pages do (without their sections and
  // easy reads: src/build/cache-listings.ts); the notice and easy-read pages are drawn from their views.
  const listing = listingData(data);
  /** `data` with the views of the pages `draw` accepts. */
  const withViews = (draw: (url: string) => boolean): PageData => ({
    ...data,
    notices: listing.notices,
    organisations: listing.organisations,
    views: pages.notice.filter((page) => draw(page.url)).map(noticeView),
    easyReads: pages.easyRead.filter((page) => draw(page.url)).map(easyReadView),
  });
  const noticeUrls = new Set(pages.notice.map((page) => page.url));
  // A notice page Eleventy draws goes to the search index as soon as it is drawn (so the index
  // works while Eleventy draws the listings), and is compared with the file written once the run
  // is over: the index must read exactly what is published.
  const handed = new Map<string, string>();
  const onDrawn = options.onNoticePage
    ? (url: string, html: string) => {
        if (!noticeUrls.has(url) || handed.has(url)) return;
        handed.set(url, sha256(html));
        options.onNoticePage!(pagePath(url), html);
      }
    : undefined;
  /** Hands over the notice pages among `urls` not handed over as they were drawn, and checks the others against their files. */
  const handDrawn = async (urls: readonly string[]) => {
    if (!options.onNoticePage) return;
    await inBatches(urls.filter((url) => noticeUrls.has(url)), async (url) => {
      const html = await readFile(pageFile(out, url), 'utf8').catch(() => undefined);
      if (html === undefined) return;
      const given = handed.get(url);
      if (given === undefined) onDrawn!(url, html);
      else if (given !== sha256(html)) throw new Error(`the search index was given ${url} as Eleventy drew it, which is not the page written (a transform changed it afterwards)`);
    });
  };
  return { pages, noticeUrls, listing, withViews, onDrawn, handDrawn };
}

/** What renderWith works out once, for both parts of a cached render (startCached). */
interface RenderPlan {
  pages: PageEntries;
  noticeUrls: ReadonlySet<string>;
  listing: ReturnType<typeof listingData>;
  withViews: (draw: (url: string) => boolean) => PageData;
  onDrawn?: (url: string, html: string) => void;
  handDrawn: (urls: readonly string[]) => Promise<void>;
}

/**
 * A render with the page cache, in two parts: the pages of the notices in `options.first` are
 * looked up, and those not kept drawn, before this returns; every other page when finish() is
 * called. Without `first`, all of it is done by finish().
 */
async function startCached(linker: Linker, projectRoot: string, out: string, data: PageData, options: HtmlOptions, plan: RenderPlan): Promise<{ finish(): Promise<number> }> {
  const { pages, noticeUrls, listing, withViews, onDrawn, handDrawn } = plan;
  const store = cacheStore(path.resolve(options.cacheRoot!), 'html', options.onDamaged, options.memory);
  const keys = pageKeys(projectRoot, data, pages);
  const isKept = (url: string) => keys.notice.has(url) || keys.easyRead.has(url) || keys.history.has(url);
  const pagesOf = (notice: PageData['notices'][number]) => [notice.url, easyReadUrl(notice), historyUrl(notice)].filter(isKept);
  const perRun = options.noticesPerRun ?? NOTICES_PER_RUN;
  const cached = new Set<string>();
  const newlyDrawn: [string, string | undefined][] = [];
  let drawn = 0;
  let runs = 0;

  /**
   * Looks up the pages of `notices` in the cache, and draws those it does not have, a batch of
   * notices a run; the listing pages too in a last run of their own when `listings` (see finish).
   */
  const renderNotices = async (notices: PageData['notices'], listings: { draw: boolean; kept?: { file: string; kept: string }[] } | undefined): Promise<string[]> => {
    // Pages the cache has (each checked as it is read) go to the search index at once: their
    // checksums are known, so it reads a page only if its part must be made again. Each is linked
    // into the output (writing its bytes again costs far more) by the linker's thread while Eleventy
    // draws the others here.
    for (const url of notices.flatMap(pagesOf)) {
      const key = keys.notice.get(url) ?? keys.easyRead.get(url) ?? keys.history.get(url);
      if (!key || !url.endsWith('/')) continue;
      const kept = store.readPublished<null>(key, '.html');
      if (!kept) continue;
      cached.add(url);
      linker.link(kept.file, pageFile(out, url));
      if (noticeUrls.has(url)) options.onNoticePage?.(pagePath(url), { sha256: kept.sha256, html: () => readFileSync(kept.file, 'utf8') });
    }
    for (const { file, kept } of listings?.kept ?? []) linker.link(kept, path.join(out, file));
    // Eleventy draws only the pages the cache does not have (and the listings, from all notices), a
    // batch of notices at a time. The listings get a run of their own, after every notice page is in
    // place: a run gives its pages only once it has drawn them all, and the search index, which
    // reads the notice pages on another core (a part of 100 pages made again for one changed
    // notice), is what a rebuild waits for last.
    const missing = notices.filter((notice) => pagesOf(notice).some((url) => !cached.has(url)));
    options.onNoticePagesToDraw?.(missing.filter((notice) => !cached.has(notice.url) && noticeUrls.has(notice.url)).map((notice) => pagePath(notice.url)));
    const batches: Set<string>[] = [];
    for (let i = 0; i < missing.length; i += perRun) batches.push(new Set(missing.slice(i, i + perRun).map((notice) => notice.id)));
    // The last run draws the listing pages; when they are kept, a run is still needed if no other
    // runs, for the files Eleventy copies (layouts/assets, the fonts, a council's own).
    if (listings && (listings.draw || runs + batches.length === 0)) batches.push(new Set());
    let listingsDrawn: string[] = [];
    const bar = options.progress?.('Pages', missing.flatMap(pagesOf).filter((url) => !cached.has(url)).length + (listings?.draw ? listingPages(data) : 0));
    for (const [index, batch] of batches.entries()) {
      runs++;
      const inBatch = new Set(data.notices.filter((notice) => batch.has(notice.id)).flatMap(pagesOf));
      const draw = (url: string) => inBatch.has(url) && !cached.has(url);
      if (listings?.draw && index === batches.length - 1) {
        const run = await runEleventy(projectRoot, out, listing, { bar, listings: true, onDrawn });
        drawn += run.written.length;
        listingsDrawn = run.written;
        continue;
      }
      const partial: PageData = {
        ...withViews(draw),
        ...(data.histories ? { historiesToDraw: data.histories.filter((view) => draw(view.url)) } : {}),
      };
      drawn += (await runEleventy(projectRoot, out, partial, { bar, listings: false, onDrawn })).written.length;
      // What a large run drew is garbage now; collected here, the next run starts from the same
      // memory instead of adding to it (V8 would let the heap grow first). A small run's is not
      // worth a full collection's time.
      if (batch.size >= perRun / 2) collectGarbage();
      await handDrawn((partial.views ?? []).map((view) => view.url));
      const made = [
        ...(partial.views ?? []).map((view): [string, string | undefined] => [view.url, keys.notice.get(view.url)]),
        ...(partial.easyReads ?? []).map((view): [string, string | undefined] => [view.url, keys.easyRead.get(view.url)]),
        ...(partial.historiesToDraw ?? []).map((view): [string, string | undefined] => [view.url, keys.history.get(view.url)]),
      ];
      newlyDrawn.push(...made);
      // Keep what was drawn for the next build, as links to the pages drawn (their bytes are read for
      // their checksum, not written again).
      await inBatches(made, async ([url, key]) => {
        if (!url || !key || !url.endsWith('/')) return;
        const file = pageFile(out, url);
        const page = await readFile(file).catch(() => undefined);
        if (page) await store.keepPublished(key, '.html', file, page, null);
      });
    }
    bar?.finish();
    return listingsDrawn;
  };

  const first = options.first;
  const early = first?.size ? data.notices.filter((notice) => first.has(notice.id)) : [];
  if (early.length) await renderNotices(early, undefined);
  return {
    async finish() {
      // The listing pages, kept whole while what they show is unchanged (src/build/cache-listings.ts).
      const listingKey = listingsKey(projectRoot, listing, PER_NOTICE_TEMPLATES);
      const listingsKept = keptListings(store, listingKey);
      const done = new Set(early);
      const listingsDrawn = await renderNotices(data.notices.filter((notice) => !done.has(notice)), { draw: !listingsKept, kept: listingsKept });
      await copyPictures(out, data.pictures ?? []);
      if (!listingsKept) await keepListings(store, listingKey, out, listingsDrawn, (file) => readFile(file).catch(() => undefined));
      store.counts.reused = cached.size;
      store.counts.made = newlyDrawn.length;
      store.counts.madeFor = newlyDrawn.map(([url]) => url ?? '').sort();
      options.onCache?.(store.counts);
      options.onListingsCache?.({ reused: listingsKept?.length ?? 0, made: listingsDrawn.length, madeFor: [] });
      await store.prune();
      return drawn + cached.size + (listingsKept?.length ?? 0);
    },
  };
}

/** The pages besides notices and easy reads: home, organisations, sitemap, statement, 404. */
function listingPages(data: PageData): number {
  return data.organisations.length + 4;
}

type ProgressBar = ReturnType<NonNullable<HtmlOptions['progress']>>;

interface RunOptions {
  bar?: ProgressBar;
  /** Draw the listing pages too (else only the templates that draw one page per notice). */
  listings: boolean;
  onDrawn?: (url: string, html: string) => void;
}

/** One Eleventy run over `data`'s pages (the listing pages only when `listings` is set): the files its templates wrote. */
async function runEleventy(projectRoot: string, out: string, data: PageData, options: RunOptions): Promise<{ written: string[] }> {
  const eleventy = await eleventyRun(projectRoot, out, data, options);
  const results = (await eleventy.write()) as unknown;
  return { written: writtenFiles(results) };
}

/**
 * The Eleventy of one run, set up as the build sets it up: the HTML stage's own set-up
 * (src/html/eleventy.ts), then the project's .eleventy.js, then the plugins.
 */
export async function eleventyRun(projectRoot: string, out: string, data: PageData, options: RunOptions): Promise<Eleventy> {
  const input = path.join(projectRoot, dir.input);
  const listingTemplates = options.listings ? [] : (await readdir(input)).filter((name) => name.endsWith('.njk') && !PER_NOTICE_TEMPLATES.has(name));
  const eleventy = new Eleventy(input, out, {
    quietMode: true,
    configPath: path.join(projectRoot, '.eleventy.js'),
    pathPrefix: data.site.pathPrefix,
    config(config: Pick<BuildConfig, 'addGlobalData'>) {
      const eleventyConfig = config as BuildConfig;
      // The HTML stage's own set-up; the project's .eleventy.js runs after it, for a council's additions.
      configureEleventy(eleventyConfig, projectRoot);
      // Frozen, so Eleventy's data cascade passes it by reference instead of copying every notice
      // into each template's data (seconds on a large site, even for a run that draws three pages).
      eleventyConfig.addGlobalData('build', Object.freeze({ ...data }));
      // Eleventy reads ignores relative to the current folder unless they start with "**/".
      for (const name of listingTemplates) eleventyConfig.ignores.add(`**/${dir.input}/${name}`);
      const { bar, onDrawn } = options;
      if (onDrawn) {
        // Added here, before the project's configuration and its plugins add theirs: handDrawn
        // checks that none of them changed the page afterwards.
        eleventyConfig.addTransform('drawn', function (this: { page?: { url?: string } }, content: string) {
          if (this.page?.url) onDrawn(this.page.url, content);
          return content;
        });
      }
      if (bar) {
        eleventyConfig.addTransform('progress', (content: string) => {
          bar.advance();
          return content;
        });
      }
    },
  });
  // The build says what it wrote, and a template or .eleventy.js that fails is reported as one
  // message at its line (src/build/eleventy-failure.ts), not as Eleventy's chain of errors and stack trace.
  eleventy.disableLogger();
  return eleventy;
}

/** The files Eleventy's templates wrote: write() returns them (in a flat or nested list, depending on version) with their outputPath. */
function writtenFiles(results: unknown): string[] {
  if (!Array.isArray(results)) return [];
  return (results.flat(2) as unknown[]).flatMap((result) => (result && typeof result === 'object' && 'outputPath' in result && typeof result.outputPath === 'string' ? [result.outputPath] : []));
}
