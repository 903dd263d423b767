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
import { writeMachineReadable } from './machine-readable.js';

export interface SearchIndexResult {
  pages: number;
}

export async function writeSearchIndex(outDir: string): Promise<SearchIndexResult> {
  const site = path.resolve(outDir);
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  try {
    if (!index) throw new Error(`the search index could not be started: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(`the search index could not read the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
    if (written.errors.length) throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } finally {
    await close();
  }
}

/** The stage: every notice.json and notices.json (machine-readable.ts), then the search index over the pages. */
export async function writeSearchAndJson(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>): Promise<void> {
  await writeMachineReadable(site, outDir, downloads);
  await writeSearchIndex(outDir);
}
