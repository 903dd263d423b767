/**
 * The completeness cache's entries (src/build/cache-completeness.ts) on the five real notices: a
 * notice's result taken from .cache/completeness is the one assessing gives, the same JSON key for
 * key; its items are parsed only when read, and the table and reports/completeness.json, which a
 * rebuild writes for every notice, do not read them; the preview gets them whole and frozen; an
 * entry this code cannot read is made again.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CacheMemory } from '../../src/build/cache.js';
import { checkCompletenessCached } from '../../src/build/cache-completeness.js';
import { loadMemo } from '../../src/build/cache-load.js';
import { writeVerified } from '../../src/files/verified-cache.js';
import { completenessJson, formatCompletenessTable } from '../../src/gdpr/completeness.js';
import { checkCompleteness, type CompletenessResult } from '../../src/gdpr/stage.js';
import { loadSite, type LoadResult } from '../../src/load/load-site.js';
import { REPO_ROOT } from '../helpers/project.js';

const TODAY = new Date('2026-06-01');
let cacheRoot: string;
let loaded: LoadResult;
let plain: CompletenessResult;

beforeAll(async () => {
  cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'notices-cache-completeness-'));
  // Loaded through the load cache, so each notice has the input key the completeness cache is keyed by.
  loaded = await loadSite({ root: REPO_ROOT, today: TODAY, memo: loadMemo(cacheRoot) });
  plain = checkCompleteness(loaded.site!, loaded.notices.map((notice) => notice.source!), { today: TODAY });
  // Fills .cache/completeness.
  await checkCompletenessCached(loaded.site!, loaded, { root: cacheRoot, today: TODAY });
});

afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});

const lazily = (object: object, key: string) => typeof Object.getOwnPropertyDescriptor(object, key)?.get === 'function';
const check = (memory?: CacheMemory) => checkCompletenessCached(loaded.site!, loaded, { root: cacheRoot, today: TODAY, memory });

describe('the completeness cache', () => {
  it("gives each notice's result as assessing does, its items unparsed until read, and writes the table and report without them", async () => {
    const cached = await check();
    expect(cached.counts).toMatchObject({ reused: 5, made: 0 });
    expect(cached.diagnostics).toEqual(plain.diagnostics);
    for (const report of cached.reports) expect(lazily(report, 'items'), report.notice).toBe(true);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // What every build makes of every notice's result.
      expect(cached.table).toEqual(plain.table);
      expect(formatCompletenessTable(cached.reports)).toEqual(plain.table);
      expect(completenessJson(cached.reports)).toEqual(completenessJson(plain.reports));
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    // Read, they are the reports assessing gives, key for key and in the same order.
    expect(JSON.stringify(cached.reports)).toBe(JSON.stringify(plain.reports));
  });

  it('gives a process that keeps entries in memory whole, frozen values', async () => {
    const memory = new CacheMemory();
    memory.startBuild();
    const cached = await check(memory);
    for (const report of cached.reports) {
      expect(lazily(report, 'items')).toBe(false);
      expect(Object.isFrozen(report.items)).toBe(true);
    }
    expect(JSON.stringify(cached.reports)).toBe(JSON.stringify(plain.reports));
  });

  it('makes again an entry it cannot read, though its checksum holds', async () => {
    const dir = path.join(cacheRoot, '.cache', 'completeness');
    const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.json'));
    expect(entries).toHaveLength(5);
    // Not an entry; and two lines of JSON that are not one.
    for (const [n, entry] of entries.entries()) await writeVerified(path.join(entry.parentPath, entry.name), n % 2 ? '{"not": "an entry"}' : '{"report": {}}\n{}');
    const again = await check();
    expect(again.counts).toMatchObject({ reused: 0, made: 5 });
    expect(JSON.stringify(again.reports)).toBe(JSON.stringify(plain.reports));
  });
});
