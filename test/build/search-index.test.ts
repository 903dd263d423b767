/**
 * The search index's parts and their cache (src/build/search.ts), with Pagefind itself on a few
 * small pages, two to a part: a kept part is linked into the site, not copied; a rebuild makes
 * again only the part of a changed page; a damaged kept part (cut short, or changed in place
 * through a link) is found and made again; and whatever the cache holds and whatever order the
 * pages come in, the index is the same as one made without a cache.
 */
import { createHash } from 'node:crypto';
import { readVerified } from '../../src/files/verified-cache.js';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchIndex, type SearchIndexResult } from '../../src/build/search.js';

let work: string;
let project: string;

const page = (name: string, words: string) =>
  `<!doctype html><html lang="en"><head><title>${name}</title></head><body><main data-pagefind-body><h1>${name}</h1><p>${words}</p></main></body></html>`;

const PAGES: Record<string, string> = {
  'alpha/index.html': page('Alpha', 'Retention of records for children in need.'),
  'bravo/index.html': page('Bravo', 'Early help and family support.'),
  'charlie/index.html': page('Charlie', 'Social care records are kept for seventy five years.'),
  'delta/index.html': page('Delta', 'Hampshire children in need census.'),
  'echo/index.html': page('Echo', 'Your rights to see your records.'),
};

interface Built {
  dir: string;
  result: SearchIndexResult;
  damaged: string[];
}

/**
 * Indexes `pages` into a new folder, two pages to a part, giving them in `order`. `drawnLater`:
 * pages given only after the others and after toBeDrawn has named them, a moment later (as the
 * build gives the pages Eleventy draws, once the kept ones are in). `pause`: after giving that
 * page, waits for `until` (given the folder) before giving the next.
 */
async function index(
  pages: Record<string, string>,
  options: { cache: boolean; order?: string[]; drawnLater?: string[]; previous?: { dir: string; changed: string[]; waitFor?: string }; pause?: { after: string; until: (dir: string) => Promise<void> } },
): Promise<Built> {
  const dir = await mkdtemp(path.join(work, 'site-'));
  const damaged: string[] = [];
  const names = Object.keys(pages).sort();
  // With previous.waitFor, no page is given until that one has gone to Pagefind from the last site.
  let fromLastSite: () => void = () => undefined;
  const read = new Promise<void>((resolve) => (fromLastSite = resolve));
  const onGiven = (sourcePath: string, from: string) => {
    if (sourcePath === options.previous?.waitFor && from === 'last site') fromLastSite();
  };
  const indexer = await startSearchIndex(names, dir, { cacheRoot: options.cache ? project : undefined, pagesPerIndex: 2, onDamaged: (note) => damaged.push(note), previous: options.previous, onGiven });
  if (options.previous?.waitFor) await read;
  const later = options.drawnLater ?? [];
  for (const name of (options.order ?? names).filter((name) => !later.includes(name))) {
    indexer.add(name, pages[name]!);
    if (name === options.pause?.after) await options.pause.until(dir);
  }
  if (later.length) {
    indexer.toBeDrawn(later);
    for (const name of later) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      indexer.add(name, pages[name]!);
    }
  }
  return { dir, result: await indexer.finish(), damaged };
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

/** Every file of the index, by its path, with its content's hash. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await filesOf(dir)) out[file] = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
  return out;
}

/** The kept parts in .cache/search, each a folder (a dot file there is the prune schedule's marker). */
async function keptParts(): Promise<string[]> {
  const root = path.join(project, '.cache', 'search');
  const folders = (await readdir(root).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));
  const parts: string[] = [];
  for (const folder of folders) for (const name of await readdir(path.join(root, folder))) parts.push(path.join(root, folder, name));
  return parts.sort();
}

/** A site as last published: a folder holding every page of PAGES. */
async function lastSite(): Promise<string> {
  const last = await mkdtemp(path.join(work, 'last-'));
  for (const [name, html] of Object.entries(PAGES)) {
    await mkdir(path.dirname(path.join(last, name)), { recursive: true });
    await writeFile(path.join(last, name), html);
  }
  return last;
}

