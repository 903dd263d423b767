/**
 * The PDF stage: for every published notice, the full notice as a tagged PDF/UA file and, when
 * the notice has an easy-read version, the easy-read PDF, written beside the notice's page:
 *
 *   <outDir>/<id>/<id>.pdf
 *   <outDir>/<id>/easy-read/<id>-easy-read.pdf
 *
 * PDFs are made with pdfkit from the loaded notices (no browser), in parallel across the cores
 * (one worker thread per core, fed by the main thread: see pool.ts), and copied from the cache
 * when nothing they are made from has changed.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { withLinker, type Linker } from '../files/linker.js';
import { projectPath } from '../files/project-paths.js';
import { siteFile } from '../files/site-paths.js';
import { PictureLibrary } from '../easyread/pictures.js';
import { pictureResolver } from '../load/pictures.js';
import type { Notice, Site } from '../model/notice.js';
import { easyReadPictureKeys } from '../model/pictures.js';
import { earliestDay } from '../text/dates.js';
import { easyReadView, type PictureLookup } from '../views/easy-read.js';
import { noticeView } from '../views/notice.js';
import { cacheKey, fromCache, nameInCache, pruneCache, viewKey } from './cache.js';
import type { PictureCredit, PictureData } from './easy-read.js';
import type { SiteInfo } from './inline.js';
import type { JobResult, PdfContent, PdfJob } from './jobs.js';
import { pdfError } from './messages.js';
import { MIN_JOBS_FOR_WORKERS, renderAll, type PdfWorker, type PoolReport } from './pool.js';

export { RENDERER_VERSION } from './cache.js';
export type { PictureCredit } from './easy-read.js';

export interface PdfFile {
  /** Site-relative, e.g. "/kent-early-help/kent-early-help.pdf". */
  url: string;
  bytes: number;
  pages: number;
}

export interface NoticePdfs {
  full: PdfFile;
  /** Only when notice.easyRead exists. */
  easyRead?: PdfFile;
  /** Problems that did not stop the PDFs (e.g. a character the typeface cannot show), naming the source file. */
  warnings?: string[];
}

/** A picture key resolved for an organisation's notices: the SVG file, and its credit. */
export interface ResolvedPicture {
  /** Path of the SVG file. */
  svg: string;
  credit?: PictureCredit;
  /** The SVG text to draw: the picture library's, cleaned by the loader. Only a resolver given in `resolvePicture` may leave it out (the file is then read). */
  text?: string;
}

export type ResolvePicture = (key: string, organisationId: string) => ResolvedPicture | undefined;

export interface PdfOptions {
  /** The project folder. Default: the current folder (where the build runs). */
  root?: string;
  /** Default "<root>/.cache/pdf". False: no cache. */
  cacheDir?: string | false;
  /** Threads to render with: that many worker threads, or the main thread alone when there are few PDFs. Default: the number of cores. */
  concurrency?: number;
  /** A worker thread started earlier, to render a few PDFs instead of the main thread (pool.ts, startPdfWorker). */
  worker?: PdfWorker;
  /**
   * The notice files that changed (a rebuild): with a worker, their PDFs are looked up first, and
   * the few not in the cache handed to it before the rest of the site's PDFs are looked up.
   */
  first?: ReadonlySet<string>;
  /** Finds the SVG of an easy-read picture key. Default: the site's loaded picture library (site.pictures). */
  resolvePicture?: ResolvePicture;
  /** Called with the notice's file as each PDF starts to render (for the stage's time-limit message). */
  onProgress?: (source: string) => void;
  /** Called once the PDFs are made, with what happened (for build logs and the benchmark). */
  onReport?: (report: PdfReport) => void;
  /** Stops rendering: no more PDFs are started, and renderPdfs rejects once those being rendered are done. */
  signal?: AbortSignal;
  /** Progress of the PDFs to render (src/build/progress.ts's reporter). */
  progress?: (label: string, total: number) => { advance(done?: number): void; finish(): void };
  /**
   * Puts the cached PDFs into outDir (on another thread); the caller awaits it. Default: one of
   * the stage's own, awaited before it returns.
   */
  linker?: Linker;
}

