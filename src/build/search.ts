/**
 * Stage (after HTML): the search index. Pagefind reads the staged site's notice pages (those
 * marked data-pagefind-body: the full notices, so a search finds notices, not lists of them) and
 * writes its index and its small search library to /pagefind/. The search page
 * (layouts/pages/search.njk with assets/search.js) uses them; without JavaScript it lists every notice.
 *
 * A large site's index is made in parts of at most PAGES_PER_INDEX notice pages: /pagefind/ holds
 * the first, /pagefind-2/, /pagefind-3/ … the others, listed in /pagefind/parts.json (empty for a
 * site of one part), and the
 * search page merges them (Pagefind's mergeIndex). Each part is kept in .cache/search under a hash
 * of its pages, so a rebuild indexes again only the part whose pages changed (Pagefind cannot add
 * one page to an index), and one part at a time is in memory.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import type { Site } from '../model/notice.js';
import type { JsonDownloads } from '../views/notice-json.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts } from './cache.js';
import { writeMachineReadable, type MachineReadableOptions } from './machine-readable.js';

/** Notice pages in one part of the search index. */
export const PAGES_PER_INDEX = 250;

/** Bump when the index changes in a way the fingerprint would not notice. */
const SEARCH_VERSION = 'search 1';

export interface SearchIndexResult {
  pages: number;
  /** Parts of the index, and how many came from the cache. */
  parts: number;
  partsFromCache: number;
}

/**
 * A search index being made: Pagefind (its own process) reads the pages of a part as soon as they
 * are all in place, in the order given to startSearchIndex, so it works while the build draws the
 * rest. The order is fixed because Pagefind's files depend on it: a site built from the caches
 * must get the same index as one built without them.
 */
export interface SearchIndexer {
  /** A page to index: its site-relative file (e.g. "kent-early-help/index.html") and its HTML. */
  add(sourcePath: string, html: string): void;
  /** Writes the index into the site; fails if a page is missing or could not be read. */
  finish(): Promise<SearchIndexResult>;
  /** Stops without writing (the build failed). */
  close(): Promise<void>;
}

export interface SearchIndexOptions {
  /** The project folder, for .cache/search; without it, nothing is kept. */
  cacheRoot?: string;
  /** Notice pages in one part (default PAGES_PER_INDEX). */
  pagesPerIndex?: number;
}

/** The folder of part `i` (from 0), relative to the site. */
const partFolder = (i: number) => (i === 0 ? 'pagefind' : `pagefind-${i + 1}`);

