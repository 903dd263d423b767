/**
 * The gate's shared shapes: what a check is given, what it finds, and what a run reports. Only
 * types, importing nothing that imports back, so the runner, the checks, the summary and the
 * statement can all use them without a circle.
 */
import type { Browser, Page } from 'puppeteer';
import type { ScannedSite, SitePage, SiteStylesheet } from './site.js';

export type Severity = 'error' | 'warning';

/** One problem on one page, PDF or stylesheet. Every finding fails the gate. */
export interface Finding {
  /** Stable code from the error catalogue (src/diagnostics/codes/check.ts), e.g. "accessibility-rule-failed". */
  code: string;
  severity: Severity;
  /** The check that found it: "pa11y", "html-validate", "links", "pdf", or "gate" for the run itself. */
  check: string;
  /** Site path of the page ("/kent-early-help/"), PDF ("/kent-early-help/notice.pdf") or stylesheet. */
  page: string;
  /** The content file the page was made from, when known (content/kent/early-help.yaml). */
  source?: string;
  /** The tool's own rule: "color-contrast", "WCAG2AA.Principle1…G18.Fail", "heading-level", "pdf-tagged". */
  rule: string;
  /** pa11y's runner (axe) for pa11y findings. */
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

export type PageKind = 'html' | 'pdf' | 'css';

interface ItemBase {
  /** Site path without the path prefix: "/kent-early-help/", "/kent-early-help/notice.pdf". */
  path: string;
  /** Relative to the site folder: "kent-early-help/index.html". */
  file: string;
  /** The content file it was made from, when known. */
  source?: string;
}

/** One thing to check: an HTML page, a PDF, or a stylesheet (for the files it loads). */
export type PageToCheck =
  | (ItemBase & { kind: 'html'; page: SitePage })
  | (ItemBase & { kind: 'pdf'; read(): Promise<Uint8Array> })
  | (ItemBase & { kind: 'css'; stylesheet: SiteStylesheet });

export interface BrowserTab {
  browser: Browser;
  page: Page;
}

/** What a check gets besides the page: the whole site (for links), and a browser tab on request. */
export interface CheckContext {
  site: ScannedSite;
  pathPrefix: string;
  /** Per-page time limit for work in a tab, in ms. */
  timeoutMs: number;
  /** The page's address on the loopback server. */
  url(sitePath: string): string;
  /**
   * Runs `work` in a browser tab, with the time limit and one retry in a fresh tab; throws a
   * CheckTimeoutError or the last error when both attempts fail. Only for checks with needsBrowser.
   */
  withTab<T>(work: (tab: BrowserTab) => Promise<T>): Promise<T>;
}

/** How a check describes itself in the accessibility statement ("how this site was tested"). */
export interface CheckDescription {
  name: string;
  /** "pa11y 9.1.1 with axe-core 4.11.4" */
  tool: string;
  /** "for the WCAG 2.2 AA success criteria that can be tested automatically …" */
  purpose: string;
}

/** What the accessibility statement says about a run of the gate. */
export interface GateStatement {
  /** The day the check ran, "2026-11-30" (the earliest shard's day when merged). */
  date: string;
  standard: string;
  tools: CheckDescription[];
  /** Pages and PDFs checked, and whether all passed. */
  pages: number;
  pdfs: number;
  passed: boolean;
}

/** One check module: the runner schedules it over every page of the kinds it applies to. */
export interface PageCheck {
  name: string;
  /** Versions of the tools behind it; with `settings`, part of the cache key of every page. */
  version: string;
  settings?: unknown;
  appliesTo: readonly PageKind[];
  /** Needs a browser tab (context.withTab); skipped, loudly, where there is no browser. */
  needsBrowser?: boolean;
  /**
   * False for checks whose result depends on other pages (a link breaks when its target goes):
   * they run on every page every time, cache or not. Default true.
   */
  cacheable?: boolean;
  describe(): CheckDescription;
  check(page: PageToCheck, context: CheckContext): Promise<Finding[]>;
  /**
   * Called once every page of the run that the check applies to has been checked: it lets go of
   * what it holds (a worker thread and its memory) while the browser checks go on. A later
   * check() starts again.
   */
  finished?(): Promise<void>;
}

export type Verdict = 'passed' | 'failed' | 'cached' | 'skipped';

export interface PageResult {
  page: string;
  file: string;
  kind: 'html' | 'pdf';
  source?: string;
  verdict: Verdict;
  /** Checked in this run (false: passed before and unchanged). */
  checked: boolean;
  failures: number;
  /** Attempts in a browser tab (2 after a retry). */
  attempts?: number;
  /** Time the browser checks took on the page, including a retry. */
  browserMs?: number;
}

export interface GateResult {
  ok: boolean;
  siteDir: string;
  pathPrefix: string;
  startedAt: string;
  finishedAt: string;
  pages: PageResult[];
  failures: Finding[];
  /** Warnings printed on the way (a browser check skipped, a retry); they do not fail the gate. */
  warnings: Finding[];
  counts: {
    pages: number;
    pdfs: number;
    checked: number;
    cached: number;
    failedPages: number;
    failures: number;
    byCheck: Record<string, number>;
  };
  /** Wall time of the run, the scan, and the time each check spent (the browser's in parallel). */
  timings: { totalMs: number; scanMs: number; byCheck: Record<string, number> };
  /** "Chrome/156.0.8078.79 (/usr/bin/chromium)" when a browser ran. */
  browser?: string;
  /** Set when the browser checks did not run because no browser was found and one was not required. */
  pa11ySkipped?: string;
  concurrency: number;
  /** Every check's name and version. */
  tools: Record<string, string>;
  /** Set when this run checked one shard of the site (npm run check -- --shard 2/3): which, and how many pages and PDFs it checked. */
  shard?: { index: number; count: number; pages: number };
  /** Set on a merged report: the shard reports it was made from. */
  mergedFrom?: string[];
  /** How the site was tested, for the accessibility statement: the same for one run and for merged shards. */
  statement: GateStatement;
  reportPath?: string;
}
