/**
 * The build, stage by stage:
 *   load and validate → easy read (its checks and readability figures) → PDF → history (git) → HTML → check
 * and only then is the new site swapped in for the old one. The PDFs need only the loaded content,
 * so they render on other threads beside the easy-read checks and the pages' preparation (views,
 * the search index's process, loading Eleventy); nothing made is published unless the checks find
 * no errors. Content with errors never goes to the accessibility check, and content that fails to
 * load never loads the page renderer, so its problems are told sooner. After a few notices changed
 * (a rebuild), their pages are drawn before the easy-read checks, so that the search index's part
 * holding them is made while the content is checked (afterLoading). The accessibility statement
 * is part of the one HTML render: it says how this build is checked, and the build is published
 * only when that check passes. Any failure leaves the last good site exactly as it was. Each stage
 * is timed (wall time and peak memory) for the build log and `npm run bench`.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type * as Gate from '../check/index.js';
import { accessibilityStatement } from '../check/statement.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { missingDependencyMessage, type Deployment } from '../config.js';
import type { ReadabilityRow } from '../easyread/readability.js';
import { startLinker } from '../files/linker.js';
import { pagePath } from '../files/site-paths.js';
import { writeJsonAtomic } from '../files/write-atomic.js';
import { eleventyFailure } from './eleventy-failure.js';
import { pageShell, type NoticeDownloads } from '../html/view.js';
import { PictureLibrary } from '../easyread/pictures.js';
import { pictureLookup } from '../easyread/view.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { gatherHistories } from '../history/site-history.js';
import { LIMITS, withTimeLimit, type StageProgress } from '../input/limits.js';
import { loadSite, type LoadResult } from '../load/load-site.js';
import { writeCompletenessReport } from '../gdpr/report-file.js';
import type { NoticeCompleteness } from '../gdpr/completeness.js';
import type { Site } from '../model/notice.js';
import { renderPdfs, type NoticePdfs, type PdfReport } from '../pdf/index.js';
import { startPdfWorker, type PdfWorker } from '../pdf/pool.js';
import type { CacheCounts, CacheMemory } from './cache.js';
import { checkEasyReadsCached, readabilityCached } from './cache-easy-read.js';
import type { startHtml } from './html.js';
import { loadMemo } from './cache-load.js';
import { checkCompletenessCached } from './cache-completeness.js';
import { OutputError, stageOutput, type StagedOutput } from './output.js';
import { writeMachineReadable } from './machine-readable.js';
import { searchCounts, startSearchIndex, type SearchIndexer } from './search.js';
import { siteViews } from './views.js';
import { progressToStderr } from './progress.js';

export type StageName = 'load and validate' | 'PDF' | 'HTML' | 'easy read' | 'history' | 'check';

export interface StageTiming {
  stage: StageName;
  ms: number;
  /** Peak resident memory of the process so far, in bytes. */
  peakRss: number;
  note?: string;
}

