/**
 * The gate's runner: reads the built site once, works out which pages need checking (the cache),
 * schedules every check module over them (browser checks over one shared browser with a bounded
 * number of tabs, the others on this thread meanwhile), and writes the JSON report and the console
 * summary. The checks themselves live in checks/; each knows nothing of the others or of the cache.
 *
 * Any finding, and any page that could not be checked (browser crash, protocol error, time-out,
 * after one retry), makes `ok` false. Pages and PDFs that passed before and have not changed are
 * taken from the cache unless `all` is set; checks that are not cacheable (links) run every time.
 */
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { writeJsonAtomic } from '../files/write-atomic.js';
import { BrowserNotFoundError, browserStamp, findBrowser, needsNoSandbox, type FoundBrowser } from './browser.js';
import { ResultCache } from './cache.js';
import { gateChecks } from './checks/all.js';
import { resolveReference } from './checks/links.js';
import { finding } from './finding.js';
import { serveSite, type SiteServer } from './serve.js';
import { inShard, shardLabel, type Shard } from './shard.js';
import { gateStatement } from './statement.js';
import { scanSite, sha256, type ScannedSite, type SitePage } from './site.js';
import { formatSummary } from './summary.js';
import { CheckTimeoutError, describeError, TabPool, type TabRun } from './tabs.js';
import type { CheckContext, Finding, GateResult, PageCheck, PageKind, PageResult, PageToCheck } from './types.js';

/** Bump when the runner's own logic changes in a way that could change results: re-checks every page. */
export const GATE_VERSION = '2';

export const DEFAULT_CACHE_DIR = '.cache/check';
export const DEFAULT_REPORT_PATH = 'reports/accessibility.json';

/**
 * Per page and attempt, for work in a browser tab. Not part of the cache key (it does not change
 * results). A notice page takes about a second; on a shared, overloaded 2-core machine some took
 * 30 s, and a time-out that fails a good page is what makes teams switch a check off.
 */
export const PAGE_TIMEOUT_MS = 60_000;

/**
 * Pages checked at once in the one browser (one tab each). Measured on this project's 2-core
 * machines, 100 notice and easy-read pages a run, the machine shared with other builds: 1 tab
 * 964 ms a page, 2 tabs 616, 3 tabs 563, 4 tabs 522. Each tab adds a page's document and axe's
 * work to the renderers' memory: on a third of a 50-notice site (55 pages), 2 tabs peaked at
 * 800 MB (PSS, the whole process tree) against 918 MB with 3, for the same CPU time. The gate's
 * limit is memory (1 GiB on two cores, browser included) with time to spare: one tab a core, at
 * most 4.
 */
export function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface GateOptions {
  /** The built site, e.g. "_site". */
  siteDir: string;
  /** The folder the site is published in ("/" or e.g. "/notices/"); the test server uses it too. Default "/". */
  pathPrefix?: string;
  /** Check everything, ignoring the cache. */
  all?: boolean;
  /** Default: .cache/check (relative to the current folder). */
  cacheDir?: string;
  /** Where the JSON report goes. Default: reports/accessibility.json. `false`: write none. */
  reportPath?: string | false;
  /** Pages checked at once in the one browser. Default: defaultConcurrency(). */
  concurrency?: number;
  /** Progress and summary lines. Default: console.log. */
  log?: (line: string) => void;
  /**
   * Progress of the browser checks (a count and the time left): the build and npm run check pass
   * src/build/progress.ts's reporter. Default: a line in the log every tenth of the pages.
   */
  progress?: (label: string, total: number) => { advance(done?: number): void; finish(): void };
  /**
   * When false and no browser can be found, the gate still runs every other check, warns that the
   * browser checks were skipped (result.pa11ySkipped) and does not fail for that alone. Default:
   * true (no browser is a failure that says how to install one).
   */
  requireBrowser?: boolean;
  /** Per-page time limit for work in a browser tab, in ms. Default PAGE_TIMEOUT_MS. */
  timeoutMs?: number;
  /** The environment the scripts pass in: PUPPETEER_EXECUTABLE_PATH names the browser; CI=true starts it without its sandbox. Default: none. */
  env?: NodeJS.ProcessEnv;
  /** The content file behind each page: site-path prefix ("/kent-early-help/") → file. */
  sources?: Readonly<Record<string, string>>;
  /** The checks to run. Default: gateChecks(). */
  checks?: PageCheck[];
  /**
   * Check only the pages, PDFs and stylesheets of this shard (src/check/shard.ts); the whole site is
   * still read, so links to pages in other shards are checked. Merge the shards' reports with
   * mergeGateResults (src/check/merge.ts).
   */
  shard?: Shard;
}

