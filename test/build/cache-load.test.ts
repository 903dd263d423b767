/**
 * The load cache's entries (src/build/cache-load.ts) on the five real notices: a notice taken from
 * .cache/load is the notice loading makes, the same JSON key for key, with its problems; its long
 * parts (sections, the easy read's sections) are parsed only when read, and nothing a rebuild
 * reads of an unchanged notice (its picture keys, its easy read's digest, a copy of it, the listing
 * pages' view of it) reads them; a process that keeps entries in memory gets them whole and frozen;
 * an entry this code cannot read is made again.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CacheMemory } from '../../src/build/cache.js';
import { loadMemo } from '../../src/build/cache-load.js';
import { listingData } from '../../src/build/cache-listings.js';
import { writeVerified } from '../../src/files/verified-cache.js';
import { pageShell } from '../../src/html/view.js';
import { loadSite, type LoadResult } from '../../src/load/load-site.js';
import { copyKeepingLazy, easyReadDigest } from '../../src/model/lazy-parts.js';
import { easyReadPictureKeys } from '../../src/model/pictures.js';
import { REPO_ROOT } from '../helpers/project.js';

const TODAY = new Date('2026-06-01');
let cacheRoot: string;
let plain: LoadResult;

beforeAll(async () => {
  cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'notices-cache-load-'));
  plain = await loadSite({ root: REPO_ROOT, today: TODAY });
  // Fills .cache/load.
  await loadSite({ root: REPO_ROOT, today: TODAY, memo: loadMemo(cacheRoot) });
});

afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});

const lazily = (object: object, key: string) => typeof Object.getOwnPropertyDescriptor(object, key)?.get === 'function';

describe('the load cache', () => {
  it('gives each notice as loading makes it, its long parts unparsed until read', async () => {
    const memo = loadMemo(cacheRoot);
    const cached = await loadSite({ root: REPO_ROOT, today: TODAY, memo });
    expect(memo.counts).toMatchObject({ reused: 5, made: 0 });
    expect(cached.diagnostics).toEqual(plain.diagnostics);
    const notices = cached.site!.notices;
    expect(notices).toHaveLength(5);
    for (const notice of notices) {
      expect(lazily(notice, 'sections'), notice.source).toBe(true);
      if (notice.easyRead) expect(lazily(notice.easyRead, 'sections'), notice.source).toBe(true);
    }
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // What a rebuild reads of a notice that did not change.
      for (const notice of notices) {
        expect(easyReadPictureKeys(notice.easyRead)).toEqual(easyReadPictureKeys(plain.site!.notices.find((other) => other.id === notice.id)!.easyRead));
        if (notice.easyRead) easyReadDigest(notice.easyRead);
        copyKeepingLazy(notice);
      }
      for (const loaded of cached.notices) if (loaded.easyRead) easyReadPictureKeys(loaded.easyRead);
      listingData(pageShell(cached.site!));
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    // Read, they are the notices loading makes, key for key and in the same order.
    expect(JSON.stringify(notices)).toBe(JSON.stringify(plain.site!.notices));
    for (const notice of plain.site!.notices) {
      if (notice.easyRead) expect(easyReadDigest(cached.site!.notices.find((other) => other.id === notice.id)!.easyRead!)).toBe(easyReadDigest(notice.easyRead));
    }
    // The file's easy read and the notice's are one object, as loading makes them.
    for (const loaded of cached.notices) {
      const notice = notices.find((candidate) => candidate.source === loaded.file);
      if (notice?.easyRead) expect(loaded.easyRead).toBe(notice.easyRead);
    }
  });

  it('gives a process that keeps entries in memory whole, frozen values', async () => {
    const memory = new CacheMemory();
    memory.startBuild();
    const cached = await loadSite({ root: REPO_ROOT, today: TODAY, memo: loadMemo(cacheRoot, undefined, memory) });
    for (const notice of cached.site!.notices) {
      expect(lazily(notice, 'sections')).toBe(false);
      if (notice.easyRead) expect(Object.isFrozen(notice.easyRead)).toBe(true);
    }
    expect(JSON.stringify(cached.site!.notices)).toBe(JSON.stringify(plain.site!.notices));
  });

  it('makes again an entry it cannot read, though its checksum holds', async () => {
    const dir = path.join(cacheRoot, '.cache', 'load');
    const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.json'));
    expect(entries.length).toBeGreaterThanOrEqual(5);
    // Not an entry; and two lines of JSON that are not one.
    for (const [n, entry] of entries.entries()) await writeVerified(path.join(entry.parentPath, entry.name), n % 2 ? '{"not": "an entry"}' : '{"result": {}}\n{}');
    const memo = loadMemo(cacheRoot);
    const again = await loadSite({ root: REPO_ROOT, today: TODAY, memo });
    expect(memo.counts).toMatchObject({ reused: 0, made: 5 });
    expect(JSON.stringify(again.site!.notices)).toBe(JSON.stringify(plain.site!.notices));
  });
});
