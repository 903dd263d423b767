/**
 * PDFs of notices made up for the purpose: a very long notice (200-row table, 300-item list),
 * links on paper, tables too wide for the page, easy read with pictures, bad pictures, and the
 * build-level promises: identical bytes on every build, the cache, and the worker threads.
 */
import { earliestDay } from '../../src/text/dates.js';
import { glanceView, noticeView } from '../../src/views/notice.js';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/load/load-site.js';
import type { Site } from '../../src/model/notice.js';
import { renderPdfs, type PdfReport, type ResolvePicture } from '../../src/pdf/index.js';
import { MIN_JOBS_FOR_WORKERS, renderAll, startPdfWorker } from '../../src/pdf/pool.js';
import type { PdfJob } from '../../src/pdf/jobs.js';
import { cacheKey, viewKey } from '../../src/pdf/cache.js';
import { noticeText } from '../../src/text/notice-text.js';
import { plainText } from '../../src/text/markdown.js';
import type { TestProject } from '../helpers/project.js';
import { addressNotes, textProblems } from './expect-text.js';
import { WORDS, bigNotice, easyReadNotice, fixturePictures, linkNotice, loadNotices, wideTableNotice } from './generated-notices.js';
import { elements, readPdf, squash, walk, type PdfInfo } from './pdf-reader.js';

const temporary: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
const projects: TestProject[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all(projects.map((p) => p.cleanup()));
});

let site: Site;
let outDir: string;
const infos = new Map<string, { bytes: Buffer; info: PdfInfo }>();
async function pdf(url: string, dir = outDir) {
  const key = `${dir}${url}`;
  let entry = infos.get(key);
  if (!entry) {
    const bytes = await readFile(path.join(dir, url));
    entry = { bytes, info: await readPdf(bytes) };
    infos.set(key, entry);
  }
  return entry;
}

beforeAll(async () => {
  const loaded = await loadNotices([bigNotice(), linkNotice(), wideTableNotice('wide-notice', 9, 11), easyReadNotice()]);
  projects.push(loaded.project);
  site = loaded.site;
  outDir = await tempDir('pdf-generated-');
  await renderPdfs(site, outDir, { root: loaded.project.root, cacheDir: false, concurrency: 1, resolvePicture: fixturePictures });
});

const notice = (id: string) => site.published.find((n) => n.id === id)!;

/** The full PDF of a notice of `site` as a job, as renderPdfs makes it (its own key from its view), written under `dir`. */
function fullJob(dir: string, id: string): PdfJob {
  const n = notice(id);
  const drawn = { source: n.source, date: earliestDay(n.lastUpdated!).toISOString(), site: { name: site.name, url: site.url, pathPrefix: site.pathPrefix } };
  const view = noticeView(n, site);
  return { kind: 'full', view, ...drawn, key: viewKey('full', view, drawn), outFile: path.join(dir, n.url, `${n.id}.pdf`) };
}