interface Run {
  options: GateOptions;
  log: (line: string) => void;
  siteDir: string;
  pathPrefix: string;
  checks: PageCheck[];
  concurrency: number;
  timeoutMs: number;
  started: number;
  startedAt: Date;
  failures: Finding[];
  warnings: Finding[];
  pages: PageResult[];
  timings: GateResult['timings'];
  browser?: string;
  pa11ySkipped?: string;
}

/** One page, PDF or stylesheet with its cache key and result. */
interface Planned {
  item: PageToCheck;
  key: string;
  /** Passed before, unchanged: only the checks that are not cacheable run. */
  fromCache: boolean;
  result?: PageResult;
  findings: Finding[];
  /** A check that applies could not run (no browser): the page is not recorded as passed. */
  incomplete: boolean;
  tab: TabRun;
}

function startRun(options: GateOptions): Run {
  return {
    options,
    log: options.log ?? ((line: string) => console.log(line)),
    siteDir: path.resolve(options.siteDir),
    pathPrefix: options.pathPrefix ?? '/',
    checks: options.checks ?? gateChecks(),
    concurrency: Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency())),
    timeoutMs: options.timeoutMs ?? PAGE_TIMEOUT_MS,
    started: performance.now(),
    startedAt: new Date(),
    failures: [],
    warnings: [],
    pages: [],
    timings: { totalMs: 0, scanMs: 0, byCheck: {} },
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function warn(run: Run, warning: Finding): void {
  run.warnings.push(warning);
  run.log(`warning [${warning.code}] ${warning.message}`);
}

async function readSite(run: Run): Promise<ScannedSite | undefined> {
  const folder = run.siteDir;
  const exists = await stat(folder).then((s) => s.isDirectory(), () => false);
  if (!exists) {
    run.failures.push(finding('no-site', { folder }, { check: 'gate', page: '(site)', rule: 'no-site', element: folder }));
    return undefined;
  }
  const start = performance.now();
  const site = await scanSite(folder, { keepHtml: false });
  run.timings.scanMs = performance.now() - start;
  if (site.pages.length === 0) {
    run.failures.push(finding('no-pages', { folder }, { check: 'gate', page: '(site)', rule: 'no-pages', element: folder }));
    return undefined;
  }
  return site;
}

/** The browser, or undefined with a failure (required) or a loud warning (not required). */
function locateBrowser(run: Run): FoundBrowser | undefined {
  if (!run.checks.some((c) => c.needsBrowser)) return undefined;
  try {
    const env = run.options.env ?? {};
    const found = findBrowser({ env });
    return needsNoSandbox(env) ? { ...found, noSandbox: true } : found;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if ((run.options.requireBrowser ?? true) || !(error instanceof BrowserNotFoundError)) {
      run.failures.push(finding('browser-missing', { detail }, { check: 'pa11y', page: '(all pages)', rule: 'no-browser' }));
    } else {
      run.pa11ySkipped = detail;
      warn(run, finding('browser-checks-skipped', { reason: detail.split('\n')[0] ?? detail }, { check: 'pa11y', page: '(all pages)', rule: 'no-browser' }));
    }
    return undefined;
  }
}

