/**
 * Stage (after HTML): the search index. Pagefind reads the staged site's notice pages (those
 * marked data-pagefind-body: the full notices, so a search finds notices, not lists of them) and
 * writes its index and its small search library to /pagefind/. The search page
 * (layouts/pages/search.njk with assets/search.js) uses them; without JavaScript it lists every notice.
 */
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import type { Site } from '../model/notice.js';
import type { JsonDownloads } from '../views/notice-json.js';
import type { CacheCounts } from './cache.js';
import { writeMachineReadable, type MachineReadableOptions } from './machine-readable.js';

export interface SearchIndexResult {
  pages: number;
}

/**
 * A search index being made: Pagefind (its own process) reads each page as soon as the page and
 * every page before it (in the order given to startSearchIndex) are in place, so it works while the
 * build draws the rest. The order is fixed because Pagefind's files depend on it: a site built
 * from the caches must get the same index as one built without them.
 */
export interface SearchIndexer {
  /** A page to index: its site-relative file (e.g. "kent-early-help/index.html") and its HTML. */
  add(sourcePath: string, html: string): void;
  /** Writes the index into `outDir`/pagefind; fails if a page is missing or could not be read. */
  finish(outDir: string): Promise<SearchIndexResult>;
  /** Stops without writing (the build failed). */
  close(): Promise<void>;
}

/** `pages`: the site-relative files to index, in the order they are given to Pagefind. */
export async function startSearchIndex(pages: readonly string[]): Promise<SearchIndexer> {
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index) {
    await close();
    throw new Error(`the search index could not be started: ${errors.join('; ')}`);
  }
  const waiting = new Map<string, string>();
  const adding: Promise<string | undefined>[] = [];
  let next = 0;
  const handOver = () => {
    while (next < pages.length && waiting.has(pages[next]!)) {
      const sourcePath = pages[next++]!;
      const content = waiting.get(sourcePath)!;
      waiting.delete(sourcePath);
      adding.push(index.addHTMLFile({ sourcePath, content }).then((added) => (added.errors.length ? `${sourcePath}: ${added.errors.join('; ')}` : undefined)));
    }
  };
  return {
    add(sourcePath, html) {
      waiting.set(sourcePath, html);
      handOver();
    },
    async finish(outDir) {
      try {
        if (next < pages.length) throw new Error(`the search index did not get the page ${pages[next]}`);
        const problems = (await Promise.all(adding)).filter((problem): problem is string => problem !== undefined);
        if (problems.length) throw new Error(`the search index could not read ${problems.join('; ')}`);
        const written = await index.writeFiles({ outputPath: path.join(path.resolve(outDir), 'pagefind') });
        if (written.errors.length) throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
        return { pages: adding.length };
      } finally {
        await close();
      }
    },
    async close() {
      await Promise.allSettled(adding);
      await close();
    },
  };
}

/**
 * The stage: every notice.json and notices.json (machine-readable.ts), then the search index,
 * whose notice pages the HTML stage has handed to `search` already.
 */
export async function writeSearchAndJson(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, json: MachineReadableOptions, search: SearchIndexer): Promise<CacheCounts> {
  const counts = await writeMachineReadable(site, outDir, downloads, json);
  await search.finish(outDir);
  return counts;
}
