/** The part of pa11y 9's API the gate uses (pa11y ships no types). */
declare module 'pa11y' {
  import type { Browser, Page } from 'puppeteer';

  export interface Pa11yIssue {
    code: string;
    type: 'error' | 'warning' | 'notice';
    typeCode: number;
    message: string;
    context: string;
    selector: string;
    runner: string;
    runnerExtras?: Record<string, unknown>;
  }

  export interface Pa11yResults {
    documentTitle: string;
    pageUrl: string;
    issues: Pa11yIssue[];
  }

  export interface Pa11yOptions {
    browser?: Browser;
    page?: Page;
    ignoreUrl?: boolean;
    runners?: string[];
    standard?: 'WCAG2A' | 'WCAG2AA' | 'WCAG2AAA';
    includeWarnings?: boolean;
    includeNotices?: boolean;
    ignore?: string[];
    rules?: string[];
    timeout?: number;
    wait?: number;
    levelCapWhenNeedsReview?: 'error' | 'warning' | 'notice';
    viewport?: { width: number; height: number };
    log?: { debug(message: string): void; error(message: string): void; info(message: string): void };
  }

  function pa11y(url: string, options?: Pa11yOptions): Promise<Pa11yResults>;
  export default pa11y;
}
