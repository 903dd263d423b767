/**
 * pa11y over many pages with ONE shared browser: a small pool of workers, each with its own tab,
 * takes pages from a queue. pa11y (the engine pa11y-ci runs) is called per page with the shared
 * `browser` and the worker's `page`, so nothing starts a browser per page.
 *
 * Reliability rules (a check that cannot run must never look like a pass):
 * - every page gets a time limit of its own (pa11y 9 only limits navigation), after which its tab
 *   is closed and the attempt counts as an error;
 * - a page that errors, times out, or whose tab or browser crashed is retried once, in a fresh tab
 *   (and a fresh browser if the browser died), and then reported as a failure;
 * - a page that does not load with HTTP 200 is an error, not a page with no issues.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer';
import type { Pa11yIssue, Pa11yOptions } from 'pa11y';
import { launchBrowser, type FoundBrowser } from './browser.js';

const require = createRequire(import.meta.url);

/** What pa11y checks and how: part of the result cache's key, so changing any of it re-checks every page. */
export const PA11Y_SETTINGS = {
  runners: ['axe', 'htmlcs'],
  standard: 'WCAG2AA' as const,
  /**
   * pa11y's axe runner selects rules by the tags wcag2a/wcag21a/wcag2aa/wcag21aa/best-practice, which
   * leaves out axe's WCAG 2.2 AA rule (2.5.8 Target Size (Minimum)): switch it on by name. pa11y
   * passes `rules` to every runner and HTML_CodeSniffer rejects axe's names, so each runner gets its
   * own pa11y call on the same loaded page.
   */
  axeRules: ['target-size'],
  /**
   * Reported as warnings by both runners, but a skipped heading level breaks the page's outline for
   * screen-reader users (WCAG 1.3.1 Info and Relationships), and our layouts never need one: fail on it.
   */
  promote: ['heading-order', 'WCAG2AA.Principle1.Guideline1_3.1_3_1_A.G141'],
  viewport: { width: 1280, height: 1024 },
};

/**
 * Per page and attempt, for loading and both runners together. Not part of the cache key (it does
 * not change results). A notice page takes about a second; on a shared, overloaded 2-core machine
 * some took 30 s, and a time-out that fails a good page is what makes teams switch a check off.
 */
export const PAGE_TIMEOUT_MS = 60_000;

export interface A11yIssue {
  runner: string;
  code: string;
  message: string;
  selector: string;
  context: string;
  /** axe's help page, when the runner gives one. */
  helpUrl?: string;
}

export interface Pa11yOutcome {
  url: string;
  /** Errors (and promoted warnings) only. */
  issues: A11yIssue[];
  /** Set when the page could not be checked (after the retry). */
  error?: string;
  attempts: number;
  ms: number;
}