export interface BuildOptions {
  /** The project folder (content/, data/, layouts/). The process must run from it. */
  root: string;
  /** Where the site goes. Default: <root>/_site. */
  outDir?: string;
  /** "Today", for review-date warnings. */
  today?: Date;
  /** Run the accessibility check on the new site before publishing it. Default: true. */
  check?: boolean;
  /**
   * Fail when no browser is found for the accessibility check. Scripts pass true on CI (CI=true,
   * read by src/config.ts); default false, for a person's machine, where the other checks still
   * run and the build says how to install a browser.
   */
  requireBrowser?: boolean;
  /** The environment as the scripts read it, for the check's browser (PUPPETEER_EXECUTABLE_PATH, CI). */
  env?: NodeJS.ProcessEnv;
  /** Check every page again, ignoring the check's cache. */
  checkAll?: boolean;
  /**
   * With check: false, the site will be checked elsewhere before it is published (the sharded CI
   * check: npm run check -- --shard i/n, then --merge): the statement still says how it is tested.
   */
  checkedElsewhere?: boolean;
  /** Progress lines (the check's summary). Default: console.log. */
  log?: (line: string) => void;
  /** Where the site is deployed, overriding data/site.yaml (readEnvironment in src/config.ts). */
  deployment?: Deployment;
  /** Show progress of long stages on stderr (src/build/progress.ts). Default: true. */
  progress?: boolean;
  /** Notice pages in one part of the search index (src/build/search.ts; default PAGES_PER_INDEX). */
  searchPagesPerIndex?: number;
  /**
   * Return as soon as the new site is in place, deleting the previous one meanwhile (the preview):
   * BuildResult.deleting says when that is done.
   */
  deletePreviousInBackground?: boolean;
  /**
   * Hand the previous site to a process of its own to delete, so that the command ends as soon as
   * the new site is in place (npm run build). When that process cannot start, the build deletes it.
   */
  handOffDeletion?: boolean;
  /**
   * Start a PDF worker thread as the build starts, to render the PDFs of the notices that changed
   * while this thread loads and checks the content (src/pdf/pool.ts, startPdfWorker). For a build
   * in a process of its own (npm run build); a process that builds again and again has its
   * renderer loaded already (the preview).
   */
  preparePdfWorker?: boolean;
  /** Called as soon as content is loaded, so problems are shown before the slower stages run. */
  onLoaded?: (diagnostics: Diagnostic[]) => void;
  /**
   * Called with a problem found after loading that stops the build and has a place of its own (a
   * template in layouts/ that cannot be drawn, a .eleventy.js that cannot run), so it is shown as
   * content problems are (text, JSON lines, GitHub annotations); the failure then only points to it.
   * Without it, the failure is the whole message.
   */
  onProblems?: (diagnostics: Diagnostic[]) => void;
  /**
   * Cache entries kept in memory from one build to the next, for a process that builds again and
   * again (the preview): a rebuild then reads from .cache/ only what changed.
   */
  memory?: CacheMemory;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
  site?: Site;
  outDir: string;
  pages: number;
  /** Set when a stage failed for a reason other than content diagnostics. */
  failure?: string;
  /** False only when a failed publish could not put the previous site back (the failure says where it is). */
  previousUnchanged?: boolean;
  /** Things worth telling about a publish that succeeded (e.g. a previous site that could not be deleted). */
  notes?: string[];
  /** With deletePreviousInBackground: the deletion of the previous site, resolving to its notes. */
  deleting?: Promise<string[]>;
  /** Readability figures of every published notice, full and easy read (also in reports/readability.json). */
  readability?: ReadabilityRow[];
  pdf?: PdfReport;
  /** Problems that did not stop the PDFs. */
  pdfWarnings?: string[];
  gate?: Gate.GateResult;
  /** What came from .cache/ and what was made again, per cache. */
  cache?: Record<string, CacheCounts>;
  /** The UK GDPR completeness of every notice (also in reports/completeness.json). */
  completeness?: NoticeCompleteness[];
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Runs a stage, timed, within its time limit (LIMITS.stageSeconds): past it, the stage fails with
 * a message naming what `progress.workingOn` said last. `earlierMs`: time the stage spent on an
 * earlier part of its work, counted in its time and its limit.
 */
export async function timed<T>(timings: StageTiming[], stage: StageName, work: (progress: StageProgress) => Promise<T>, earlierMs = 0): Promise<T> {
  const start = performance.now();
  try {
    return await withTimeLimit(stage, LIMITS.stageSeconds[stage] - earlierMs / 1000, work);
  } finally {
    timings.push({ stage, ms: earlierMs + performance.now() - start, peakRss: peakRss() });
  }
}

/** A failure's message for the build's output: its catalogue code and words, never a stack trace. */
function failureMessage(error: unknown): string {
  const missing = missingDependencyMessage(error);
  if (missing) return missing.replace(/^\(environment\) error /, '');
  if (error instanceof OutputError) return `[${error.code}] ${error.message}${error.hint ? ` ${error.hint}` : ''}`;
  if (error instanceof Error && 'code' in error && error.code === 'stage-time-limit') return `[stage-time-limit] ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const pdfWorker = options.preparePdfWorker ? startPdfWorker() : undefined;
  try {
    return await buildWith(options, pdfWorker);
  } finally {
    await pdfWorker?.close();
  }
}

async function buildWith(options: BuildOptions, pdfWorker: PdfWorker | undefined): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? '_site');
  const log = options.log ?? console.log;
  const timings: StageTiming[] = [];
  // Long stages show a count and the time left on stderr (a live line in a terminal, a line every 10 s in CI).
  const showProgress = options.progress === false ? undefined : (label: string, total: number) => progressToStderr(label, total, process.stderr, options.env?.CI === 'true');

  let loaded: LoadResult | undefined;
  // Each notice file's load comes from .cache/load when its bytes, the shared data and the day are unchanged.
  const { memory } = options;
  memory?.startBuild();
  const memo = loadMemo(root, log, memory);
  try {
    loaded = await timed(timings, 'load and validate', (progress) => loadSite({ root, today: options.today, deployment: options.deployment, memo, onFile: (file) => (progress.workingOn = file) }));
  } catch (error) {
    return { ok: false, diagnostics: [], timings, outDir, pages: 0, failure: failureMessage(error) };
  }
  // Content that loaded without errors has its PDFs rendered (on the PDF worker, or the pool's
  // threads) while this thread runs the easy-read checks: the PDFs are made from the loaded
  // notices alone. If the checks then find errors, the PDFs still to start are let go and nothing
  // is published.
  const run: BuildRun = { options, root, outDir, log, timings, showProgress, pdfWorker };
  const early = loaded.site && !hasErrors(loaded.diagnostics) ? await startOutput(run, loaded.site, memo.counts.madeFor) : undefined;
  try {
    // Handed over in a box: afterLoading lets the parsed files go once it no longer needs them, so
    // neither this frame nor a parameter of its own may hold them.
    const content: { loaded?: LoadResult } = { loaded };
    loaded = undefined;
    return await afterLoading(run, content, memo, early);
  } finally {
    // A build that stopped before publishing leaves no staged site and no work going on.
    if (early && 'staged' in early && !early.settled) await early.abandon();
  }
}

/** What every part of one build is given. */
interface BuildRun {
  options: BuildOptions;
  root: string;
  outDir: string;
  log: (line: string) => void;
  timings: StageTiming[];
  showProgress: ProgressFactory | undefined;
  pdfWorker: PdfWorker | undefined;
}

type ProgressFactory = (label: string, total: number) => ReturnType<typeof progressToStderr>;

/**
 * The staged site and the PDF stage, started as soon as the content has loaded without errors; or
 * why the site could not be staged (the build stops with it after the easy-read checks).
 */
type EarlyOutput = { failure: unknown } | StartedOutput;

interface StartedOutput {
  staged: StagedOutput;
  linker: ReturnType<typeof startLinker>;
  pdfs: Promise<Map<string, NoticePdfs>>;
  report: { pdf?: PdfReport };
  /** The search index, started with the output (its process reads each notice page as it is in place). */
  search: SearchIndexer;
  /** Set once the search index is written; until then, a build that stops closes it (abandon). */
  searchDone: boolean;
  /** Set once the staged site is published, or being discarded. */
  settled: boolean;
  /** Stops the PDFs still to start, and discards the staged site. */
  abandon(): Promise<void>;
}

/** `changedFiles`: the notice files loaded afresh (not from the load cache), whose pages are likely to change. */
async function startOutput({ root, outDir, options, log, timings, showProgress, pdfWorker }: BuildRun, site: Site, changedFiles: readonly string[]): Promise<EarlyOutput> {
  // Checks that the output can be replaced before anything is rendered (and removes killed builds' leftovers).
  let staged: StagedOutput;
  try {
    staged = await stageOutput(outDir);
  } catch (failure) {
    return { failure };
  }
  // Puts the files kept in .cache/ (PDFs, pages, notice.json, the search index's parts) into the
  // new site on a thread of its own, while this one makes what changed.
  const linker = startLinker({ root });
  // The search index, started now: the part of the index holding a changed notice's page is begun
  // from the last site's other pages while this build checks and draws (src/build/search.ts).
  // The notice pages are the ones marked for the index (layouts/pages/notice.njk, data-pagefind-body).
  const changed = new Set(changedFiles);
  let search: SearchIndexer;
  try {
    search = await startSearchIndex(site.published.map((notice) => pagePath(notice.url)).sort(), staged.dir, {
      cacheRoot: root,
      pagesPerIndex: options.searchPagesPerIndex,
      onDamaged: log,
      linker,
      previous: { dir: outDir, changed: site.published.filter((notice) => changed.has(notice.source)).map((notice) => pagePath(notice.url)) },
    });
  } catch (failure) {
    await linker.close();
    await staged.discard().catch(() => undefined);
    return { failure };
  }
  const stop = new AbortController();
  const report: StartedOutput['report'] = {};
  const pdfs = timed(timings, 'PDF', (progress) => {
    progress.workingOn = `the PDFs of ${site.published.length} notices`;
    // The pictures come from site.pictures, as the loader cleaned them.
    return renderPdfs(site, staged.dir, { root, linker, worker: pdfWorker, first: changed, signal: stop.signal, progress: showProgress, onProgress: (source) => (progress.workingOn = source), onReport: (made) => (report.pdf = made) });
  });
  pdfs.catch(() => undefined);
  const early: StartedOutput = {
    staged,
    linker,
    pdfs,
    report,
    search,
    searchDone: false,
    settled: false,
    async abandon() {
      early.settled = true;
      stop.abort();
      if (!early.searchDone) await search.close().catch(() => undefined);
      await pdfs.catch(() => undefined);
      await linker.close();
      await staged.discard().catch(() => undefined);
    },
  };
  return early;
}

/**
 * At most this many notices changed, and fewer than the site has: their pages are drawn before the
 * content checks (afterLoading). A rebuild waits last for the search index's part holding a changed
 * page, which is made only once that page is drawn.
 */
const FIRST_AT_MOST = 100;

/**
 * The stages after loading: the easy-read checks, then (with no errors) PDF, history and HTML, the
 * check, and publishing. After a few notices changed (a rebuild), their pages are drawn first, and
 * the content is checked while the search index makes the part that holds them; nothing is
 * published unless the checks then pass. A page that cannot be drawn is told only if the content
 * has no errors.
 */
async function afterLoading(run: BuildRun, content: { loaded?: LoadResult }, memo: ReturnType<typeof loadMemo>, early: EarlyOutput | undefined): Promise<BuildResult> {
  const { options, timings } = run;
  const site = content.loaded!.site;
  // What the later stages need of each notice file; the parsed files themselves (every value's
  // position) are let go after the checks, as a large site's would fill the memory.
  const noticeFiles = content.loaded!.notices.map(({ file, inputKey }) => ({ file, inputKey }));
  const started = early && !('failure' in early) ? early : undefined;
  const changed = new Set(memo.counts.madeFor);
  const first = site && started ? new Set(site.published.filter((notice) => changed.has(notice.source)).map((notice) => notice.id)) : new Set<string>();
  const drawFirst = first.size > 0 && first.size <= FIRST_AT_MOST && first.size < site!.published.length;
  let output: PreparedOutput | undefined;
  let drawFailure: { error: unknown } | undefined;
  if (drawFirst) {
    try {
      output = await prepareOutput(run, site!, noticeFiles, started!, first);
    } catch (error) {
      drawFailure = { error };
    }
  }
  const checked = await checkContent(run, content, memo);
  if ('stop' in checked) return checked.stop;
  const { result } = checked;

  // Loading found no errors here, so the output was started (or could not be).
  if (!started) {
    result.failure = failureMessage((early && 'failure' in early ? early.failure : undefined) ?? new Error('the site could not be staged'));
    return result;
  }
  const { staged, linker, search } = started;
  try {
    if (drawFailure) throw drawFailure.error;
    output ??= await prepareOutput(run, site!, noticeFiles, started, new Set());
    result.pdf = output.pdf;
    result.pdfWarnings = output.pdfWarnings;
    const { html, downloads, views, gate, cache } = output;
    result.pages = await timed(
      timings,
      'HTML',
      async (progress) => {
        progress.workingOn = `the pages of ${site!.published.length} notices`;
        const pages = await html.finish();
        // Each notice as notice.json, and the list as notices.json, while the search index's last
        // part (begun as soon as its last page was drawn) is written on another core.
        progress.workingOn = 'the JSON of each notice';
        const json = await writeMachineReadable(site!, staged.dir, downloads, { views, cacheRoot: run.root, onDamaged: run.log, memory: options.memory, linker });
        // The search index in /pagefind/ (src/build/search.ts).
        progress.workingOn = 'the search index';
        const index = searchCounts(await search.finish());
        started.searchDone = true;
        result.cache = { ...result.cache, ...cache, views: views.counts, json, search: index };
        // Every kept file in place before the site is checked or published.
        progress.workingOn = 'the files kept from the last build';
        await linker.settled();
        await linker.close();
        return pages;
      },
      output.preparedMs,
    );
    const check = options.check ?? true;
    if (check && gate) {
      const { failedWhere, runGate } = gate;
      const checkedSite = await timed(timings, 'check', (progress) => {
        progress.workingOn = 'the pages and PDFs of the new site';
        return runGate({ siteDir: staged.dir, pathPrefix: site!.pathPrefix, all: options.checkAll, requireBrowser: options.requireBrowser ?? false, env: options.env, log: run.log, progress: run.showProgress, sources: noticeSources(site!) });
      });
      result.gate = checkedSite;
      if (!checkedSite.ok) {
        const failed = diagnostic('check-failed', { problems: checkedSite.counts.failures, where: failedWhere(checkedSite) || 'the site' }, { file: checkedSite.reportPath ?? staged.dir, line: 0, column: 0 });
        throw new Error(`[${failed.code}] ${failed.message} They are listed above; the full report is in ${checkedSite.reportPath ?? 'the JSON report'}.`);
      }
    }

    const { notes, deleting } = await staged.commit({ deleteInBackground: options.deletePreviousInBackground, handOffDeletion: options.handOffDeletion });
    started.settled = true;
    result.notes = notes;
    result.deleting = deleting;
    result.ok = true;
    return result;
  } catch (error) {
    // Nothing more is linked into the staged site once it is discarded.
    await started.abandon();
    // A template in layouts/ that cannot be drawn, or a .eleventy.js that cannot be run, is told as
    // any content problem is: where, what, what to do.
    const template = eleventyFailure(error, run.root);
    if (template) {
      result.diagnostics = [...result.diagnostics, template];
      options.onProblems?.([template]);
    }
    result.failure = !template ? failureMessage(error) : options.onProblems ? `[${template.code}] ${template.file}${template.line ? `:${template.line}` : ''} (above).` : formatDiagnostic(template);
    if (error instanceof OutputError) result.previousUnchanged = error.previousUnchanged;
    return result;
  }
}

/**
 * The easy-read checks, the completeness report and the readability figures: the build's result
 * so far, or `stop` when the content has errors. Takes the loaded content out of its box and lets
 * the parsed files go once it no longer needs them.
 */
async function checkContent(run: BuildRun, content: { loaded?: LoadResult }, memo: ReturnType<typeof loadMemo>): Promise<{ stop: BuildResult } | { result: BuildResult }> {
  const { options, root, outDir, log, timings, showProgress } = run;
  let loaded: LoadResult | undefined = content.loaded!;
  content.loaded = undefined;
  const { memory } = options;
  // The easy-read checks are a stage of their own. They run even when loading found errors, so
  // one run lists every problem.
  const easyReadStart = performance.now();
  // Each notice's checks and readability figures come from .cache/ when nothing they read changed.
  // The figures are counted on a worker thread while this one runs the checks (whose progress is shown).
  const counting = loaded.site ? readabilityCached(loaded.site, root, { onDamaged: log, concurrency: availableParallelism(), fileHashes: new Map(loaded.notices.map((notice) => [notice.file, notice.bytesHash])), memory }) : undefined;
  counting?.catch(() => undefined);
  const easyRead = await checkEasyReadsCached(loaded, root, { onDamaged: log, progress: showProgress, memory });
  const easyReadTiming: StageTiming = { stage: 'easy read', ms: performance.now() - easyReadStart, peakRss: peakRss(), note: 'checks and readability; its pages are part of HTML' };
  timings.push(easyReadTiming);
  // The completeness report (UK GDPR Articles 13 and 14): part of checking content.
  const completeness = loaded.site ? await checkCompletenessCached(loaded.site, loaded, { root, today: options.today ?? new Date(), onDamaged: log, memory }) : undefined;
  const diagnostics = [...loaded.diagnostics, ...easyRead.diagnostics, ...(completeness?.diagnostics ?? [])];
  options.onLoaded?.(diagnostics);
  if (completeness) {
    for (const line of completeness.table) log(line);
    const file = await writeCompletenessReport(root, completeness.reports);
    log(`Completeness report: ${path.relative(root, file)}`);
  }
  if (!loaded.site || hasErrors(diagnostics)) {
    return { stop: { ok: false, diagnostics, timings, outDir, pages: 0 } };
  }
  const site = loaded.site;
  loaded = undefined;
  const result: BuildResult = { ok: false, diagnostics, timings, site, outDir, pages: 0, completeness: completeness?.reports };

  const readabilityStart = performance.now();
  const readability = await counting!;
  result.readability = readability.rows;
  await writeJsonAtomic(path.join(root, 'reports', 'readability.json'), readability.rows);
  easyReadTiming.ms += performance.now() - readabilityStart;
  easyReadTiming.note = `${easyReadTiming.note}; from the cache: ${easyRead.counts.reused} checks, ${readability.counts.reused} readability figures`;
  result.cache = { load: memo.counts, completeness: completeness!.counts, easyRead: easyRead.counts, readability: readability.counts };
  await memo.store.prune();
  easyReadTiming.peakRss = peakRss();
  return { result };
}

/** What the pages are drawn from, and the pages drawn so far (prepareOutput). */
interface PreparedOutput {
  /** The page renderer, with the pages of the notices drawn first already in place. */
  html: Awaited<ReturnType<typeof startHtml>>;
  downloads: Record<string, NoticeDownloads>;
  views: Awaited<ReturnType<typeof siteViews>>;
  gate?: typeof Gate;
  pdf?: PdfReport;
  pdfWarnings?: string[];
  /** What the page renderer took from its caches, once finished. */
  cache: Record<string, CacheCounts>;
  /** Time the HTML stage spent here (views, loading Eleventy, the pages drawn first). */
  preparedMs: number;
}

/**
 * Everything the pages need (the accessibility statement, each notice's history, the page views,
 * the PDFs), and the pages of the notices in `first` drawn (src/build/html.ts, startHtml).
 */
async function prepareOutput(run: BuildRun, site: Site, noticeFiles: readonly { file: string; inputKey?: string }[], started: StartedOutput, first: ReadonlySet<string>): Promise<PreparedOutput> {
  const { options, root, log, timings, showProgress, pdfWorker } = run;
  const { staged, linker, search } = started;
  const { memory } = options;
  const check = options.check ?? true;
  // The gate's code (its checks and what they load) is loaded only by a build whose site is checked.
  const gate = check || options.checkedElsewhere ? await import('../check/index.js') : undefined;
  const statement = accessibilityStatement(site, gate ? { date: options.today ?? new Date(), checks: gate.describeGateChecks() } : undefined);
  // Each notice's history from git, read once for the history pages; without git they say so,
  // and a history that takes too long to read is left out: it is never a reason to fail the build.
  const histories = await timed(timings, 'history', (progress) => {
    progress.workingOn = `the history of ${site.published.length} notices`;
    return gatherHistories(root, site);
  }).catch(() => undefined);
  // What the pages need besides the PDFs is made while the PDFs render: the page views and the
  // page renderer (Eleventy, loaded only now). A one-notice rebuild would otherwise wait here for
  // that notice's PDFs with nothing to do.
  let preparedMs = 0;
  const preparing = performance.now();
  const prepared = await withTimeLimit('HTML', LIMITS.stageSeconds.HTML, async (progress) => {
    progress.workingOn = `the page views of ${site.published.length} notices`;
    const lookup = pictureLookup(new PictureLibrary(site.pictures));
    // Notice and easy-read pages whose inputs are unchanged come from .cache/html (src/build/html.ts);
    // the views of the others are made as they are needed (src/build/views.ts).
    const views = await siteViews(site, noticeFiles, lookup, { root, onDamaged: log, memory });
    const { startHtml } = await import('./html.js');
    return { lookup, views, startHtml };
  });
  preparedMs += performance.now() - preparing;

  const pdfs = await started.pdfs;
  const pdf = started.report.pdf;
  // Not needed any more: its memory is given back before the pages are drawn.
  await pdfWorker?.close();
  // A damaged cache entry was made again: say so, with its code.
  const pdfWarnings = (pdf?.cacheNotes ?? []).map((note) => `[cache-entry-damaged] ${note}`);
  const downloads: Record<string, NoticeDownloads> = {};
  for (const [id, files] of pdfs) {
    downloads[id] = { full: files.full, easyRead: files.easyRead };
    pdfWarnings.push(...(files.warnings ?? []));
  }

  const drawing = performance.now();
  const cache: Record<string, CacheCounts> = {};
  const html = await withTimeLimit('HTML', LIMITS.stageSeconds.HTML - preparedMs / 1000, (progress) => {
    progress.workingOn = first.size ? `the pages of the ${first.size} notices that changed` : 'the pages';
    const { lookup, views, startHtml } = prepared;
    const data = { ...pageShell(site, downloads, { accessibilityStatement: Boolean(statement) }, { histories, pictures: lookup }), accessibilityStatement: statement };
    return startHtml(root, staged.dir, data, {
      cacheRoot: root,
      views,
      linker,
      first,
      onDamaged: log,
      memory,
      progress: showProgress,
      onNoticePage: search.add,
      onNoticePagesToDraw: search.toBeDrawn,
      onCache: (counts) => (cache.html = counts),
      onListingsCache: (counts) => (cache.listings = counts),
    });
  });
  preparedMs += performance.now() - drawing;
  return { html, downloads, views: prepared.views, gate, pdf, pdfWarnings: pdfWarnings.length ? pdfWarnings : undefined, cache, preparedMs };
}

/** The content file behind each notice's pages and PDFs, so the gate's findings name it. */
function noticeSources(site: Site): Record<string, string> {
  return Object.fromEntries(site.published.map((notice) => [notice.url, notice.source]));
}
