/**
 * The PDF cache is verified: a cached PDF that was cut short (a full disk, a killed build) is made
 * again, with a note, and the published PDF is whole.
 */
import { mkdtemp, readFile, readdir, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLinker, type Linker } from '../../src/files/linker.js';
import { renderPdfs, type PdfOptions, type PdfReport } from '../../src/pdf/index.js';
import { RENDERER_VERSION } from '../../src/pdf/cache.js';
import type { TestProject } from '../helpers/project.js';
import { easyReadNotice, fixturePictures, linkNotice, loadNotices, wideTableNotice } from './generated-notices.js';
import type { PdfWorker } from '../../src/pdf/pool.js';
import type { Notice, Site } from '../../src/model/notice.js';
import { readPdf } from './pdf-reader.js';
import { moveToAnotherInode, replaceKeepingSizeAndTime } from '../helpers/cache-entries.js';
import { readVerified } from '../../src/files/verified-cache.js';

const dirs: string[] = [];
const projects: TestProject[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  await Promise.all(projects.map((p) => p.cleanup()));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function cachedPdfs(cacheDir: string): Promise<string[]> {
  return (await readdir(cacheDir, { recursive: true, encoding: 'utf8' })).filter((f) => f.endsWith('.pdf')).map((f) => path.join(cacheDir, f));
}

/** A notice whose PDFs are rendered once with a cache: `build(name)` renders again into a new folder, reporting into `reports`. */
async function firstBuild(name: string) {
  const loaded = await loadNotices([linkNotice()]);
  projects.push(loaded.project);
  const cacheDir = await tempDir(`pdf-${name}-cache-`);
  const reports: PdfReport[] = [];
  const options = { root: loaded.project.root, cacheDir, concurrency: 1, onReport: (r: PdfReport) => reports.push(r) };
  const build = async (step: string, more: PdfOptions = {}) => {
    const dir = await tempDir(`pdf-${name}-${step}-`);
    return { dir, pdfs: await renderPdfs(loaded.site, dir, { ...options, ...more }) };
  };
  const { dir, pdfs } = await build('first');
  const url = pdfs.values().next().value!.full.url;
  const [cached] = await cachedPdfs(cacheDir);
  return { reports, build, url, whole: await readFile(path.join(dir, url)), cached: cached! };
}


describe('the verified PDF cache', () => {
  it('is version 2 or later: entries from before checksums are never read', () => {
    expect(Number(RENDERER_VERSION)).toBeGreaterThanOrEqual(2);
  });

  it('renders a truncated cached PDF again, says so, and publishes a whole PDF', async () => {
    const { reports, build, url, whole, cached } = await firstBuild('verified');
    expect(cached).toBeDefined();
    // Kept as it is published (the site links to it); its checksum is in its metadata.
    expect((await readFile(cached)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await readFile(cached.replace(/\.pdf$/, '.json'))).subarray(0, 16).toString('latin1')).toBe('notice-cache v1 ');
    await truncate(cached, Math.floor((await stat(cached)).size / 2));

    const { dir: second } = await build('second');
    const report = reports[1]!;
    expect(report.rendered).toBe(1);
    expect(report.fromCache).toBe(0);
    expect(report.cacheNotes).toHaveLength(1);
    expect(report.cacheNotes![0]).toMatch(/^the cached file .*\.pdf is damaged \(it is shorter than when it was written: \d+ of \d+ bytes\); it will be made again\.$/);

    const published = await readFile(path.join(second, url));
    expect(published.equals(whole)).toBe(true);
    const info = await readPdf(new Uint8Array(published));
    expect(info.pages.length).toBeGreaterThan(0);

    // The entry was made again: the next build takes it from the cache, with no note.
    const { dir: third } = await build('third');
    expect(reports[2]).toMatchObject({ rendered: 0, fromCache: 1, cacheNotes: [] });
    expect((await readFile(path.join(third, url))).equals(whole)).toBe(true);
  });

  it('links the published PDF to the cached one, and makes again one changed in place', async () => {
    const { reports, build, url, whole, cached } = await firstBuild('linked');

    const { dir: second } = await build('second');
    expect(reports[1]).toMatchObject({ rendered: 0, fromCache: 1 });
    // The same file, not a copy (both folders are on one file system here).
    expect((await stat(path.join(second, url))).ino).toBe((await stat(cached)).ino);

    // One byte changed in place, the size kept: its time gives it away, and its checksum says so.
    const bytes = await readFile(cached);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 1;
    await writeFile(cached, bytes);
    const { dir: third } = await build('third');
    expect(reports[2]).toMatchObject({ rendered: 1, fromCache: 0 });
    expect(reports[2]!.cacheNotes![0]).toMatch(/its content no longer matches its checksum/);
    expect((await readFile(path.join(third, url))).equals(whole)).toBe(true);
  });

  it('makes again a PDF put in place of the cached one with the same size and time (its inode tells)', async () => {
    const { reports, build, url, whole, cached } = await firstBuild('replaced');
    await replaceKeepingSizeAndTime(cached);
    const { dir: second } = await build('second');
    expect(reports[1]).toMatchObject({ rendered: 1, fromCache: 0 });
    expect(reports[1]!.cacheNotes![0]).toMatch(/its content no longer matches its checksum/);
    expect((await readFile(path.join(second, url))).equals(whole)).toBe(true);
  });

  it('uses a cached PDF copied in place with the same bytes (a restored cache), and keeps its new inode, so the next build does not read it', async () => {
    const { reports, build, url, whole, cached } = await firstBuild('restored');
    const ino = await moveToAnotherInode(cached);
    const metaFile = cached.replace(/\.pdf$/, '.json');
    const stampedIno = async () => (JSON.parse((await readVerified(metaFile))!.toString('utf8')) as { ino: number }).ino;
    expect(await stampedIno()).not.toBe(ino);
    const { dir: second } = await build('second');
    expect(reports[1]).toMatchObject({ rendered: 0, fromCache: 1 });
    expect(reports[1]!.cacheNotes ?? []).toEqual([]);
    expect((await readFile(path.join(second, url))).equals(whole)).toBe(true);
    expect(await stampedIno()).toBe(ino);
  });

  it("marks a cached PDF used (its metadata's time) through the build's linker, and links it once the linker is settled", async () => {
    const { reports, build, url, cached } = await firstBuild('deferred');
    const meta = cached.replace(/\.pdf$/, '.json');
    const past = new Date('2020-01-01T00:00:00Z');
    await utimes(meta, past, past);
    const linker = startLinker({ workerFrom: 0 });
    const { dir } = await build('second', { linker });
    expect(reports[1]).toMatchObject({ rendered: 0, fromCache: 1 });
    await linker.settled();
    await linker.close();
    expect((await stat(path.join(dir, url))).ino).toBe((await stat(cached)).ino);
    expect((await stat(meta)).mtimeMs).toBeGreaterThan(past.getTime());
  });

  it('fails with a message naming the cached PDF (no stack trace) when it vanishes before its link is made', async () => {
    const { build, cached } = await firstBuild('vanished');
    // Holds the links back until settled(), so the cached file can go in between.
    const real = startLinker();
    const held: [string, string][] = [];
    const linker: Linker = {
      link: (from, to) => void held.push([from, to]),
      touch: real.touch,
      settled: () => {
        for (const [from, to] of held.splice(0)) real.link(from, to);
        return real.settled();
      },
      close: real.close,
    };
    await build('second', { linker });
    await rm(cached);
    const error = (await linker.settled().catch((e: unknown) => e)) as Error;
    await linker.close();
    expect(error.message).toMatch(/^\[site-file-not-linked\] \S+\.pdf could not be put into the new site as \S+\.pdf \(ENOENT\); the build stopped, and the site published before is unchanged\./);
    expect(error.message).toContain(path.basename(cached));
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});

describe('a rebuild after a few notices changed', () => {
  /**
   * Renders the site's PDFs with a cache, then again after the first notice's title changed, with
   * a stand-in worker and linker that note, in order, each PDF handed to the worker and each
   * cached PDF linked (a lookup that found it).
   */
  async function rebuild(first: (changed: Notice) => ReadonlySet<string> | undefined) {
    const loaded = await loadNotices([linkNotice(), wideTableNotice('wide-a', 3, 8), easyReadNotice('easy-b'), wideTableNotice('wide-c', 4, 6)]);
    projects.push(loaded.project);
    const cacheDir = await tempDir('pdf-first-cache-');
    const options = { root: loaded.project.root, cacheDir, concurrency: 1, resolvePicture: fixturePictures };
    await renderPdfs(loaded.site, await tempDir('pdf-first-'), options);
    const [notice, ...rest] = loaded.site.published;
    const changed: Notice = { ...notice!, title: `${notice!.title} (changed)`, contentHash: `${notice!.contentHash}-changed` };
    const site: Site = { ...loaded.site, published: [...rest, changed] };
    const events: string[] = [];
    const worker = {
      pool: { run: async (job: { source: string; kind: string }) => (events.push(`render ${job.kind} ${job.source}`), { result: { bytes: 1, pages: 1, warnings: [] }, thread: 1 }) },
      close: async () => undefined,
    } as unknown as PdfWorker;
    const linker: Linker = { link: (from, to) => void events.push(`link ${path.basename(to)}`), touch: () => undefined, settled: async () => undefined, close: async () => undefined };
    const reports: PdfReport[] = [];
    await renderPdfs(site, await tempDir('pdf-second-'), { ...options, linker, worker, first: first(changed), onReport: (r) => reports.push(r) });
    return { events, report: reports[0]!, changed };
  }

  it("hands the changed notice's PDF to the worker before the other PDFs are looked up", async () => {
    const { events, report, changed } = await rebuild((notice) => new Set([notice.source]));
    expect(report).toMatchObject({ rendered: 1, fromCache: 4 });
    expect(events[0]).toBe(`render full ${changed.source}`);
    expect(events.slice(1).every((event) => event.startsWith('link '))).toBe(true);
  });

  it('without the changed files, hands it over once every PDF is looked up (as a build of the whole site does)', async () => {
    const { events, report, changed } = await rebuild(() => undefined);
    expect(report).toMatchObject({ rendered: 1, fromCache: 4 });
    expect(events.at(-1)).toBe(`render full ${changed.source}`);
    expect(events.filter((event) => event.startsWith('link '))).toHaveLength(4);
  });
});
