/**
 * What the listing pages are given (src/build/cache-listings.ts): each notice without its sections,
 * its easy read (only whether it has one) and its content hash, the organisations' lists the same,
 * and no PDF links or pictures; the key changes with what they show and not with a notice's words;
 * a kept entry that names a file outside the site is not used.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/build/cache.js';
import { keepListings, keptListings, listingData, listingsKey } from '../../src/build/cache-listings.js';
import { pageShell, type PageData } from '../../src/html/view.js';
import { loadSite } from '../../src/load/load-site.js';
import type { Site } from '../../src/model/notice.js';
import { REPO_ROOT } from '../helpers/project.js';

const PER_NOTICE = new Set(['notice.njk', 'easy-read.njk', 'history.njk']);
let site: Site;
let work: string;

beforeAll(async () => {
  site = (await loadSite({ root: REPO_ROOT, today: new Date('2026-06-01') })).site!;
  work = await mkdtemp(path.join(os.tmpdir(), 'notices-listings-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const shell = (from: Site): PageData => pageShell(from, Object.fromEntries(from.published.map((notice) => [notice.id, { full: { url: `${notice.url}x.pdf`, bytes: 1000, pages: 2 } }])));

describe('the listing pages', () => {
  it('are given each notice without its sections, easy read, content hash, PDF links or pictures', () => {
    const data = shell(site);
    const listing = listingData(data);
    expect(listing.notices).toHaveLength(site.published.length);
    for (const notice of listing.notices) {
      expect(Object.keys(notice)).not.toContain('sections');
      expect(Object.keys(notice)).not.toContain('contentHash');
      const original = site.published.find((other) => other.id === notice.id)!;
      expect(notice.easyRead).toBe(original.easyRead ? true : undefined);
      expect(notice.title).toBe(original.title);
      expect(notice.summary).toBe(original.summary);
    }
    expect(listing.downloads).toEqual({});
    expect(listing.pictures).toEqual([]);
    // The organisations list the same listing notices, not the full ones.
    for (const group of listing.organisations) for (const notice of [...group.notices, ...group.current, ...group.older]) expect(listing.notices).toContain(notice);
  });

  it("are keyed by what they show: a notice's words and PDFs leave the key as it was, its title does not", () => {
    const key = listingsKey(REPO_ROOT, listingData(shell(site)), PER_NOTICE);
    const [first, ...rest] = site.published;
    const reworded: Site = { ...site, published: [{ ...first!, sections: [], contentHash: 'another' }, ...rest] };
    expect(listingsKey(REPO_ROOT, listingData(shell(reworded)), PER_NOTICE)).toBe(key);
    const bigger = listingData({ ...shell(site), downloads: { [first!.id]: { full: { url: `${first!.url}x.pdf`, bytes: 2000, pages: 3 } } } });
    expect(listingsKey(REPO_ROOT, bigger, PER_NOTICE)).toBe(key);
    const retitled: Site = { ...site, published: [{ ...first!, title: 'Another title' }, ...rest] };
    expect(listingsKey(REPO_ROOT, listingData(shell(retitled)), PER_NOTICE)).not.toBe(key);
  });

  it('are taken from the files a listing run wrote, and not when one is outside the site', async () => {
    const store = new CacheStore(path.join(work, 'html'));
    const site = path.join(work, 'site');
    await mkdir(site, { recursive: true });
    await writeFile(path.join(site, 'index.html'), '<p>Home</p>');
    await keepListings(store, 'inside', site, [path.join(site, 'index.html')], (file) => readFile(file));
    expect(keptListings(store, 'inside')?.map((kept) => kept.file)).toEqual(['index.html']);
    // A template whose page went outside the site (a permalink with ..): drawn again, not linked.
    await writeFile(path.join(work, 'outside.html'), '<p>Outside</p>');
    await keepListings(store, 'outside', site, [path.join(site, 'index.html'), path.join(work, 'outside.html')], (file) => readFile(file));
    expect(keptListings(store, 'outside')).toBeUndefined();
  });
});
