/**
 * The accessibility gate: every page and PDF of a built site, checked before anyone can publish it.
 *
 *   pa11y (axe + HTML_CodeSniffer, WCAG2AA, plus axe's WCAG 2.2 rules) on every HTML page, loaded
 *     over http from 127.0.0.1 so stylesheets load and colour contrast is really measured;
 *   html-validate on every page;
 *   a link check: every internal link, anchor, asset and linked PDF exists;
 *   PDF checks on every PDF: tagged, title, language, fonts embedded.
 *
 * Any failure, and any page that could not be checked (browser crash, protocol error, time-out,
 * after one retry), makes `ok` false. Pages and PDFs that passed before and have not changed are
 * taken from the cache (see cache.ts) unless `all` is set.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { BrowserNotFoundError, browserStamp, findBrowser, type FoundBrowser } from './browser.js';
import { ResultCache } from './cache.js';
import { fixFor } from './fixes.js';
import { HTML_VALIDATE_CONFIG, htmlValidateVersion, validateHtml } from './html-validate.js';
import { checkLinks, resolveReference } from './links.js';
import { Pa11yPool, PA11Y_SETTINGS, pa11yVersions, type Pa11yOutcome } from './pa11y.js';
import { checkPdf, pdfjsVersion } from './pdf.js';
import { serveSite } from './server.js';
import { scanSite, sha256, type ScannedSite, type SitePage } from './site.js';
import { writeLastRun } from './last-run.js';
import { formatSummary } from './summary.js';

export { BrowserNotFoundError, findBrowser } from './browser.js';
export { lastGateRun, type GateRunRecord } from './last-run.js';
export { accessibilityStatement, type AccessibilityStatementView } from './statement.js';
export { formatSummary } from './summary.js';

/** Bump when the gate's own logic changes in a way that could change results: re-checks every page. */
export const GATE_VERSION = '1';

export const DEFAULT_CACHE_DIR = '.cache/check';
export const DEFAULT_REPORT_PATH = 'reports/accessibility.json';

/**
 * Pages checked at once in the one browser (one tab each). Measured with the gate's own pool on this
 * project's 2-core machines, 100 notice and easy-read pages a run, the machine shared with other
 * builds: 1 tab 964 ms a page, 2 tabs 616, 3 tabs 563, 4 tabs 522; an earlier run of 120 pages had
 * 2 tabs 676, 3 tabs 801, 4 tabs 661, 6 tabs 854. No page errored or timed out at any setting: with a
 * tab reused per worker, the load event instead of network idle, a 60 s limit per page and one retry,
 * the protocol errors and time-outs seen with pa11y-ci's defaults did not occur. The gain stops at
 * about one tab more than there are cores, while memory (~0.5 GB a tab) and the risk of time-outs on
 * an overloaded machine keep growing: cores + 1, at most 4 (3 on two cores).
 */
export const DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism() + 1));

export type CheckName = 'pa11y' | 'html-validate' | 'links' | 'pdf' | 'gate';

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
  /** Pages checked at once in the one browser. Default: DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /** Progress and summary lines. Default: console.log. */
  log?: (line: string) => void;
  /**
   * When false and no browser can be found, the gate still runs every other check, reports that
   * pa11y was skipped (result.pa11ySkipped) and does not fail for that alone. Default: true (no
   * browser is a failure that says how to install one).
   */
  requireBrowser?: boolean;
  /** Per-page time limit for pa11y, in ms. Default 60 000 (PAGE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Where to look for a browser (tests). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Record this run for the accessibility statement when it passes. Default: true. */
  recordRun?: boolean;
}

export interface GateFailure {
  /** Site path of the page ("/kent-early-help/"), PDF ("/kent-early-help/notice.pdf") or stylesheet. */
  page: string;
  check: CheckName;
  /** The rule or problem: "color-contrast", "WCAG2AA.Principle1…G18.Fail", "broken-link", "pdf-tagged". */
  rule: string;
  /** pa11y runner (axe, htmlcs) for pa11y failures. */
  runner?: string;
  /** CSS selector or element, as precise as the check gives. */
  element: string;
  /** An HTML snippet of the element, when known. */
  context?: string;
  line?: number;
  message: string;
  fix: string;
  helpUrl?: string;
}

export type Verdict = 'passed' | 'failed' | 'cached' | 'skipped';

