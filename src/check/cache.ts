/**
 * The result cache: a page (or PDF) that passed every check, and has not changed since, is not
 * checked again. The key of a page is the hash of its HTML, its path, the files that change how it
 * looks (stylesheets and what they load, images, scripts), and the checker's fingerprint: the
 * versions of every tool (pa11y, axe-core, html-validate, pdfjs, the browser) and
 * every setting. Change any of them and every page is checked again. Only passes are kept: a page
 * that failed is always checked again. `--all` ignores the cache (and refills it).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../files/write-atomic.js';
import { sha256 } from './site.js';

interface CacheFile {
  version: 1;
  entries: Record<string, { page: string; passedAt: string }>;
}

export class ResultCache {
  private entries: CacheFile['entries'] = {};
  private used = new Set<string>();

  private constructor(private readonly file: string) {}

  static async open(cacheDir: string): Promise<ResultCache> {
    const cache = new ResultCache(path.join(cacheDir, 'results.json'));
    try {
      const data = JSON.parse(await readFile(cache.file, 'utf8')) as CacheFile;
      if (data.version === 1 && data.entries && typeof data.entries === 'object') cache.entries = data.entries;
    } catch {
      // No cache yet, or an unreadable one: check everything.
    }
    return cache;
  }

  static key(fingerprint: string, parts: string[]): string {
    return sha256([fingerprint, ...parts].join('\n'));
  }

  /** True when this exact page passed before. */
  passed(key: string): boolean {
    const hit = key in this.entries;
    if (hit) this.used.add(key);
    return hit;
  }

  recordPass(key: string, page: string): void {
    this.entries[key] = { page, passedAt: new Date().toISOString() };
    this.used.add(key);
  }

  /**
   * Writes the entries used in this run (older ones are dropped, so the file does not grow forever).
   * `keepUnused`: keep the others too (a run that checked one shard must not drop the other shards' passes).
   */
  async save(options: { keepUnused?: boolean } = {}): Promise<void> {
    const kept: CacheFile['entries'] = options.keepUnused ? { ...this.entries } : {};
    for (const key of this.used) if (this.entries[key]) kept[key] = this.entries[key];
    await writeJsonAtomic(this.file, { version: 1, entries: kept } satisfies CacheFile);
  }
}