describe('a notice with a 200-row table and a 300-item list', () => {
  it('paginates without losing, repeating or reordering a word', async () => {
    const { info } = await pdf('/big-notice/big-notice.pdf');
    expect(info.pages.length).toBeGreaterThan(20);
    const problems = textProblems(info.text, noticeText(notice('big-notice')));
    expect(problems).toBe('');
    // No row or item is printed twice: each numbered record and item occurs once.
    const text = squash(info.text);
    const count = (needle: string) => text.split(squash(needle)).length - 1;
    for (const n of [1, 57, 123, 200]) expect(count(`Record type ${n} ${WORDS[(n - 1) % WORDS.length]}${n - 1}`), `record ${n}`).toBe(1);
    for (const n of [1, 150, 300]) expect(count(`Item ${n}: ${WORDS[(n - 1) % WORDS.length]}${n - 1}`), `item ${n}`).toBe(1);
  });

  it('repeats the table header row on every page the table continues on, as an artifact', async () => {
    const { info } = await pdf('/big-notice/big-notice.pdf');
    const tablePages = info.pages.map((p, i) => ({ p, i })).filter(({ p }) => p.content.some((c) => c.tags.includes('TD')));
    expect(tablePages.length).toBeGreaterThan(5);
    const [first, ...rest] = tablePages;
    expect(first!.p.content.filter((c) => c.tags.includes('TH')).map((c) => c.str).join(' ')).toContain('How long we keep it');
    for (const { p, i } of rest) {
      const artifacts = p.artifacts.map((a) => a.str).join(' ');
      expect(artifacts, `page ${i + 1}`).toContain('How long we keep it');
      expect(artifacts, `page ${i + 1}`).toContain('Why');
    }
    // In the structure tree the header row is there once, and every body row once.
    const table = [...walk(first!.p.struct)].find(({ node }) => node.role === 'Table')!.node;
    const [, head, body] = table.children!;
    expect(head!.children!.length).toBe(1);
    expect(head!.children![0]!.children!.map((c) => c.role)).toEqual(['TH', 'TH', 'TH']);
    expect(body!.children!.length).toBe(200);
  });

  it('tags the list as L > LI > Lbl + LBody, 300 items, and the numbered list with numbers', async () => {
    const { info } = await pdf('/big-notice/big-notice.pdf');
    const lists = elements(info).filter((e) => e.role === 'L');
    const longest = Math.max(...lists.map((l) => l.node.children!.length));
    expect(longest).toBe(300);
    const labels = elements(info).filter((e) => e.role === 'Lbl').map((e) => e.text);
    // 300 + 12 list items, and the lines of "At a glance" at the top.
    expect(labels.length).toBe(312 + glanceView(notice('big-notice')).items.length);
    expect(labels.slice(-12)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}.`));
  });
});

describe('links on paper', () => {
  it('are live, and print the address after a link whose text is not its address', async () => {
    const { info } = await pdf('/link-notice/link-notice.pdf');
    const text = info.text;
    expect(squash(text)).toContain(squash('Read our guide to your rights (https://rights.example.org/guide) before you write to us.'));
    expect(squash(text)).toContain(squash('call our helpline (+441234567890).'));
    expect(squash(text)).toContain(squash('and the home page (https://notices.example.org/) and'));
    // A link whose text is its address is printed once, and a section link goes to the section.
    expect(squash(text)).toContain(squash('Email dp@test.example.org or visit https://www.example.org/privacy/ today.'));
    expect(squash(text)).toContain(squash('See who we are and'));
    const links = info.pages.flatMap((p) => p.links);
    const urls = links.map((l) => l.url);
    expect(urls).toContain('https://rights.example.org/guide');
    expect(urls).toContain('mailto:dp@test.example.org');
    expect(urls).toContain('https://www.example.org/privacy/');
    expect(urls).toContain('https://notices.example.org/');
    expect(urls).toContain('tel:+441234567890');
    // The long address breaks over lines: one link, two annotations, nothing cut off.
    expect(squash(text)).toContain('https://www.example.org/a/very/long/path/that/does/not/fit/on/one/line/of/the/page/at/all/index.html');
    expect(urls.filter((u) => u?.endsWith('/index.html')).length).toBeGreaterThanOrEqual(2);
    const linkElements = elements(info).filter((e) => e.role === 'Link');
    expect(linkElements.some((e) => e.text.endsWith('index.html'))).toBe(true);
    expect(problemsOf('link-notice', info)).toBe('');
  });
});

function problemsOf(id: string, info: PdfInfo): string {
  return textProblems(info.text, noticeText(notice(id)), addressNotes(notice(id), site));
}

describe('tables too wide for the page', () => {
  it('go on a landscape page (then back to portrait) with every word', async () => {
    const { info } = await pdf('/wide-notice/wide-notice.pdf');
    const landscape = info.pages.filter((p) => p.width > p.height);
    expect(landscape.length).toBeGreaterThan(0);
    expect(landscape[0]!.content.some((c) => c.tags.includes('TD'))).toBe(true);
    const last = info.pages[info.pages.length - 1]!;
    expect(last.width).toBeLessThan(last.height);
    expect(problemsOf('wide-notice', info)).toBe('');
  });

  it('that cannot fit even in landscape at the smallest text give an error naming the file and what to do', async () => {
    const loaded = await loadNotices([wideTableNotice('too-wide', 12, 24)]);
    projects.push(loaded.project);
    const out = await tempDir('pdf-wide-');
    const error = await renderPdfs(loaded.site, out, { root: loaded.project.root, cacheDir: false, concurrency: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('content/too-wide.yaml');
    expect((error as Error).message).toMatch(/too wide for an A4 page.*Split it into two tables/s);
  });
});

describe('easy read', () => {
  it('puts each picture (with its alt text) beside its words, decorative pictures as artifacts, at 16 pt', async () => {
    const { info } = await pdf('/easy-notice/easy-read/easy-notice-easy-read.pdf');
    const easy = notice('easy-notice').easyRead!;
    const pieces = [plainText(easy.title!), ...easy.sections.flatMap((s) => [s.heading, ...s.items.flatMap((i) => i.text.map(plainText))]), 'records', 'Information we write down and keep.'];
    expect(textProblems(info.text, pieces)).toBe('');
    const figures = elements(info).filter((e) => e.role === 'Figure');
    expect(figures.map((f) => f.alt)).toEqual(['A blue circle.', ...Array.from({ length: 14 }, (_, i) => `Picture ${i + 1}.`)]);
    expect(Math.min(...info.pages.flatMap((p) => p.content.filter((c) => c.str.trim()).map((c) => c.size)))).toBeGreaterThanOrEqual(16);
    // The credit, and who to ask for help.
    expect(squash(info.text)).toContain(squash('Pictures: Test pictures (pictures.example.org), licence CC0.'));
    expect(squash(info.text)).toContain(squash('Email: dp@test.example.org'));
    expect(squash(info.text)).toContain(squash('Telephone: 01234 567890'));
    // Each picture is stored once, however often it is used.
    const { bytes } = await pdf('/easy-notice/easy-read/easy-notice-easy-read.pdf');
    expect(bytes.toString('latin1').match(/\/Subtype \/Form/g)?.length ?? 0).toBeLessThanOrEqual(2);
  });

  it('reports a picture that cannot be read, or is not an SVG, naming the notice file and the picture', async () => {
    const cases: [name: string, pictures: string[], resolve: ResolvePicture, pattern: RegExp][] = [
      ['missing', ['council', 'phone'], (key) => (key === 'council' ? { svg: path.join(os.tmpdir(), 'no-such-picture.svg') } : fixturePictures(key, 'test-council')), /picture 'council' cannot be read from .*no-such-picture\.svg/],
      ['broken', ['child', 'council'], fixturePictures, /broken\.svg is not a readable SVG file/],
      ['unknown', ['council', 'phone'], (key) => (key === 'phone' ? undefined : fixturePictures(key, 'test-council')), /there is no easy-read picture called 'phone'/],
    ];
    for (const [name, pictures, resolvePicture, pattern] of cases) {
      const loaded = await loadNotices([easyReadNotice(`bad-${name}`, pictures)]);
      projects.push(loaded.project);
      const error = await renderPdfs(loaded.site, await tempDir('pdf-bad-'), { root: loaded.project.root, cacheDir: false, concurrency: 1, resolvePicture }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(Error);
      expect((error as Error).message, name).toContain(`content/bad-${name}.yaml`);
      expect((error as Error).message, name).toMatch(pattern);
    }
  });
});

describe('unusual text', () => {
  it('keeps a title with & and < valid in the XMP metadata, and prints letters from the latin-ext font files', async () => {
    const odd = { ...linkNotice(), id: 'odd-notice', title: 'Health & care <records> for Zoë and Łukasz' };
    odd.sections[0]!.body = [{ type: 'paragraph', text: 'Names such as Zoë, Łukasz and Dvořák print as written; an emoji 🙂 does not.' }];
    const loaded = await loadNotices([odd]);
    projects.push(loaded.project);
    const out = await tempDir('pdf-odd-');
    const result = await renderPdfs(loaded.site, out, { root: loaded.project.root, cacheDir: false, concurrency: 1 });
    const { info, bytes } = await pdf('/odd-notice/odd-notice.pdf', out);
    expect(info.info.Title).toBe('Health & care <records> for Zoë and Łukasz');
    expect(bytes.toString('latin1')).toContain('<rdf:li xml:lang="x-default">Health &amp; care &lt;records&gt; for Zo');
    expect(squash(info.text)).toContain(squash('Names such as Zoë, Łukasz and Dvořák print as written; an emoji'));
    // The emoji is replaced, and the build is told so, naming the file.
    expect(result.get('odd-notice')!.warnings?.join('\n')).toMatch(/content\/odd-notice\.yaml: the PDF typeface has no letter for "🙂" \(U\+1F642\)/);
    expect(info.pages.every((p) => p.fonts.every((f) => f.embedded))).toBe(true);
  });
});

describe('building', () => {
  it('gives byte-identical PDFs every time: main thread or workers, rendered or from the cache', async () => {
    const again = await tempDir('pdf-again-');
    const cacheDir = await tempDir('pdf-cache-');
    const reports: PdfReport[] = [];
    await renderPdfs(site, again, { cacheDir, concurrency: 2, resolvePicture: fixturePictures, onReport: (r) => reports.push(r) });
    const cached = await tempDir('pdf-cached-');
    await renderPdfs(site, cached, { cacheDir, concurrency: 2, resolvePicture: fixturePictures, onReport: (r) => reports.push(r) });
    expect(reports.map((r) => [r.rendered, r.fromCache])).toEqual([
      [5, 0],
      [0, 5],
    ]);
    for (const url of ['/big-notice/big-notice.pdf', '/link-notice/link-notice.pdf', '/wide-notice/wide-notice.pdf', '/easy-notice/easy-notice.pdf', '/easy-notice/easy-read/easy-notice-easy-read.pdf']) {
      const first = await readFile(path.join(outDir, url));
      expect((await readFile(path.join(again, url))).equals(first), url).toBe(true);
      expect((await readFile(path.join(cached, url))).equals(first), url).toBe(true);
    }
    // Creation date from the notice, not the clock.
    const { info } = await pdf('/link-notice/link-notice.pdf');
    expect(info.info.CreationDate).toBe('D:20250314000000Z');
  });

  it('makes again only the PDFs whose views changed: a change to the full text keeps the easy-read PDF, and the other way round', async () => {
    const loaded = await loadNotices([linkNotice(), easyReadNotice()]);
    projects.push(loaded.project);
    const cacheDir = await tempDir('pdf-cache-');
    const options = { root: loaded.project.root, cacheDir, concurrency: 1, resolvePicture: fixturePictures };
    const reports: PdfReport[] = [];
    const build = async (notice: object) => {
      await loaded.project.write('content/easy-notice.yaml', yaml.dump(notice));
      const reloaded = (await loadSite(loaded.project.root, { today: new Date('2025-06-01') })).site!;
      const dir = await tempDir('pdf-out-');
      await renderPdfs(reloaded, dir, { ...options, onReport: (r) => reports.push(r) });
      const report = reports.at(-1)!;
      return { reloaded, dir, rendered: [report.rendered, report.fromCache, ...(report.renderedUrls ?? []).sort()] };
    };
    const fullUrl = '/easy-notice/easy-notice.pdf';
    const easyUrl = '/easy-notice/easy-read/easy-notice-easy-read.pdf';
    const first = await build(easyReadNotice());
    expect(first.rendered).toEqual([3, 0, fullUrl, easyUrl, '/link-notice/link-notice.pdf']);

    // A sentence of the full notice: its PDF only. The easy read's is the same file as before.
    const textChanged = easyReadNotice();
    textChanged.sections[0]!.body[0] = { type: 'paragraph', text: 'We are Test Council, and this sentence is new.' };
    const second = await build(textChanged);
    expect(second.rendered).toEqual([1, 2, fullUrl]);
    expect((await readFile(path.join(second.dir, easyUrl))).equals(await readFile(path.join(first.dir, easyUrl)))).toBe(true);
    // The same again: every PDF by the notice's key.
    expect((await build(textChanged)).rendered).toEqual([0, 3]);

    // A sentence of the easy read: its PDF only.
    const easyChanged = structuredClone(textChanged);
    easyChanged.easyRead.sections[0]!.items[0]!.text[0] = 'We are Test Council, and we wrote this again.';
    expect((await build(easyChanged)).rendered).toEqual([1, 2, easyUrl]);
    // The title shows in both.
    const retitled = { ...structuredClone(easyChanged), title: 'How we use information about you' };
    const last = await build(retitled);
    expect(last.rendered).toEqual([2, 1, fullUrl, easyUrl]);
    // Back to the first notice: both come from the cache, found by their views.
    expect((await build(easyReadNotice())).rendered).toEqual([0, 3]);

    // From the cache or not, the same bytes: each PDF's document ID comes from its view.
    const fresh = await tempDir('pdf-fresh-');
    await renderPdfs(last.reloaded, fresh, { ...options, cacheDir: false });
    for (const url of [fullUrl, easyUrl, '/link-notice/link-notice.pdf']) {
      expect((await readFile(path.join(fresh, url))).equals(await readFile(path.join(last.dir, url))), url).toBe(true);
    }
    const reloaded = last.reloaded;
    // A different picture file is a different PDF too.
    const base = reloaded.published.find((n) => n.id === 'easy-notice')!;
    const svg = (name: string) => ({ svg: `<svg>${name}</svg>`, file: name });
    expect(cacheKey('easy-read', base, { name: 'a', url: 'https://x', pathPrefix: '/' }, { circle: svg('one') })).not.toBe(
      cacheKey('easy-read', base, { name: 'a', url: 'https://x', pathPrefix: '/' }, { circle: svg('two') }),
    );
  });

  it('renders on worker threads, and on the main thread when a worker cannot start', async () => {
    const jobs = (dir: string): PdfJob[] => ['big-notice', 'link-notice', 'wide-notice', 'easy-notice'].map((id) => fullJob(dir, id));
    const onWorkers = await tempDir('pdf-workers-');
    const report = await renderAll(jobs(onWorkers), { concurrency: 2, workers: 2, mainThread: false });
    expect(report.workerProblem).toBeUndefined();
    expect(report.workers).toBeGreaterThanOrEqual(1);
    expect(report.outcomes.every((o) => !(o instanceof Error))).toBe(true);
    for (const id of ['big-notice', 'link-notice']) {
      expect((await readFile(path.join(onWorkers, id, `${id}.pdf`))).equals(await readFile(path.join(outDir, id, `${id}.pdf`))), id).toBe(true);
    }

    const broken = path.join(await tempDir('pdf-broken-'), 'worker.mjs');
    await writeFile(broken, 'throw new Error("this worker cannot start");\n');
    const fallback = await tempDir('pdf-fallback-');
    const report2 = await renderAll(jobs(fallback), { concurrency: 2, workers: 1, mainThread: false, workerEntry: new URL(`file://${broken}`).href });
    expect(report2.workerProblem).toMatch(/this worker cannot start/);
    expect(report2.workers).toBe(0);
    expect(report2.outcomes.every((o) => !(o instanceof Error))).toBe(true);
  });

  it('stops handing out PDFs once its signal is aborted, and renderPdfs then rejects', async () => {
    const job = fullJob;
    const dir = await tempDir('pdf-abort-');
    const stop = new AbortController();
    // On the main thread, one at a time: the first job's end aborts the rest.
    const report = await renderAll(['big-notice', 'link-notice', 'wide-notice'].map((id) => job(dir, id)), { concurrency: 1, signal: stop.signal, onDone: () => stop.abort() });
    expect(report.outcomes.map((o) => o === undefined)).toEqual([false, true, true]);
    expect(await readdir(dir)).toEqual(['big-notice']);

    const aborted = new AbortController();
    aborted.abort();
    const out = await tempDir('pdf-abort-all-');
    await expect(renderPdfs(site, out, { cacheDir: false, concurrency: 1, signal: aborted.signal })).rejects.toThrow(/abort/i);
    expect(await readdir(out)).toEqual([]);
  });

  it('renders a few PDFs on a worker started before them, and on the main thread when it cannot start', async () => {
    const job = fullJob;
    // Too few jobs for a pool of their own: the prepared worker renders them, and stays open for its owner to close.
    const prepared = startPdfWorker()!;
    try {
      const dir = await tempDir('pdf-prepared-');
      const report = await renderAll([job(dir, 'big-notice'), job(dir, 'link-notice')], { concurrency: 2, worker: prepared });
      expect(report.workerProblem).toBeUndefined();
      expect(report.workers).toBe(1);
      for (const id of ['big-notice', 'link-notice']) {
        expect((await readFile(path.join(dir, id, `${id}.pdf`))).equals(await readFile(path.join(outDir, id, `${id}.pdf`))), id).toBe(true);
      }
      const again = await renderAll([job(await tempDir('pdf-prepared-again-'), 'wide-notice')], { concurrency: 2, worker: prepared });
      expect(again.workers).toBe(1);
    } finally {
      await prepared.close();
    }

    const broken = path.join(await tempDir('pdf-broken-prepared-'), 'worker.mjs');
    await writeFile(broken, 'throw new Error("this worker cannot start");\n');
    const failing = startPdfWorker({ workerEntry: new URL(`file://${broken}`).href })!;
    try {
      const dir = await tempDir('pdf-prepared-fallback-');
      const report = await renderAll([job(dir, 'big-notice')], { concurrency: 2, worker: failing });
      expect(report.workerProblem).toMatch(/this worker cannot start/);
      expect(report.workers).toBe(0);
      expect((await readFile(path.join(dir, 'big-notice', 'big-notice.pdf'))).equals(await readFile(path.join(outDir, 'big-notice', 'big-notice.pdf')))).toBe(true);
    } finally {
      await failing.close();
    }
  });

  it('closes a prepared worker when there are enough jobs for a pool of their own', async () => {
    let closed = 0;
    const prepared = startPdfWorker()!;
    const watched = { pool: prepared.pool, close: () => (closed++, prepared.close()) };
    const report = await renderAll(
      Array.from({ length: MIN_JOBS_FOR_WORKERS }, () => () => {
        throw new Error('not made in this test');
      }),
      { concurrency: 2, worker: watched },
    );
    expect(closed).toBe(1);
    expect(report.outcomes).toHaveLength(MIN_JOBS_FOR_WORKERS);
    await prepared.close();
  });
});