export interface PageResult {
  page: string;
  file: string;
  kind: 'html' | 'pdf';
  verdict: Verdict;
  /** Checked in this run (false: passed before and unchanged). */
  checked: boolean;
  failures: number;
  /** Time pa11y took on the page, including a retry. */
  pa11yMs?: number;
  attempts?: number;
}

export interface GateResult {
  ok: boolean;
  siteDir: string;
  pathPrefix: string;
  startedAt: string;
  finishedAt: string;
  pages: PageResult[];
  failures: GateFailure[];
  counts: {
    pages: number;
    pdfs: number;
    checked: number;
    cached: number;
    failedPages: number;
    failures: number;
    byCheck: Record<CheckName, number>;
  };
  timings: { totalMs: number; scanMs: number; linksMs: number; htmlValidateMs: number; pa11yMs: number; pdfMs: number };
  /** "Chrome/156.0.8078.79 (/usr/bin/chromium)" when a browser ran. */
  browser?: string;
  /** Set when pa11y did not run because no browser was found and requireBrowser was false. */
  pa11ySkipped?: string;
  concurrency: number;
  tools: Record<string, string>;
  reportPath?: string;
}

function toolVersions(): Record<string, string> {
  return { ...pa11yVersions(), 'html-validate': htmlValidateVersion(), 'pdfjs-dist': pdfjsVersion(), gate: GATE_VERSION };
}

