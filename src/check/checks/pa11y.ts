/**
 * pa11y (the engine pa11y-ci runs) with axe-core at WCAG 2.2 AA, on every HTML page, loaded over
 * http from 127.0.0.1 so stylesheets load and colour contrast is really measured. It gets its tab
 * from the runner's shared browser (context.withTab): one navigation and one pa11y pass a page.
 *
 * Why axe alone, and not also pa11y's other runner, HTML_CodeSniffer (measured with
 * `npm run check:engines -- --fixtures`, November 2026, Chromium 156, axe-core 4.11.4, HTML_CodeSniffer
 * 2.6): on the default site's 16 pages neither runner finds anything. On 27 test pages, 24 of them
 * with one injected mistake each (scripts/check-engines/fixture-site.ts, and 18 more in scripts/check-engines.ts:
 * unlabelled inputs, empty links and buttons, tables without headers, duplicate ids, bad ARIA, …)
 * HTML_CodeSniffer reported 14 problems on 13 pages, and every one of them is also caught by axe or
 * by html-validate (duplicate id: no-dup-id; radio group without a submit button: wcag/h32; <th>
 * without scope: wcag/h63; meta refresh: meta-refresh). axe found 6 problems HTML_CodeSniffer
 * missed (target size, aria-hidden focus, invalid lang, bad role, list structure, tabindex). axe took
 * 542–793 ms a page (with pa11y's own work); HTML_CodeSniffer cost 78–102 ms a page and a second pa11y pass (scripts injected again, viewport set again) for no
 * finding of its own, so the gate no longer runs it. Run the measurement again before adding it back.
 */
import { createRequire } from 'node:module';
import type { Pa11yIssue, Pa11yOptions } from 'pa11y';
import { finding } from '../finding.js';
import { fixFor } from '../fixes.js';
import type { BrowserTab, CheckContext, Finding, PageCheck, PageToCheck } from '../types.js';

const require = createRequire(import.meta.url);

/** What pa11y checks and how: part of the result cache's key, so changing any of it re-checks every page. */
export const PA11Y_SETTINGS = {
  runners: ['axe'],
  standard: 'WCAG2AA' as const,
  /**
   * pa11y's axe runner selects rules by the tags wcag2a/wcag21a/wcag2aa/wcag21aa/best-practice, which
   * leaves out axe's WCAG 2.2 AA rule (2.5.8 Target Size (Minimum)): switch it on by name.
   */
  axeRules: ['target-size'],
  /**
   * Reported as a warning, but a skipped heading level breaks the page's outline for screen-reader
   * users (WCAG 1.3.1 Info and Relationships), and our layouts never need one: fail on it.
   */
  promote: ['heading-order'],
  viewport: { width: 1280, height: 1024 },
};

export interface A11yIssue {
  runner: string;
  code: string;
  message: string;
  selector: string;
  context: string;
  /** axe's help page, when the runner gives one. */
  helpUrl?: string;
}

export function pa11yVersions(): Record<string, string> {
  const version = (from: NodeJS.Require, name: string) => {
    try {
      return (from(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  // axe-core is resolved the way pa11y resolves it.
  const fromPa11y = createRequire(require.resolve('pa11y'));
  return {
    pa11y: version(require, 'pa11y'),
    'axe-core': version(fromPa11y, 'axe-core'),
    puppeteer: version(require, 'puppeteer'),
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

/** Loads the page in the tab and runs axe on it, once. A page that does not load with HTTP 200 is an error, not a pass. */
async function auditPage({ browser, page }: BrowserTab, url: string, timeoutMs: number): Promise<A11yIssue[]> {
  // Navigate here rather than in pa11y: our pages are static, so the load event (stylesheets,
  // images) plus the fonts being ready is enough; pa11y's networkidle2 waits an extra 500 ms a page.
  const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  if (!response) throw new Error('the page did not load');
  if (response.status() !== 200) throw new Error(`the page did not load: HTTP ${response.status()}`);
  await page.evaluate('document.fonts.ready.then(() => true)');
  const { default: pa11y } = await import('pa11y');
  const options: Pa11yOptions = {
    browser,
    page,
    ignoreUrl: true,
    runners: PA11Y_SETTINGS.runners,
    rules: PA11Y_SETTINGS.axeRules,
    standard: PA11Y_SETTINGS.standard,
    includeWarnings: true,
    timeout: timeoutMs,
    viewport: PA11Y_SETTINGS.viewport,
  };
  const results = await pa11y(url, options);
  return results.issues.filter(keepIssue).map(toIssue);
}

export function pa11yCheck(): PageCheck {
  const versions = pa11yVersions();
  return {
    name: 'pa11y',
    version: JSON.stringify(versions),
    settings: PA11Y_SETTINGS,
    appliesTo: ['html'],
    needsBrowser: true,
    describe: () => ({
      name: 'pa11y',
      tool: `pa11y ${versions.pa11y} with axe-core ${versions['axe-core']}`,
      purpose: 'for the WCAG 2.2 AA success criteria that can be tested automatically, in a headless Chromium with each page’s own styles, so colour contrast was measured',
    }),
    async check(item: PageToCheck, context: CheckContext): Promise<Finding[]> {
      const url = context.url(item.path);
      const issues = await context.withTab((tab) => auditPage(tab, url, context.timeoutMs));
      return issues.map((issue) =>
        finding(
          'accessibility-rule-failed',
          { page: item.path, runner: issue.runner, rule: issue.code, detail: issue.message, fix: fixFor(issue.code, issue.helpUrl) },
          { check: 'pa11y', page: item.path, source: item.source, rule: issue.code, runner: issue.runner, element: issue.selector, context: issue.context, helpUrl: issue.helpUrl },
        ),
      );
    },
  };
}
