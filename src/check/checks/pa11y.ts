/**
 * pa11y (the engine pa11y-ci runs) with both its runners, axe and HTML_CodeSniffer, at WCAG 2.2 AA,
 * on every HTML page, loaded over http from 127.0.0.1 so stylesheets load and colour contrast is
 * really measured. It gets its tab from the runner's shared browser (context.withTab).
 */
import { createRequire } from 'node:module';
import type { Pa11yIssue, Pa11yOptions } from 'pa11y';
import { finding } from '../finding.js';
import { fixFor } from '../fixes.js';
import type { BrowserTab, CheckContext, Finding, PageCheck, PageToCheck } from '../types.js';

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
  // axe-core and HTML_CodeSniffer are resolved the way pa11y resolves them.
  const fromPa11y = createRequire(require.resolve('pa11y'));
  return {
    pa11y: version(require, 'pa11y'),
    'axe-core': version(fromPa11y, 'axe-core'),
    html_codesniffer: version(fromPa11y, '@pa11y/html_codesniffer'),
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

/** Loads the page in the tab and runs both runners on it. A page that does not load with HTTP 200 is an error, not a pass. */
async function auditPage({ browser, page }: BrowserTab, url: string, timeoutMs: number): Promise<A11yIssue[]> {
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
      tool: `pa11y ${versions.pa11y} (axe-core ${versions['axe-core']} and HTML_CodeSniffer ${versions.html_codesniffer})`,
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
