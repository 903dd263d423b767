/**
 * Browser tabs for the checks, from ONE shared browser: at most `concurrency` tabs at a time, a tab
 * kept per slot and reused, so nothing starts a browser per page.
 *
 * Reliability rules (a check that cannot run must never look like a pass):
 * - every piece of work gets a time limit of its own, after which its tab is closed and the
 *   attempt counts as an error;
 * - work that errors, times out, or whose tab or browser crashed is retried once, in a fresh tab
 *   (and a fresh browser if the browser died), and then the error is thrown to the caller.
 */
import type { Browser, CDPSession, Page } from 'puppeteer';
import { launchBrowser, type FoundBrowser } from './browser.js';
import type { BrowserTab } from './types.js';

export class CheckTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${Math.round(ms / 1000)} s`);
    this.name = 'CheckTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new CheckTimeoutError(ms));
    }, ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** The first line of an error, with browser crashes said as such. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  if (error instanceof CheckTimeoutError) return first;
  if (/Target closed|Session closed|Protocol error|detached|crash/i.test(first)) return `the browser failed while checking the page (${first})`;
  return first;
}

/**
 * A tab is closed and a fresh one opened after this many pages: a long-lived tab keeps growing
 * (caches, detached documents, axe's scripts compiled again on every page), and a fresh one gives
 * its memory back, so the browser's size does not grow with the site's.
 */
export const RECYCLE_TAB_EVERY = 25;

/**
 * A tab's renderer collects its garbage after every this many pages. Chromium's own heuristics
 * leave the documents of pages already checked in memory: measured over 50 notice pages in two
 * tabs, the renderers grew to about 190 + 270 MB; a full collection after every page held them at
 * about 100 + 115 MB but cost a quarter of a second of CPU a page (it also drops compiled code,
 * so axe is compiled again); after every fourth page the peak was 100 MB lower at no measurable
 * cost. Every second page brought the bench's build with the gate (50 notices) from 1,093 to
 * 987 MB at its peak (PSS), under the gate's 1 GiB, with time a page still well inside its target.
 */
export const COLLECT_GARBAGE_EVERY = 2;
/** A collection that takes longer than this is abandoned (the tab is then replaced). */
const COLLECT_GARBAGE_TIMEOUT_MS = 10_000;

export interface TabPoolOptions {
  concurrency: number;
  timeoutMs: number;
  /** Pages a tab checks before it is replaced by a fresh one. Default RECYCLE_TAB_EVERY. */
  recycleEvery?: number;
  /** Pages a tab checks between garbage collections in its renderer (0: never). Default COLLECT_GARBAGE_EVERY. */
  collectGarbageEvery?: number;
  log?: (line: string) => void;
}

export interface TabRun {
  attempts: number;
  ms: number;
  /** Told when a first attempt failed and the work is tried again. */
  onRetry?: (reason: string) => void;
}

export class TabPool {
  private browser?: Browser;
  private launching?: Promise<Browser>;
  private tabs: (Page | undefined)[] = [];
  /** Each tab's DevTools session, for the garbage collections. */
  private sessions: (CDPSession | undefined)[] = [];
  /** Pages each slot's tab has checked. */
  private uses: number[] = [];
  private free: number[] = [];
  private waiting: ((slot: number) => void)[] = [];
  private relaunches = 0;
  private closed = false;

  constructor(
    private readonly found: FoundBrowser,
    private readonly options: TabPoolOptions,
  ) {
    for (let i = 0; i < Math.max(1, options.concurrency); i++) this.free.push(i);
  }

  /** Starts the browser; returns its version, e.g. "Chrome/156.0.8078.79". */
  async start(): Promise<string> {
    return (await this.ensureBrowser()).version();
  }

  private ensureBrowser(): Promise<Browser> {
    if (this.browser?.connected) return Promise.resolve(this.browser);
    if (!this.launching) {
      if (this.browser) {
        this.relaunches++;
        this.options.log?.(`  The browser stopped; starting it again (${this.relaunches}).`);
        if (this.relaunches > 3) return Promise.reject(new Error('the browser keeps crashing (restarted 3 times)'));
      }
      this.tabs = [];
      this.launching = launchBrowser(this.found)
        .then((browser) => (this.browser = browser))
        .finally(() => (this.launching = undefined));
    }
    return this.launching;
  }

  private acquire(): Promise<number> {
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }

  private async tab(slot: number): Promise<BrowserTab> {
    const browser = await this.ensureBrowser();
    let page = this.tabs[slot];
    if (page && !page.isClosed() && (this.uses[slot] ?? 0) >= (this.options.recycleEvery ?? RECYCLE_TAB_EVERY)) {
      await this.dropTab(slot);
      page = undefined;
    }
    if (!page || page.isClosed()) {
      page = await browser.newPage();
      this.tabs[slot] = page;
      this.sessions[slot] = undefined;
      this.uses[slot] = 0;
    }
    this.uses[slot] = (this.uses[slot] ?? 0) + 1;
    return { browser, page };
  }

  /** Every few pages, the tab's renderer frees the documents of the pages it has finished with. */
  private async collectGarbage(slot: number): Promise<void> {
    const every = this.options.collectGarbageEvery ?? COLLECT_GARBAGE_EVERY;
    const page = this.tabs[slot];
    if (!page || page.isClosed() || every <= 0 || (this.uses[slot] ?? 0) % every !== 0) return;
    try {
      this.sessions[slot] ??= await page.createCDPSession();
      const session = this.sessions[slot];
      await withTimeout(session.send('HeapProfiler.collectGarbage'), COLLECT_GARBAGE_TIMEOUT_MS, () => undefined);
    } catch {
      // Not a finding: the page was checked. A tab that cannot collect is replaced.
      await this.dropTab(slot);
    }
  }

  private async dropTab(slot: number): Promise<void> {
    const page = this.tabs[slot];
    this.tabs[slot] = undefined;
    this.sessions[slot] = undefined;
    if (page && !page.isClosed()) await page.close().catch(() => undefined);
  }

  /** Runs `work` in a tab when one is free; `stats` gets the attempts and time. */
  async run<T>(work: (tab: BrowserTab) => Promise<T>, stats?: TabRun): Promise<T> {
    if (this.closed) throw new Error('the browser has been closed');
    const slot = await this.acquire();
    const start = performance.now();
    try {
      let lastError: unknown;
      for (let attempt = 1; attempt <= 2; attempt++) {
        if (stats) stats.attempts = attempt;
        try {
          const tab = await this.tab(slot);
          // On time-out, closing the tab makes any pending protocol call fail instead of hanging.
          const result = await withTimeout(work(tab), this.options.timeoutMs, () => void tab.page.close().catch(() => undefined));
          await this.collectGarbage(slot);
          return result;
        } catch (error) {
          lastError = error;
          await this.dropTab(slot);
          if (attempt === 1) stats?.onRetry?.(describeError(error));
        }
      }
      throw lastError;
    } finally {
      if (stats) stats.ms = performance.now() - start;
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser ?? (await this.launching?.catch(() => undefined));
    if (browser) await browser.close().catch(() => undefined);
  }
}