export function pa11yVersions(): Record<string, string> {
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  // axe-core and HTML_CodeSniffer are resolved the way pa11y resolves them.
  const fromPa11y = createRequire(require.resolve('pa11y'));
  const nested = (name: string) => {
    try {
      return (fromPa11y(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return {
    'pa11y-ci': version('pa11y-ci'),
    pa11y: version('pa11y'),
    'axe-core': nested('axe-core'),
    'html_codesniffer': nested('@pa11y/html_codesniffer'),
    puppeteer: version('puppeteer'),
  };
}

function toIssue(issue: Pa11yIssue): A11yIssue {
  const extras = issue.runnerExtras ?? {};
  return {
    runner: issue.runner,
    code: issue.code,
    // axe appends "(helpUrl)" to its message; keep the URL separately.
    message: issue.message.replace(/\s*\(https?:\/\/[^)]*\)\s*$/, ''),
    selector: issue.selector,
    context: issue.context,
    helpUrl: typeof extras.helpUrl === 'string' ? extras.helpUrl.replace(/\?application=axeAPI$/, '') : undefined,
  };
}

export function keepIssue(issue: Pa11yIssue): boolean {
  return issue.type === 'error' || (issue.type === 'warning' && PA11Y_SETTINGS.promote.includes(issue.code));
}

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new TimeoutError(`timed out after ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export interface Pa11yPoolOptions {
  concurrency: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export class Pa11yPool {
  private browser?: Browser;
  private launching?: Promise<Browser>;
  private pages: (Page | undefined)[] = [];
  private queue: { url: string; resolve: (outcome: Pa11yOutcome) => void }[] = [];
  private busy = 0;
  private free: number[] = [];
  private version = '';
  private relaunches = 0;
  private closed = false;

  constructor(
    private readonly found: FoundBrowser,
    private readonly options: Pa11yPoolOptions,
  ) {
    for (let i = 0; i < Math.max(1, options.concurrency); i++) this.free.push(i);
  }

  /** Starts the browser; returns its version, e.g. "Chrome/156.0.8078.79". */
  async start(): Promise<string> {
    const browser = await this.ensureBrowser();
    this.version = await browser.version();
    return this.version;
  }

  get browserVersion(): string {
    return this.version;
  }

  private ensureBrowser(): Promise<Browser> {
    if (this.browser?.connected) return Promise.resolve(this.browser);
    if (!this.launching) {
      if (this.browser) {
        this.relaunches++;
        this.options.log?.(`  The browser stopped; starting it again (${this.relaunches}).`);
        if (this.relaunches > 3) return Promise.reject(new Error('the browser keeps crashing (restarted 3 times)'));
      }
      this.pages = [];
      this.launching = launchBrowser(this.found)
        .then((browser) => {
          this.browser = browser;
          return browser;
        })
        .finally(() => {
          this.launching = undefined;
        });
    }
    return this.launching;
  }

  check(url: string): Promise<Pa11yOutcome> {
    if (this.closed) return Promise.reject(new Error('the pa11y pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ url, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.free.length > 0 && this.queue.length > 0) {
      const slot = this.free.shift()!;
      const job = this.queue.shift()!;
      this.busy++;
      void this.run(slot, job.url).then((outcome) => {
        this.busy--;
        this.free.push(slot);
        job.resolve(outcome);
        this.pump();
      });
    }
  }

  private async tab(slot: number): Promise<{ browser: Browser; page: Page }> {
    const browser = await this.ensureBrowser();
    let page = this.pages[slot];
    if (!page || page.isClosed()) {
      page = await browser.newPage();
      this.pages[slot] = page;
    }
    return { browser, page };
  }

  private async dropTab(slot: number): Promise<void> {
    const page = this.pages[slot];
    this.pages[slot] = undefined;
    if (page && !page.isClosed()) await page.close().catch(() => undefined);
  }

  private async run(slot: number, url: string): Promise<Pa11yOutcome> {
    const start = performance.now();
    let lastError = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const issues = await this.attempt(slot, url);
        return { url, issues, attempts: attempt, ms: performance.now() - start };
      } catch (error) {
        lastError = describe(error);
        await this.dropTab(slot);
        if (attempt === 1) this.options.log?.(`  ${url}: ${lastError}; trying once more.`);
      }
    }
    return { url, issues: [], error: lastError, attempts: 2, ms: performance.now() - start };
  }

  private async attempt(slot: number, url: string): Promise<A11yIssue[]> {
    const timeoutMs = this.options.timeoutMs ?? PAGE_TIMEOUT_MS;
    const { browser, page } = await this.tab(slot);
    const work = (async () => {
      // Navigate here rather than in pa11y: our pages are static, so the load event (stylesheets,
      // images) plus the fonts being ready is enough; pa11y's networkidle2 waits an extra 500 ms a page.
      const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
      if (!response) throw new Error('the page did not load');
      if (response.status() !== 200) throw new Error(`the page did not load: HTTP ${response.status()}`);
      await page.evaluate('document.fonts.ready.then(() => true)');
      const { default: pa11y } = await import('pa11y');
      const issues: A11yIssue[] = [];
      for (const runner of PA11Y_SETTINGS.runners) {
        const options: Pa11yOptions = {
          browser,
          page,
          ignoreUrl: true,
          runners: [runner],
          rules: runner === 'axe' ? PA11Y_SETTINGS.axeRules : [],
          standard: PA11Y_SETTINGS.standard,
          includeWarnings: true,
          timeout: timeoutMs,
          viewport: PA11Y_SETTINGS.viewport,
        };
        const results = await pa11y(url, options);
        issues.push(...results.issues.filter(keepIssue).map(toIssue));
      }
      return issues;
    })();
    // On time-out, closing the tab makes any pending protocol call fail instead of hanging.
    return withTimeout(work, timeoutMs, () => void page.close().catch(() => undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser ?? (await this.launching?.catch(() => undefined));
    if (browser) await browser.close().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  if (error instanceof TimeoutError) return first;
  if (/Target closed|Session closed|Protocol error|detached|crash/i.test(first)) return `the browser failed while checking the page (${first})`;
  return first;
}