export interface PdfReport {
  rendered: number;
  /** The site-relative addresses of the PDFs rendered (not copied from the cache), in order. */
  renderedUrls?: string[];
  fromCache: number;
  /** Worker threads used besides the main thread. */
  workers: number;
  /** Why workers could not be used, when they were wanted. */
  workerProblem?: string;
  ms: number;
  /** Damaged cache entries that were made again ([cache-entry-damaged] messages). */
  cacheNotes?: string[];
}

export function pdfUrls(notice: Notice): { full: string; easyRead: string } {
  return { full: `${notice.url}${notice.id}.pdf`, easyRead: `${notice.url}easy-read/${notice.id}-easy-read.pdf` };
}

/** The file in outDir for a site-relative URL. */

/** The picture registry of src/easyread (data/pictures.yaml and each organisation's own pictures): the cleaned text, never the file. */
function registryResolver(library: PictureLibrary): ResolvePicture {
  return pictureResolver(library.pictures);
}

/**
 * Reads every picture a notice's easy read uses. Throws, naming the notice's file, when one is
 * unknown or unreadable. `found` keeps each picture found, by organisation and key, so the
 * notices of a build share one object per picture (cacheKey remembers what each adds to a key).
 */
function readPictures(notice: Notice, resolve: ResolvePicture, files: Map<string, string>, found: Map<string, PictureData>): Record<string, PictureData> {
  const pictures: Record<string, PictureData> = {};
  for (const key of easyReadPictureKeys(notice.easyRead)) {
    const id = `${notice.organisation.id}\n${key}`;
    const known = found.get(id);
    if (known) {
      pictures[key] = known;
      continue;
    }
    let resolved: ResolvedPicture | undefined;
    try {
      resolved = resolve(key, notice.organisation.id);
    } catch (error) {
      throw pdfError('pdf-picture-unusable', { key, reason: (error as Error).message }, notice.source);
    }
    if (!resolved) throw pdfError('pdf-picture-unknown', { key, organisation: notice.organisation.id }, notice.source);
    let svg = resolved.text ?? files.get(resolved.svg);
    if (svg === undefined) {
      try {
        svg = readFileSync(resolved.svg, 'utf8');
      } catch (error) {
        throw pdfError('pdf-picture-unreadable', { key, file: resolved.svg, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, notice.source);
      }
      files.set(resolved.svg, svg);
    }
    pictures[key] = { svg, file: resolved.svg, credit: resolved.credit };
    found.set(id, pictures[key]);
  }
  return pictures;
}

/** The pictures already read, as the view asks for them. The PDF draws every picture in the same square, so the page's address and size are not needed here. */
function viewLookup(pictures: Record<string, PictureData>): PictureLookup {
  return (key) => {
    const picture = pictures[key];
    return picture && { url: '', file: picture.file, width: 1, height: 1, ...(picture.credit ? { credit: picture.credit } : {}) };
  };
}

/**
 * Renders one notice's PDFs (a notice with an easy read, so both renderers run) into a throwaway
 * folder, without the cache. A process that builds again and again (the preview) does this once,
 * while it waits for the first change: a renderer's first PDFs in a process cost several times the
 * later ones (the fonts' shaping tables are read, the code is compiled), and that would otherwise
 * fall on the first rebuild. Never fails (a problem shows at the next build): it gives the number
 * of PDFs it rendered. `under`: where its throwaway folder goes (default: the system's temporary folder).
 */
export async function rehearsePdfs(site: Site, options: { under?: string } = {}): Promise<number> {
  const notice = site.published.find((candidate) => candidate.easyRead) ?? site.published[0];
  if (!notice) return 0;
  const dir = await mkdtemp(path.join(options.under ?? tmpdir(), 'notice-pdf-rehearsal-'));
  try {
    let rendered = 0;
    await renderPdfs({ ...site, published: [notice] }, dir, { cacheDir: false, concurrency: 1, onReport: (report) => (rendered = report.rendered) });
    return rendered;
  } catch {
    // The next build renders, and reports, for real.
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** PDFs to render whose views, made to find their keys, are kept until they are handed out. */
const VIEWS_KEPT = 64;

/** The PDF cache's folder in a project, unless PdfOptions.cacheDir says otherwise. */
const PDF_CACHE = path.join('.cache', 'pdf');

export async function renderPdfs(site: Site, outDir: string, options: PdfOptions = {}): Promise<Map<string, NoticePdfs>> {
  return withLinker(options.linker, (linker) => renderWith(linker, site, outDir, options), { root: options.root });
}

async function renderWith(linker: Linker, site: Site, outDir: string, options: PdfOptions): Promise<Map<string, NoticePdfs>> {
  const started = performance.now();
  // The cache lives in the project (.cache/pdf) or where cacheDir says; without a project folder and
  // no absolute cacheDir there is no cache.
  const cacheDir =
    options.cacheDir === false ? undefined : options.root ? path.resolve(options.root, options.cacheDir ?? PDF_CACHE) : options.cacheDir && path.isAbsolute(options.cacheDir) ? options.cacheDir : undefined;
  const info: SiteInfo = { name: site.name, url: site.url, pathPrefix: site.pathPrefix };
  const needsPictures = site.published.some((notice) => notice.easyRead);
  const resolve = needsPictures ? (options.resolvePicture ?? registryResolver(new PictureLibrary(site.pictures))) : undefined;
  const svgFiles = new Map<string, string>();
  // Each picture found, and what it adds to a cache key, made once for every notice that shows it.
  const foundPictures = new Map<string, PictureData>();
  const pictureFacts = new WeakMap<PictureData, string>();

  // Every PDF of the site, and where each goes. A PDF's view is made only when its notice's key
  // finds nothing in the cache (cache.ts): a rebuild copies an unchanged notice's PDFs without
  // making their views.
  interface Planned {
    notice: Notice;
    kind: 'full' | 'easy-read';
    url: string;
    job: Omit<PdfJob, 'view' | 'key'>;
    view: () => PdfContent;
  }
  type ToRender = { item: Planned; key: string; content?: PdfContent };
  const planned: Planned[] = [];
  for (const notice of site.published) {
    const urls = pdfUrls(notice);
    // An undated notice gets the day it was written before, else a fixed day: PDFs stay reproducible.
    const date = earliestDay(notice.lastUpdated ?? notice.writtenBefore ?? { year: 2000, month: 1, day: 1, iso: '2000-01-01' }).toISOString();
    const add = (kind: PdfContent['kind'], content: () => PdfContent, url: string, pictures?: Record<string, PictureData>) => {
      const noticeKey = cacheKey(kind, notice, info, pictures, pictureFacts);
      const job = { kind, source: notice.source, date, site: info, pictures, outFile: siteFile(outDir, url), cacheDir, noticeKey };
      planned.push({ notice, kind, url, job, view: content });
    };
    add('full', () => ({ kind: 'full', view: noticeView(notice, site) }), urls.full);
    if (notice.easyRead) {
      const pictures = readPictures(notice, resolve!, svgFiles, foundPictures);
      add('easy-read', () => ({ kind: 'easy-read', view: easyReadView(notice, site, viewLookup(pictures)) }), urls.easyRead, pictures);
    }
  }

  // Copy what the cache has, found by the notice's key or else by the PDF's own (a notice changed
  // in a way this PDF does not show); render the rest.
  const results = new Map<Planned, JobResult>();
  const cacheNotes: string[] = [];
  const naming: Promise<void>[] = [];
  const relative = (file: string) => projectPath(options.root, file);
  // One after another, synchronously: each lookup is a few quick calls (fromCache).
  const inUse = new Set<string>();
  const lookUp = (item: Planned, key: string) => (cacheDir ? fromCache(cacheDir, key, item.job.outFile, linker, (note) => cacheNotes.push(note), relative) : undefined);
  /** Looks `items` up, and gives those the cache does not have, to render. */
  const lookUpAll = (items: readonly Planned[], toRender: ToRender[] = []): ToRender[] => {
    for (const item of items) {
      let cached = lookUp(item, item.job.noticeKey!);
      if (!cached) {
        const content = item.view();
        const key = viewKey(item.kind, content.view, item.job, item.job.pictures, pictureFacts);
        cached = lookUp(item, key);
        // The notice's key names it from now on, so the next build need not make its view.
        if (cached) naming.push(nameInCache(cacheDir!, item.job.noticeKey!, cached.pdf, { pages: cached.pages, warnings: cached.warnings, ...cached.stamp }));
        // The views of the first few PDFs to render are kept until they are handed out; the others
        // are made again then, so that a large site's views are not all held at once.
        else toRender.push({ item, key, content: toRender.length < VIEWS_KEPT ? content : undefined });
      }
      if (cached) {
        results.set(item, cached);
        for (const file of cached.files) inUse.add(file);
      }
    }
    return toRender;
  };
  const render = (toRender: readonly ToRender[], onDone?: () => void) =>
    renderAll(
      // Each job's view, unless kept, is made as the job is handed out.
      toRender.map(({ item, key, content }) => () => ({ ...item.job, key, ...(content ?? item.view()) }) as PdfJob),
      {
        concurrency: Math.max(1, options.concurrency ?? availableParallelism()),
        worker: options.worker,
        onStart: options.onProgress && ((job) => options.onProgress!(job.source)),
        onDone,
        signal: options.signal,
      },
    );

  // The PDFs of the notices that changed (a rebuild's few) go to the worker started for them as
  // soon as they are known not to be in the cache, instead of after every other PDF is looked up.
  const isFirst = (item: Planned) => options.first?.has(item.notice.source) === true;
  const firstLookedUp = Boolean(options.worker && options.first?.size);
  const firstToRender = firstLookedUp ? lookUpAll(planned.filter(isFirst)) : [];
  const early = firstToRender.length > 0 && firstToRender.length < MIN_JOBS_FOR_WORKERS ? render(firstToRender) : undefined;
  early?.catch(() => undefined);
  // The rest (with the first ones, when they were too many to go ahead: they then render together).
  const toRender = lookUpAll(firstLookedUp ? planned.filter((item) => !isFirst(item)) : planned, early ? [] : firstToRender);
  await Promise.all(naming);
  const bar = toRender.length ? options.progress?.('PDFs', toRender.length) : undefined;
  const rendered = early ? [...firstToRender, ...toRender] : toRender;
  const outcomes: PoolReport['outcomes'] = [];
  let workers = 0;
  let workerProblem: string | undefined;
  try {
    for (const report of [await early, await render(toRender, bar && (() => bar.advance()))]) {
      if (!report) continue;
      outcomes.push(...report.outcomes);
      workers = Math.max(workers, report.workers);
      workerProblem ??= report.workerProblem;
    }
  } finally {
    bar?.finish();
  }
  options.signal?.throwIfAborted();
  const errors: string[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome instanceof Error) errors.push(outcome.message);
    else results.set(rendered[i]!.item, outcome);
  });
  if (errors.length) {
    throw new Error(errors.length === 1 ? errors[0] : `${errors.length} PDFs could not be made:\n${errors.map((e) => `- ${e}`).join('\n')}`);
  }

  const pdfs = new Map<string, NoticePdfs>();
  for (const item of planned) {
    const result = results.get(item)!;
    const file: PdfFile = { url: item.url, bytes: result.bytes, pages: result.pages };
    const entry = pdfs.get(item.notice.id) ?? ({ full: file } as NoticePdfs);
    if (item.kind === 'full') entry.full = file;
    else entry.easyRead = file;
    if (result.warnings.length) entry.warnings = [...(entry.warnings ?? []), ...result.warnings];
    pdfs.set(item.notice.id, entry);
  }
  if (cacheDir && rendered.length) pruneCache(cacheDir, inUse);
  options.onReport?.({
    rendered: rendered.length,
    renderedUrls: rendered.map(({ item }) => item.url),
    fromCache: planned.length - rendered.length,
    workers,
    workerProblem,
    ms: performance.now() - started,
    cacheNotes,
  });
  return pdfs;
}
