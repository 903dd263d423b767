/**
 * Pruning the caches at most once an hour: the schedule itself, CacheStore.prune (entries a build
 * did not use, once they outnumber the used ones) and the PDF cache's pruneCache (entries unused
 * for 30 days).
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheStore, hashOf } from '../../src/build/cache.js';
import { dueForPruning, PRUNE_INTERVAL_MS, PRUNED_MARKER } from '../../src/files/prune-schedule.js';
import { pruneCache } from '../../src/pdf/cache.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-prune-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const HOUR = PRUNE_INTERVAL_MS;

describe('dueForPruning', () => {
  it('is due the first time, then not again until the interval has passed', async () => {
    const dir = await tempDir();
    const now = Date.now();
    expect(dueForPruning(dir, HOUR, now)).toBe(true);
    expect(existsSync(path.join(dir, PRUNED_MARKER))).toBe(true);
    expect(dueForPruning(dir, HOUR, now + 1000)).toBe(false);
    expect(dueForPruning(dir, HOUR, now + HOUR - 1000)).toBe(false);
    expect(dueForPruning(dir, HOUR, now + HOUR)).toBe(true);
    expect(dueForPruning(dir, HOUR, now + HOUR + 1000)).toBe(false);
  });

  it('is due when the marker is dated in the future (a clock put back)', async () => {
    const dir = await tempDir();
    const now = Date.now();
    expect(dueForPruning(dir, HOUR, now + 10 * HOUR)).toBe(true);
    expect(dueForPruning(dir, HOUR, now)).toBe(true);
  });

  it('is due every time where the marker cannot be written', async () => {
    const missing = path.join(await tempDir(), 'no-such-folder');
    expect(dueForPruning(missing)).toBe(true);
    expect(dueForPruning(missing)).toBe(true);
  });
});

describe('CacheStore.prune', () => {
  /** A store with `count` entries, of which a build uses the first `used`. */
  async function storeWith(count: number, used: number): Promise<{ store: CacheStore; keys: string[] }> {
    const dir = await tempDir();
    const writer = new CacheStore(dir);
    const keys = Array.from({ length: count }, (_, i) => hashOf('entry', i));
    for (const key of keys) await writer.write(key, JSON.stringify({ key }));
    const store = new CacheStore(dir);
    for (const key of keys.slice(0, used)) expect(store.readJsonSync(key)).toEqual({ key });
    return { store, keys };
  }
  const entriesIn = async (store: CacheStore) => (await readdir(store.dir!, { recursive: true })).filter((name) => name.endsWith('.json')).length;

  it('removes the entries a build did not use once they outnumber the used ones by more than 100', async () => {
    const { store } = await storeWith(110, 3);
    await store.prune();
    expect(await entriesIn(store)).toBe(3);
  });

  it('keeps them while they do not', async () => {
    const { store } = await storeWith(50, 3);
    await store.prune();
    expect(await entriesIn(store)).toBe(50);
  });

  it('prunes at most once an hour', async () => {
    const { store, keys } = await storeWith(110, 3);
    const now = Date.now();
    // Marked as pruned a minute ago: nothing is removed yet.
    mkdirSync(store.dir!, { recursive: true });
    writeFileSync(path.join(store.dir!, PRUNED_MARKER), '');
    utimesSync(path.join(store.dir!, PRUNED_MARKER), (now - 60_000) / 1000, (now - 60_000) / 1000);
    await store.prune(now);
    expect(await entriesIn(store)).toBe(110);
    await store.prune(now + HOUR);
    expect(await entriesIn(store)).toBe(3);
    expect(store.readJsonSync(keys[0]!)).toEqual({ key: keys[0] });
  });
});

describe('pruneCache (PDFs)', () => {
  /** Writes a cache file under `dir` (in its folder, as the cache does) last used `usedDaysAgo` days before `now`; gives its path. */
  const cacheFile = (dir: string, file: string, text: string, usedDaysAgo: number, now: number) => {
    mkdirSync(path.join(dir, file.slice(0, 2)), { recursive: true });
    const full = path.join(dir, file.slice(0, 2), file);
    writeFileSync(full, text);
    const when = (now - usedDaysAgo * 86_400_000) / 1000;
    utimesSync(full, when, when);
    return full;
  };

  it('removes PDFs unused for 30 days, at most once an hour', async () => {
    const dir = await tempDir();
    const now = Date.now();
    // A PDF is marked used on its metadata.
    const entry = (name: string, usedDaysAgo: number) => {
      cacheFile(dir, `${name}.json`, '{}', usedDaysAgo, now);
      return cacheFile(dir, `${name}.pdf`, '%PDF-1.7', 0, now);
    };
    const recent = entry('aa01', 2);
    const old = entry('bb02', 40);
    pruneCache(dir, new Set(), 30, now);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(old.replace(/\.pdf$/, '.json'))).toBe(false);

    const another = entry('cc03', 40);
    pruneCache(dir, new Set(), 30, now + 60_000);
    expect(existsSync(another), 'not pruned again within the hour').toBe(true);
    pruneCache(dir, new Set(), 30, now + HOUR);
    expect(existsSync(another)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it("removes a notice's entry naming a PDF once it is unused for 30 days, unless this build used it", async () => {
    const dir = await tempDir();
    const now = Date.now();
    const naming = (name: string, usedDaysAgo: number) => cacheFile(dir, `${name}.json`, '{"pdf":"aa01"}', usedDaysAgo, now);
    const recent = naming('dd04', 2);
    const old = naming('ee05', 40);
    const usedNow = naming('ff06', 40);
    pruneCache(dir, new Set([usedNow]), 30, now);
    expect([recent, old, usedNow].map((file) => existsSync(file))).toEqual([true, false, true]);
  });
});