/** The content file behind a site path: the longest matching prefix in `sources`. */
function sourceOf(sources: Readonly<Record<string, string>> | undefined, sitePath: string): string | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(sources ?? {})) {
    if (sitePath.startsWith(prefix) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best ? sources![best] : undefined;
}

/**
 * The items of this run (this shard's, or all). A PDF is not held: its bytes are read when it is
 * hashed and again when it is checked, so memory does not grow with the number of PDFs.
 */
function itemsOf(site: ScannedSite, run: Run): PageToCheck[] {
  const source = (p: string) => sourceOf(run.options.sources, p);
  const mine = (sitePath: string) => inShard(sitePath, run.options.shard);
  const items: PageToCheck[] = site.pages.filter((page) => mine(page.path)).map((page) => ({ kind: 'html', path: page.path, file: page.file, source: source(page.path), page }));
  for (const file of site.pdfs) {
    const sitePath = `/${file}`;
    if (mine(sitePath)) items.push({ kind: 'pdf', path: sitePath, file, source: source(sitePath), read: () => readFile(path.join(site.root, file)) });
  }
  for (const sheet of site.stylesheets.values()) if (mine(`/${sheet.file}`)) items.push({ kind: 'css', path: `/${sheet.file}`, file: sheet.file, stylesheet: sheet });
  return items;
}

/** Files a page loads that change how it looks; a stylesheet counts with the files it loads in turn. */
function renderingKey(site: ScannedSite, page: SitePage, pathPrefix: string, hashes: Map<string, Promise<string>>): Promise<string[]> {
  const hashOf = (file: string): Promise<string> => {
    let hash = hashes.get(file);
    if (!hash) {
      const sheet = site.stylesheets.get(file);
      hash = sheet
        ? Promise.all(
            sheet.refs.map((ref) => {
              const r = resolveReference(site, ref.value, `/${sheet.file}`, pathPrefix);
              return r.kind === 'internal' && r.file ? readFile(path.join(site.root, r.file)).then((b) => `${r.file}:${sha256(b)}`) : Promise.resolve(`${ref.value}:missing`);
            }),
          ).then((parts) => sha256([sheet.hash, ...parts].join('\n')))
        : readFile(path.join(site.root, file)).then((b) => sha256(b), () => 'missing');
      hashes.set(file, hash);
    }
    return hash;
  };
  const files = new Set<string>();
  for (const ref of page.refs) {
    if (!ref.rendering) continue;
    const r = resolveReference(site, ref.value, page.path, pathPrefix);
    if (r.kind === 'internal' && r.file) files.add(r.file);
  }
  return Promise.all([...files].sort().map(async (file) => `${file}:${await hashOf(file)}`));
}

/** What the cache key of a page of this kind depends on besides the page: each cacheable check's name, version and settings. */
function fingerprint(run: Run, kind: PageKind, browser: FoundBrowser | undefined): string {
  const checks = run.checks.filter((c) => c.appliesTo.includes(kind) && c.cacheable !== false).map((c) => [c.name, c.version, c.settings ?? null]);
  const usesBrowser = run.checks.some((c) => c.appliesTo.includes(kind) && c.needsBrowser);
  return sha256(JSON.stringify({ gate: GATE_VERSION, checks, browser: usesBrowser ? (browser ? browserStamp(browser) : 'none') : '', pathPrefix: run.pathPrefix }));
}

async function plan(run: Run, site: ScannedSite, items: PageToCheck[], cache: ResultCache, browser: FoundBrowser | undefined): Promise<Planned[]> {
  const hashes = new Map<string, Promise<string>>();
  const fingerprints = new Map<PageKind, string>();
  const planned: Planned[] = [];
  for (const item of items) {
    if (!fingerprints.has(item.kind)) fingerprints.set(item.kind, fingerprint(run, item.kind, browser));
    const content =
      item.kind === 'html' ? [item.page.hash, ...(await renderingKey(site, item.page, run.pathPrefix, hashes))] : item.kind === 'pdf' ? [sha256(await item.read())] : [item.stylesheet.hash];
    const key = ResultCache.key(fingerprints.get(item.kind)!, [item.kind, item.path, ...content]);
    const fromCache = item.kind !== 'css' && !run.options.all && cache.passed(key);
    const result: PageResult | undefined =
      item.kind === 'css' ? undefined : { page: item.path, file: item.file, kind: item.kind, source: item.source, verdict: 'passed', checked: !fromCache, failures: 0 };
    if (result) run.pages.push(result);
    planned.push({ item, key, fromCache, result, findings: [], incomplete: false, tab: { attempts: 0, ms: 0 } });
  }
  const cached = planned.filter((p) => p.fromCache && p.item.kind === 'html').length;
  if (cached > 0) run.log(`  ${plural(cached, 'page')} passed before and did not change: taken from the cache.`);
  return planned;
}

/** Starts the loopback server and the browser when some page needs a browser check. */
async function startBrowserWork(run: Run, site: ScannedSite, planned: Planned[], browser: FoundBrowser | undefined): Promise<{ pool?: TabPool; server?: SiteServer }> {
  const pending = planned.filter((p) => !p.fromCache && run.checks.some((c) => c.needsBrowser && c.appliesTo.includes(p.item.kind))).length;
  if (!browser || pending === 0) return {};
  const server = await serveSite(site.root, { pathPrefix: run.pathPrefix, fixedSite: true });
  const pool = new TabPool(browser, { concurrency: run.concurrency, timeoutMs: run.timeoutMs, log: run.log });
  try {
    run.browser = `${await pool.start()} (${browser.executablePath})`;
    run.log(`  Browser checks: ${plural(pending, 'page')}, ${run.concurrency} at a time in ${run.browser}.`);
    return { pool, server };
  } catch (error) {
    run.failures.push(
      finding('browser-failed', { executable: browser.executablePath, reason: describeError(error) }, { check: 'pa11y', page: '(all pages)', rule: 'browser-failed', element: browser.executablePath }),
    );
    await pool.close();
    await server.close();
    return {};
  }
}

/** Runs one check on one page; a check that throws or times out is a finding, never a pass. */
async function runCheck(run: Run, check: PageCheck, entry: Planned, context: CheckContext): Promise<void> {
  const start = performance.now();
  const page = entry.item.path;
  try {
    entry.findings.push(...(await check.check(entry.item, context)));
  } catch (error) {
    const place = { check: check.name, page, source: entry.item.source, rule: 'page-not-checked' };
    // Our own limit, or the browser's navigation limit (puppeteer's TimeoutError): both are time-outs.
    const timedOut = error instanceof CheckTimeoutError || (error instanceof Error && error.name === 'TimeoutError');
    entry.findings.push(
      timedOut
        ? finding('check-timed-out', { page, check: check.name, seconds: Math.round(run.timeoutMs / 1000) }, place)
        : finding('check-crashed', { page, check: check.name, reason: describeError(error) }, place),
    );
  } finally {
    run.timings.byCheck[check.name] = (run.timings.byCheck[check.name] ?? 0) + performance.now() - start;
  }
}

function contextFor(run: Run, site: ScannedSite, entry: Planned, pool: TabPool | undefined, server: SiteServer | undefined): CheckContext {
  return {
    site,
    pathPrefix: run.pathPrefix,
    timeoutMs: run.timeoutMs,
    url: (sitePath) => (server ? server.url(sitePath) : sitePath),
    withTab: (work) => {
      if (!pool) return Promise.reject(new Error('no browser is running'));
      entry.tab.onRetry = (reason) =>
        warn(run, finding('check-retried', { page: entry.item.path, check: 'browser', reason }, { check: 'gate', page: entry.item.path, rule: 'retry' }));
      return pool.run(work, entry.tab);
    },
  };
}

/** Tells checks that they are done; a check that cannot let go cleanly changes no result. */
async function finishChecks(checks: readonly PageCheck[]): Promise<void> {
  await Promise.all(checks.map((check) => check.finished?.().catch(() => undefined)));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Every check over every page that needs it. Browser checks are queued at once (the pool bounds the
 * tabs); the other checks run here, page by page, while the browser works.
 */
async function checkPages(run: Run, site: ScannedSite, planned: Planned[], pool: TabPool | undefined, server: SiteServer | undefined): Promise<void> {
  const inBrowser: Promise<void>[] = [];
  const browserPages = planned.filter((p) => !p.fromCache && run.checks.some((c) => c.needsBrowser && c.appliesTo.includes(p.item.kind))).length;
  const progressEvery = browserPages >= 40 ? Math.ceil(browserPages / 10) : Infinity;
  const browserRuns = pool ? planned.filter((p) => !p.fromCache).reduce((sum, p) => sum + run.checks.filter((c) => c.needsBrowser && c.appliesTo.includes(p.item.kind)).length, 0) : 0;
  const bar = run.options.progress?.('Browser checks', browserRuns);
  let done = 0;
  const browserStart = performance.now();
  for (const entry of planned) {
    const context = contextFor(run, site, entry, pool, server);
    for (const check of run.checks) {
      if (!check.needsBrowser || !check.appliesTo.includes(entry.item.kind) || entry.fromCache) continue;
      if (!pool) {
        entry.incomplete = true;
        continue;
      }
      inBrowser.push(
        runCheck(run, check, entry, context).then(() => {
          done++;
          if (bar) bar.advance();
          else if (done % progressEvery === 0) run.log(`  Browser checks: ${done} of ${browserPages} pages done (${Math.round((performance.now() - browserStart) / 1000)} s).`);
        }),
      );
    }
  }
  for (const entry of planned) {
    const context = contextFor(run, site, entry, pool, server);
    for (const check of run.checks) {
      if (check.needsBrowser || !check.appliesTo.includes(entry.item.kind)) continue;
      if (entry.fromCache && check.cacheable !== false) continue;
      await runCheck(run, check, entry, context);
    }
    await yieldToEventLoop();
  }
  // The checks in Node finish long before the browser: their workers' memory goes now, not at the end.
  await finishChecks(run.checks.filter((c) => !c.needsBrowser));
  try {
    await Promise.all(inBrowser);
  } finally {
    bar?.finish();
  }
}

/** Verdicts, the cache's new passes, and every finding in one list. */
function settle(run: Run, planned: Planned[], cache: ResultCache): void {
  for (const entry of planned) {
    run.failures.push(...entry.findings);
    const result = entry.result;
    if (!result) continue;
    if (entry.tab.attempts > 0) {
      result.attempts = entry.tab.attempts;
      result.browserMs = Math.round(entry.tab.ms);
    }
    if (entry.findings.length > 0) result.verdict = 'failed';
    else if (entry.fromCache) result.verdict = 'cached';
    else if (entry.incomplete) result.verdict = 'skipped';
    else {
      result.verdict = 'passed';
      cache.recordPass(entry.key, result.page);
    }
  }
}

function toolVersions(checks: readonly PageCheck[]): Record<string, string> {
  return { ...Object.fromEntries(checks.map((c) => [c.name, c.version])), gate: GATE_VERSION };
}

async function finish(run: Run): Promise<GateResult> {
  const failedPages = new Set(run.failures.map((f) => f.page));
  const byCheck: Record<string, number> = {};
  for (const f of run.failures) byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  for (const p of run.pages) {
    p.failures = run.failures.filter((f) => f.page === p.page).length;
    if (p.failures > 0) p.verdict = 'failed';
  }
  run.timings.totalMs = performance.now() - run.started;
  const result: GateResult = {
    ok: run.failures.length === 0,
    siteDir: run.siteDir,
    pathPrefix: run.pathPrefix,
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    pages: run.pages,
    failures: run.failures,
    warnings: run.warnings,
    counts: {
      pages: run.pages.filter((p) => p.kind === 'html').length,
      pdfs: run.pages.filter((p) => p.kind === 'pdf').length,
      checked: run.pages.filter((p) => p.checked).length,
      cached: run.pages.filter((p) => p.verdict === 'cached').length,
      failedPages: failedPages.size,
      failures: run.failures.length,
      byCheck,
    },
    timings: run.timings,
    browser: run.browser,
    pa11ySkipped: run.pa11ySkipped,
    concurrency: run.concurrency,
    tools: toolVersions(run.checks),
    ...(run.options.shard && run.options.shard.count > 1 ? { shard: { ...run.options.shard, pages: run.pages.length } } : {}),
    statement: gateStatement(run.startedAt, run.checks.map((c) => c.describe())),
  };
  result.statement = { ...result.statement, pages: result.counts.pages, pdfs: result.counts.pdfs, passed: result.ok };
  if (run.options.reportPath !== false) {
    const reportPath = path.resolve(run.options.reportPath ?? DEFAULT_REPORT_PATH);
    await writeJsonAtomic(reportPath, result);
    result.reportPath = reportPath;
  }
  for (const line of formatSummary(result)) run.log(line);
  return result;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const run = startRun(options);
  const site = await readSite(run);
  if (!site) return finish(run);
  const items = itemsOf(site, run);
  const what = options.shard && options.shard.count > 1
    ? `shard ${shardLabel(options.shard)}: ${plural(items.filter((i) => i.kind === 'html').length, 'page')} of ${site.pages.length} and ${plural(items.filter((i) => i.kind === 'pdf').length, 'PDF')} of ${site.pdfs.length}`
    : `${plural(site.pages.length, 'page')} and ${plural(site.pdfs.length, 'PDF')}`;
  run.log(`Checking ${what} in ${run.siteDir}${options.all ? ' (all, ignoring the cache)' : ''}.`);
  const browser = locateBrowser(run);
  const cache = await ResultCache.open(path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR));
  const planned = await plan(run, site, items, cache, browser);
  const { pool, server } = await startBrowserWork(run, site, planned, browser);
  try {
    await checkPages(run, site, planned, pool, server);
  } finally {
    await finishChecks(run.checks);
    await pool?.close();
    await server?.close();
  }
  settle(run, planned, cache);
  await cache.save({ keepUnused: Boolean(options.shard && options.shard.count > 1) });
  return finish(run);
}