/** Files a page loads that change how it looks; a stylesheet counts with the files it loads in turn. */
function renderingKey(site: ScannedSite, page: SitePage, pathPrefix: string, hashes: Map<string, Promise<string>>): Promise<string[]> {
  const hashOf = (file: string): Promise<string> => {
    let hash = hashes.get(file);
    if (!hash) {
      const sheet = site.stylesheets.get(file);
      if (sheet) {
        hash = Promise.all(
          sheet.refs.map((ref) => {
            const r = resolveReference(site, ref.value, `/${sheet.file}`, pathPrefix);
            return r.kind === 'internal' && r.file ? readFile(path.join(site.root, r.file)).then((b) => `${r.file}:${sha256(b)}`) : Promise.resolve(`${ref.value}:missing`);
          }),
        ).then((parts) => sha256([sheet.hash, ...parts].join('\n')));
      } else {
        hash = readFile(path.join(site.root, file)).then((b) => sha256(b), () => 'missing');
      }
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

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const started = performance.now();
  const startedAt = new Date();
  const log = options.log ?? ((line: string) => console.log(line));
  const pathPrefix = options.pathPrefix ?? '/';
  const siteDir = path.resolve(options.siteDir);
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_CACHE_DIR);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const requireBrowser = options.requireBrowser ?? true;
  const failures: GateFailure[] = [];
  const pages: PageResult[] = [];
  const timings = { totalMs: 0, scanMs: 0, linksMs: 0, htmlValidateMs: 0, pa11yMs: 0, pdfMs: 0 };
  const tools = toolVersions();
  let browserLabel: string | undefined;
  let pa11ySkipped: string | undefined;

  const finish = async (site?: ScannedSite): Promise<GateResult> => {
    timings.totalMs = performance.now() - started;
    const failedPages = new Set(failures.map((f) => f.page));
    const byCheck: Record<CheckName, number> = { pa11y: 0, 'html-validate': 0, links: 0, pdf: 0, gate: 0 };
    for (const f of failures) byCheck[f.check]++;
    for (const p of pages) {
      p.failures = failures.filter((f) => f.page === p.page).length;
      if (p.failures > 0) p.verdict = 'failed';
    }
    const result: GateResult = {
      ok: failures.length === 0,
      siteDir,
      pathPrefix,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      pages,
      failures,
      counts: {
        pages: site?.pages.length ?? 0,
        pdfs: site?.pdfs.length ?? 0,
        checked: pages.filter((p) => p.checked).length,
        cached: pages.filter((p) => p.verdict === 'cached').length,
        failedPages: failedPages.size,
        failures: failures.length,
        byCheck,
      },
      timings,
      browser: browserLabel,
      pa11ySkipped,
      concurrency,
      tools,
    };
    if (options.reportPath !== false) {
      const reportPath = path.resolve(options.reportPath ?? DEFAULT_REPORT_PATH);
      await mkdir(path.dirname(reportPath), { recursive: true });
      await writeFile(`${reportPath}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
      await rename(`${reportPath}.tmp`, reportPath);
      result.reportPath = reportPath;
    }
    if (result.ok && !pa11ySkipped && options.recordRun !== false) await writeLastRun(cacheDir, result);
    for (const line of formatSummary(result)) log(line);
    return result;
  };

  // --- Read the site ------------------------------------------------------------------------------
  try {
    if (!(await stat(siteDir)).isDirectory()) throw new Error('not a folder');
  } catch {
    failures.push({ page: '(site)', check: 'gate', rule: 'no-site', element: siteDir, message: `there is no built site at ${siteDir}.`, fix: 'Run npm run build first.' });
    return finish();
  }
  let t = performance.now();
  const site = await scanSite(siteDir);
  timings.scanMs = performance.now() - t;
  if (site.pages.length === 0) {
    failures.push({ page: '(site)', check: 'gate', rule: 'no-pages', element: siteDir, message: `the site folder ${siteDir} has no HTML pages, so nothing could be checked.`, fix: 'Run npm run build first, and check the build succeeded.' });
    return finish(site);
  }
  log(`Checking ${site.pages.length} page${site.pages.length === 1 ? '' : 's'} and ${site.pdfs.length} PDF${site.pdfs.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), siteDir) || '.'}${options.all ? ' (all, ignoring the cache)' : ''}.`);

  // --- Links (every run: a link can break because another page went away) ---------------------------
  t = performance.now();
  for (const p of checkLinks(site, pathPrefix)) {
    failures.push({ page: p.page, check: 'links', rule: p.rule, element: p.element, line: p.line, message: p.message, fix: p.fix });
  }
  timings.linksMs = performance.now() - t;

  // --- Browser ------------------------------------------------------------------------------------
  let found: FoundBrowser | undefined;
  try {
    found = findBrowser({ env: options.env });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (requireBrowser || !(error instanceof BrowserNotFoundError)) {
      failures.push({ page: '(all pages)', check: 'pa11y', rule: 'no-browser', element: '', message, fix: 'Install a browser as described above.' });
    } else {
      pa11ySkipped = message;
      log(`WARNING: pa11y was skipped: ${message.split('\n')[0]}`);
    }
  }

  const fingerprint = sha256(
    JSON.stringify({ gate: GATE_VERSION, tools, pa11y: PA11Y_SETTINGS, htmlValidate: HTML_VALIDATE_CONFIG, browser: found ? browserStamp(found) : 'none', pathPrefix }),
  );
  const cache = await ResultCache.open(cacheDir);
  const assetHashes = new Map<string, Promise<string>>();

  // --- Which pages need checking ------------------------------------------------------------------
  const toCheck: { page: SitePage; key: string; result: PageResult }[] = [];
  for (const page of site.pages) {
    const key = ResultCache.key(fingerprint, ['html', page.path, page.hash, ...(await renderingKey(site, page, pathPrefix, assetHashes))]);
    const result: PageResult = { page: page.path, file: page.file, kind: 'html', verdict: 'passed', checked: false, failures: 0 };
    pages.push(result);
    if (!options.all && found && cache.passed(key)) {
      result.verdict = 'cached';
      continue;
    }
    result.checked = true;
    toCheck.push({ page, key, result });
  }
  const cachedPages = site.pages.length - toCheck.length;
  if (cachedPages > 0) log(`  ${cachedPages} page${cachedPages === 1 ? '' : 's'} passed before and did not change: taken from the cache.`);

  // --- pa11y and html-validate ----------------------------------------------------------------------
  const pageFailures = new Map<string, number>();
  const pdfResults: PageResult[] = [];
  const addFailure = (f: GateFailure) => {
    failures.push(f);
    pageFailures.set(f.page, (pageFailures.get(f.page) ?? 0) + 1);
  };
  let pool: Pa11yPool | undefined;
  let server: Awaited<ReturnType<typeof serveSite>> | undefined;
  const pa11yStart = performance.now();
  try {
    const outcomes: Promise<Pa11yOutcome | undefined>[] = [];
    if (toCheck.length > 0 && found) {
      server = await serveSite(siteDir, pathPrefix);
      pool = new Pa11yPool(found, { concurrency, timeoutMs: options.timeoutMs, log });
      try {
        const version = await pool.start();
        browserLabel = `${version} (${found.executablePath})`;
        log(`  pa11y: ${toCheck.length} page${toCheck.length === 1 ? '' : 's'}, ${concurrency} at a time in ${browserLabel}.`);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        failures.push({
          page: '(all pages)',
          check: 'pa11y',
          rule: 'browser-failed',
          element: found.executablePath,
          message: `the browser at ${found.executablePath} did not start: ${message}`,
          fix: 'Check the browser runs (chromium --headless --version); reinstall it, or set PUPPETEER_EXECUTABLE_PATH to another Chrome or Chromium.',
        });
        await pool.close();
        pool = undefined;
      }
    }
    let done = 0;
    const progressEvery = toCheck.length >= 40 ? Math.ceil(toCheck.length / 10) : Infinity;
    for (const item of toCheck) {
      const activePool = pool;
      outcomes.push(
        activePool
          ? activePool.check(server!.url(item.page.path)).then((outcome) => {
              done++;
              if (done % progressEvery === 0) log(`  pa11y: ${done} of ${toCheck.length} pages checked (${Math.round((performance.now() - pa11yStart) / 1000)} s).`);
              return outcome;
            })
          : Promise.resolve(undefined),
      );
    }
    // html-validate runs here, on this thread, while the browser works on the pages.
    for (const item of toCheck) {
      const start = performance.now();
      for (const m of validateHtml(item.page.html, item.page.file)) {
        addFailure({
          page: item.page.path,
          check: 'html-validate',
          rule: m.rule,
          element: m.selector,
          line: m.line,
          message: `line ${m.line}: ${m.message}`,
          fix: fixFor(m.rule, m.url),
          helpUrl: m.url,
        });
      }
      timings.htmlValidateMs += performance.now() - start;
      await yieldToEventLoop();
    }
    // PDFs too, still while the browser works.
    const pdfStart = performance.now();
    for (const file of site.pdfs) {
      const bytes = await readFile(path.join(siteDir, file));
      const pagePath = `/${file}`;
      const key = ResultCache.key(fingerprint, ['pdf', pagePath, sha256(bytes)]);
      const result: PageResult = { page: pagePath, file, kind: 'pdf', verdict: 'passed', checked: false, failures: 0 };
      pdfResults.push(result);
      if (!options.all && cache.passed(key)) {
        result.verdict = 'cached';
        continue;
      }
      result.checked = true;
      const problems = await checkPdf(bytes).catch((error: unknown) => [
        { rule: 'pdf-unreadable', message: `the PDF could not be checked: ${error instanceof Error ? error.message : String(error)}.`, fix: 'Build it again; a PDF that cannot be checked fails.' },
      ]);
      for (const p of problems) addFailure({ page: pagePath, check: 'pdf', rule: p.rule, element: file, message: p.message, fix: p.fix });
      if (problems.length === 0) cache.recordPass(key, pagePath);
      else result.verdict = 'failed';
    }
    timings.pdfMs = performance.now() - pdfStart;
    const results = await Promise.all(outcomes);
    toCheck.forEach((item, i) => {
      const outcome = results[i];
      if (!outcome) return;
      item.result.pa11yMs = Math.round(outcome.ms);
      item.result.attempts = outcome.attempts;
      if (outcome.error) {
        addFailure({
          page: item.page.path,
          check: 'pa11y',
          rule: 'page-not-checked',
          element: '',
          message: `the page could not be checked (tried twice): ${outcome.error}. A page that cannot be checked fails.`,
          fix: 'Run the check again. If it fails again, open the page in a browser: it may be very large or broken. Use --concurrency 1 if many pages time out on a busy machine.',
        });
      }
      for (const issue of outcome.issues) {
        addFailure({
          page: item.page.path,
          check: 'pa11y',
          rule: issue.code,
          runner: issue.runner,
          element: issue.selector,
          context: issue.context,
          message: issue.message,
          fix: fixFor(issue.code, issue.helpUrl),
          helpUrl: issue.helpUrl,
        });
      }
    });
  } finally {
    await pool?.close();
    await server?.close();
  }
  pages.push(...pdfResults);
  // Wall time from starting the browser until its last page was done (html-validate and the PDF
  // checks ran on this thread meanwhile).
  timings.pa11yMs = toCheck.length > 0 && found ? performance.now() - pa11yStart : 0;

  // Link failures count against the page; a page with any failure is not cached.
  const linkFailedPages = new Set(failures.filter((f) => f.check === 'links').map((f) => f.page));
  for (const item of toCheck) {
    item.result.verdict = pageFailures.has(item.page.path) || linkFailedPages.has(item.page.path) ? 'failed' : pa11ySkipped ? 'skipped' : 'passed';
    if (item.result.verdict === 'passed' && pool !== undefined) cache.recordPass(item.key, item.page.path);
  }

  await cache.save();
  return finish(site);
}