let plain: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'notices-search-index-'));
  project = path.join(work, 'project');
  plain = await snapshot((await index(PAGES, { cache: false })).dir);
}, 60_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the search index in parts, kept in .cache/search', () => {
  it('makes three parts, then takes all three from the cache, linked rather than copied, the same as without a cache', async () => {
    expect(Object.keys(plain)).toEqual(expect.arrayContaining(['pagefind/pagefind.js', 'pagefind/parts.json', 'pagefind-2/pagefind-entry.json', 'pagefind-3/pagefind-entry.json']));
    const first = await index(PAGES, { cache: true });
    expect(first.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 0 });
    expect(await snapshot(first.dir)).toEqual(plain);
    expect(await keptParts()).toHaveLength(3);

    const again = await index(PAGES, { cache: true });
    expect(again.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 3 });
    expect(await snapshot(again.dir)).toEqual(plain);
    // Each file of a kept part is the cache's own file (one inode, two names), not a copy of it.
    const kept = new Set<number>();
    for (const part of await keptParts()) for (const file of await filesOf(part)) kept.add((await stat(path.join(part, file))).ino);
    for (const file of Object.keys(plain).filter((name) => name !== 'pagefind/parts.json')) {
      expect(kept.has((await stat(path.join(again.dir, file))).ino), file).toBe(true);
    }
    expect(again.damaged).toEqual([]);
  }, 60_000);

  it('after one page changed, makes again only its part, and the index is the one a build without a cache makes', async () => {
    const changed = { ...PAGES, 'charlie/index.html': page('Charlie', 'Social care records are kept for a hundred years.') };
    const after = await index(changed, { cache: true });
    expect(after.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 2 });
    expect(await snapshot(after.dir)).toEqual(await snapshot((await index(changed, { cache: false })).dir));
    expect(await snapshot(after.dir)).not.toEqual(plain);
  }, 60_000);

  it('starts the part of a page still to be drawn before the page comes, and gives the same index', async () => {
    const changed = { ...PAGES, 'bravo/index.html': page('Bravo', 'Early help, family support and youth services.') };
    const early = await index(changed, { cache: true, drawnLater: ['bravo/index.html'] });
    expect(early.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 2 });
    expect(await snapshot(early.dir)).toEqual(await snapshot((await index(changed, { cache: false })).dir));
    // Without a cache every part is started early; the pages of one part come in the other order.
    const fresh = await index(PAGES, { cache: false, drawnLater: ['delta/index.html', 'alpha/index.html', 'charlie/index.html'] });
    expect(fresh.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 0 });
    expect(await snapshot(fresh.dir)).toEqual(plain);
  }, 60_000);

  it('drops a part started early whose pages turn out the same as a kept part, and uses the kept one', async () => {
    await index(PAGES, { cache: true });
    const same = await index(PAGES, { cache: true, drawnLater: ['alpha/index.html', 'echo/index.html'] });
    expect(same.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 3 });
    expect(await snapshot(same.dir)).toEqual(plain);
  }, 60_000);

  it('stops a part started early whose page never comes, when the index is closed', async () => {
    const dir = await mkdtemp(path.join(work, 'site-'));
    const names = Object.keys(PAGES).sort();
    const indexer = await startSearchIndex(names, dir, { cacheRoot: project, pagesPerIndex: 2 });
    for (const name of names.filter((name) => name !== 'alpha/index.html')) indexer.add(name, PAGES[name]!);
    indexer.toBeDrawn(['alpha/index.html']);
    await indexer.close();
    // The other two parts were kept, and linked in; the first, waiting for its page, wrote nothing.
    expect((await readdir(dir)).sort()).toEqual(['pagefind-2', 'pagefind-3']);
  }, 60_000);

  it('begins the part of a changed page from the last site, and gives the index a build without it gives', async () => {
    const last = await lastSite();
    const changed = { ...PAGES, 'delta/index.html': page('Delta', 'Hampshire children in need census, and early help.') };
    const expected = await snapshot((await index(changed, { cache: false })).dir);
    const early = await index(changed, { cache: true, previous: { dir: last, changed: ['delta/index.html'], waitFor: 'charlie/index.html' }, drawnLater: ['delta/index.html'] });
    expect(early.result).toMatchObject({ parts: 3, partsFromCache: 2, partsFromLastSite: 1, partsMadeAgain: 0 });
    expect(await snapshot(early.dir)).toEqual(expected);

    // A page of the last site that is not the page given now (charlie, in delta's part): the part is made again from the pages given.
    await writeFile(path.join(last, 'charlie/index.html'), page('Charlie', 'An older version of this page.'));
    const changedAgain = { ...PAGES, 'delta/index.html': page('Delta', 'Hampshire children in need census, and family help.') };
    const remade = await index(changedAgain, { cache: true, previous: { dir: last, changed: ['delta/index.html'], waitFor: 'charlie/index.html' }, drawnLater: ['delta/index.html'] });
    expect(remade.result).toMatchObject({ partsFromLastSite: 1, partsMadeAgain: 1 });
    expect(await snapshot(remade.dir)).toEqual(await snapshot((await index(changedAgain, { cache: false })).dir));

    // Changes in more parts than a tenth of them (here, two of three): nothing is begun early.
    const many = await index(PAGES, { cache: false, previous: { dir: last, changed: ['alpha/index.html', 'echo/index.html'] } });
    expect(many.result).toMatchObject({ partsFromLastSite: 0 });
    expect(await snapshot(many.dir)).toEqual(plain);
  }, 60_000);

  it('writes the part of a changed page begun from the last site as soon as that page comes, before its other pages do, and moves it into place', async () => {
    const last = await lastSite();
    const changed = { ...PAGES, 'delta/index.html': page('Delta', 'Hampshire children in need census, and children looked after.') };
    const expected = await snapshot((await index(changed, { cache: false })).dir);
    // As a rebuild gives them: the changed page first (drawn first), then the kept pages.
    const order = ['delta/index.html', 'alpha/index.html', 'bravo/index.html', 'charlie/index.html', 'echo/index.html'];
    const previous = { dir: last, changed: ['delta/index.html'], waitFor: 'charlie/index.html' };
    // Delta's part (with charlie) is the second: its index is written while charlie is still to come.
    const writtenEarly = async (dir: string) => {
      const entry = path.join(dir, 'pagefind-2.early', 'pagefind-entry.json');
      for (let waited = 0; !(await stat(entry).catch(() => undefined)); waited += 20) {
        if (waited > 20_000) throw new Error('the part was not written before its other pages came');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const early = await index(changed, { cache: true, order, previous, pause: { after: 'delta/index.html', until: writtenEarly } });
    expect(early.result).toMatchObject({ parts: 3, partsFromLastSite: 1, partsMadeAgain: 0 });
    expect(await snapshot(early.dir)).toEqual(expected);
    expect((await readdir(early.dir)).filter((name) => name.endsWith('.early'))).toEqual([]);

    // The same pages again: the part written early turns out to be kept, which is used instead.
    const kept = await index(changed, { cache: true, order, previous, pause: { after: 'delta/index.html', until: writtenEarly } });
    expect(kept.result).toMatchObject({ parts: 3, partsFromCache: 3 });
    expect(await snapshot(kept.dir)).toEqual(expected);
    expect((await readdir(kept.dir)).filter((name) => name.endsWith('.early'))).toEqual([]);
  }, 60_000);

  it('gives the same index whatever order the pages come in', async () => {
    const reversed = await index(PAGES, { cache: false, order: Object.keys(PAGES).sort().reverse() });
    expect(await snapshot(reversed.dir)).toEqual(plain);
    const shuffled = await index(PAGES, { cache: true, order: ['delta/index.html', 'alpha/index.html', 'echo/index.html', 'charlie/index.html', 'bravo/index.html'] });
    expect(await snapshot(shuffled.dir)).toEqual(plain);
  }, 60_000);

  it('makes again a kept part whose file was cut short, or changed in place through a link to it', async () => {
    const before = await index(PAGES, { cache: true });
    expect(before.result.partsFromCache).toBe(3);
    // Cut short, in the cache: a part this index uses (the cache also holds the changed page's part).
    const used = new Set<number>();
    for (const file of await filesOf(before.dir)) used.add((await stat(path.join(before.dir, file))).ino);
    let part: string | undefined;
    for (const candidate of await keptParts()) {
      for (const file of await filesOf(candidate)) if (used.has((await stat(path.join(candidate, file))).ino)) part ??= candidate;
    }
    const [fragment] = (await filesOf(part!)).filter((file) => file.startsWith('fragment/'));
    await truncate(path.join(part!, fragment!), 10);
    const afterCut = await index(PAGES, { cache: true });
    expect(afterCut.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 2 });
    expect(afterCut.damaged).toHaveLength(1);
    expect(afterCut.damaged[0]).toMatch(/\.cache\/search\/.* is damaged \(fragment\/.*: it is shorter than when it was written: 10 of \d+ bytes\)/);
    expect(await snapshot(afterCut.dir)).toEqual(plain);

    // The same size, other bytes, written through the site's link to the cache (as a tool that edits the site in place would).
    const entry = path.join(afterCut.dir, 'pagefind-2', 'pagefind-entry.json');
    const text = await readFile(entry);
    await writeFile(entry, Buffer.from(text.toString('latin1').replace(/"/, "'"), 'latin1'));
    const later = new Date(Date.now() + 5_000);
    await utimes(entry, later, later);
    const afterEdit = await index(PAGES, { cache: true });
    expect(afterEdit.result).toMatchObject({ pages: 5, parts: 3, partsFromCache: 2 });
    expect(afterEdit.damaged.join('\n')).toMatch(/pagefind-entry\.json: its content no longer matches its checksum/);
    expect(await snapshot(afterEdit.dir)).toEqual(plain);

    // Both made again, so all three are kept once more.
    const whole = await index(PAGES, { cache: true });
    expect(whole.result.partsFromCache).toBe(3);
    expect(whole.damaged).toEqual([]);
  }, 60_000);

  it('uses kept parts whose files have new times but the same bytes (a copied cache), and keeps the new times in their lists', async () => {
    await index(PAGES, { cache: true });
    expect((await index(PAGES, { cache: true })).result.partsFromCache).toBe(3);
    const later = new Date(Date.now() + 10_000);
    const touched: string[] = [];
    for (const part of await keptParts()) {
      for (const file of await filesOf(part)) {
        if (file === '.manifest') continue;
        await utimes(path.join(part, file), later, later);
        touched.push(path.join(part, file));
      }
    }
    const listed = async () => {
      const times: number[] = [];
      for (const part of await keptParts()) {
        const list = JSON.parse((await readVerified(path.join(part, '.manifest')))!.toString('utf8')) as Record<string, { mtimeMs: number }>;
        times.push(...Object.values(list).map((entry) => entry.mtimeMs));
      }
      return times;
    };
    expect((await listed()).includes((await stat(touched[0]!)).mtimeMs)).toBe(false);
    const copied = await index(PAGES, { cache: true });
    expect(copied.result.partsFromCache).toBe(3);
    expect(copied.damaged).toEqual([]);
    expect(await snapshot(copied.dir)).toEqual(plain);
    // Every file of the parts this index used is listed with its new time.
    // (The time as the file system keeps it, which may differ from the one given in its last digits.)
    const now = (await stat(touched[0]!)).mtimeMs;
    expect((await listed()).filter((ms) => ms === now).length).toBeGreaterThan(0);
  }, 60_000);

  it('fails, naming the page, when a page never comes', async () => {
    const dir = await mkdtemp(path.join(work, 'site-'));
    const names = Object.keys(PAGES).sort();
    const indexer = await startSearchIndex(names, dir, { cacheRoot: project, pagesPerIndex: 2 });
    for (const name of names.filter((name) => name !== 'charlie/index.html')) indexer.add(name, PAGES[name]!);
    await expect(indexer.finish()).rejects.toThrow(/did not get the page charlie\/index\.html/);
  }, 60_000);
});
