/**
 * Stage (after HTML): the search index. Pagefind reads the staged site's notice pages (those
 * marked data-pagefind-body: the full notices, so a search finds notices, not lists of them) and
 * writes its index and its small search library to /pagefind/. The search page
 * (layouts/pages/search.njk with assets/search.js) uses them; without JavaScript it lists every notice.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import type { Site } from '../model/notice.js';
import type { JsonDownloads } from '../views/notice-json.js';
import type { NoticeView } from '../views/notice.js';
import { writeMachineReadable } from './machine-readable.js';

export interface SearchIndexResult {
  pages: number;
}

/**
 * Indexes the site in `outDir`. Given `pages` (site-relative files, e.g. "kent-early-help/index.html"),
 * only those are read: on a large site most pages are easy reads, histories and lists that the
 * index leaves out anyway, and reading them costs more than indexing the notices.
 */
export async function writeSearchIndex(outDir: string, pages?: readonly string[]): Promise<SearchIndexResult> {
  const site = path.resolve(outDir);
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  try {
    if (!index) throw new Error(`the search index could not be started: ${errors.join('; ')}`);
    let count = 0;
    if (pages) {
      for (const sourcePath of pages) {
        const added = await index.addHTMLFile({ sourcePath, content: await readFile(path.join(site, sourcePath), 'utf8') });
        if (added.errors.length) throw new Error(`the search index could not read ${sourcePath}: ${added.errors.join('; ')}`);
        count++;
      }
    } else {
      const added = await index.addDirectory({ path: site });
      if (added.errors.length) throw new Error(`the search index could not read the site: ${added.errors.join('; ')}`);
      count = added.page_count;
    }
    const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
    if (written.errors.length) throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
    return { pages: count };
  } finally {
    await close();
  }
}

/** The stage: every notice.json and notices.json (machine-readable.ts), then the search index over the pages. */
export async function writeSearchAndJson(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, views?: ReadonlyMap<string, NoticeView>): Promise<void> {
  await writeMachineReadable(site, outDir, downloads, views);
  // The notice pages are the ones marked for the index (layouts/pages/notice.njk, data-pagefind-body).
  await writeSearchIndex(outDir, site.published.map((notice) => `${notice.url.split('/').filter(Boolean).join('/')}/index.html`));
}