/** `pages`: the site-relative files to index, in the order they are given to Pagefind; `outDir`: the staged site. */
export async function startSearchIndex(pages: readonly string[], outDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexer> {
  const perPart = Math.max(1, options.pagesPerIndex ?? PAGES_PER_INDEX);
  const partCount = Math.max(1, Math.ceil(pages.length / perPart));
  const size = Math.ceil(pages.length / partCount);
  const parts = Array.from({ length: partCount }, (_, i) => pages.slice(i * size, (i + 1) * size));
  const partOf = new Map(parts.flatMap((part, i) => part.map((page) => [page, i] as const)));
  const received = parts.map(() => new Map<string, string>());
  // Each part is kept as a folder, an entry of .cache/search (pruned as the other caches are).
  const store = cacheStore(options.cacheRoot, 'search');
  // The code that indexes (this file's folder) and Pagefind's version.
  const fingerprint = codeFingerprint(SEARCH_VERSION, ['build'], ['pagefind']);
  let fromCache = 0;
  let problem: Error | undefined;
  // One part at a time, each as soon as its pages are in: the work overlaps the build, and only
  // one part's index is in Pagefind's memory.
  let queue: Promise<void> = Promise.resolve();
  const started = new Set<number>();

  const makePart = async (i: number) => {
    const html = received[i]!;
    const key = hashOf(fingerprint, i, partCount, parts[i]!.map((page) => [page, createHash('sha256').update(html.get(page)!).digest('hex')]));
    const target = path.join(outDir, partFolder(i));
    const kept = store.file(key, '');
    store.markUsed(key, '');
    if (kept && (await copyKept(kept, target))) {
      fromCache++;
      received[i] = new Map();
      return;
    }
    const { index, errors } = await createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`the search index could not be started: ${errors.join('; ')}`);
    try {
      const added = await Promise.all(parts[i]!.map((sourcePath) => index.addHTMLFile({ sourcePath, content: html.get(sourcePath)! })));
      const failed = added.flatMap((result, n) => (result.errors.length ? [`${parts[i]![n]}: ${result.errors.join('; ')}`] : []));
      if (failed.length) throw new Error(`the search index could not read ${failed.join('; ')}`);
      const written = await index.writeFiles({ outputPath: target });
      if (written.errors.length) throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
    } finally {
      await index.deleteIndex().catch(() => undefined);
    }
    received[i] = new Map();
    if (kept) await keep(target, kept);
  };

  const schedule = () => {
    for (let i = 0; i < partCount; i++) {
      if (started.has(i) || received[i]!.size < parts[i]!.length) continue;
      // Parts go to Pagefind in order, so its output does not depend on which part was ready first.
      if (i > 0 && !started.has(i - 1)) break;
      started.add(i);
      queue = queue.then(() => (problem ? undefined : makePart(i).catch((error: Error) => void (problem ??= error))));
    }
  };

  return {
    add(sourcePath, html) {
      const i = partOf.get(sourcePath);
      if (i === undefined) return;
      received[i]!.set(sourcePath, html);
      schedule();
    },
    async finish() {
      try {
        const waiting = parts.findIndex((_, i) => !started.has(i));
        if (waiting >= 0) throw new Error(`the search index did not get the page ${parts[waiting]!.find((page) => !received[waiting]!.has(page)) ?? parts[waiting]![0]}`);
        await queue;
        if (problem) throw problem;
        // The other parts, for the search page to merge (none on a site of one part).
        await writeFile(path.join(outDir, 'pagefind', 'parts.json'), `${JSON.stringify({ parts: parts.slice(1).map((_, i) => `../${partFolder(i + 1)}/`) })}\n`);
        await store.prune();
        return { pages: pages.length, parts: partCount, partsFromCache: fromCache };
      } finally {
        await close();
      }
    },
    async close() {
      await queue.catch(() => undefined);
      await close();
    },
  };
}

/** Copies a kept part into the site; false when it is not kept or is damaged (a file missing or of another size). */
async function copyKept(kept: string, target: string): Promise<boolean> {
  let manifest: Record<string, number>;
  try {
    manifest = JSON.parse(await readFile(path.join(kept, '.manifest.json'), 'utf8')) as Record<string, number>;
    for (const [file, bytes] of Object.entries(manifest)) if ((await stat(path.join(kept, file))).size !== bytes) throw new Error('changed');
  } catch {
    await rm(kept, { recursive: true, force: true }).catch(() => undefined);
    return false;
  }
  await cp(kept, target, { recursive: true, filter: (from) => path.basename(from) !== '.manifest.json' });
  return true;
}

/** Keeps a written part, with a list of its files and sizes, moved into place whole. */
async function keep(written: string, kept: string): Promise<void> {
  try {
    const files = (await readdir(written, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const manifest: Record<string, number> = {};
    for (const entry of files) {
      const full = path.join(entry.parentPath, entry.name);
      manifest[path.relative(written, full)] = (await stat(full)).size;
    }
    const temporary = `${kept}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    await mkdir(path.dirname(kept), { recursive: true });
    await cp(written, temporary, { recursive: true });
    await writeFile(path.join(temporary, '.manifest.json'), JSON.stringify(manifest));
    await rm(kept, { recursive: true, force: true });
    await rename(temporary, kept);
  } catch {
    // A part that cannot be kept is only made again next time.
  }
}

/**
 * The stage: every notice.json and notices.json (machine-readable.ts), then the search index,
 * whose notice pages the HTML stage has handed to `search` already.
 */
export async function writeSearchAndJson(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, json: MachineReadableOptions, search: SearchIndexer): Promise<{ json: CacheCounts; search: CacheCounts }> {
  const counts = await writeMachineReadable(site, outDir, downloads, json);
  const index = await search.finish();
  return { json: counts, search: { reused: index.partsFromCache, made: index.parts - index.partsFromCache, madeFor: [] } };
}
