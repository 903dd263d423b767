/**
 * The gate itself, end to end, with a real browser: each injected problem fails with a message that
 * names the page and the problem; pages that pass are served from the cache until they change.
 * One small site, checked a few times, keeps this under a minute on two cores.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGate, type Finding, type GateResult } from '../../src/check/index.js';
import { isCode } from '../../src/diagnostics/catalogue.js';
import { formatSummary } from '../../src/check/summary.js';
import { chromiumArgs, findBrowser, needsNoSandbox, RENDERER_PROCESS_LIMIT } from '../../src/check/browser.js';
import { TabPool } from '../../src/check/tabs.js';
import type { Page } from 'puppeteer';
import { goodPages, makePdf, page, problemPages, tempDir, writeSite } from '../../scripts/check-engines/fixture-site.js';

let root: string;
let siteDir: string;
let cacheDir: string;
let reportPath: string;
let first: GateResult;
let logged: string[] = [];

const run = (extra: Partial<Parameters<typeof runGate>[0]> = {}) => {
  logged = [];
  return runGate({ siteDir, cacheDir, reportPath, concurrency: 2, log: (line) => logged.push(line), ...extra });
};

const onPage = (result: GateResult, page: string): Finding[] => result.failures.filter((f) => f.page === page);

beforeAll(async () => {
  root = await tempDir('site');
  siteDir = path.join(root, '_site');
  cacheDir = path.join(root, 'cache');
  reportPath = path.join(root, 'reports', 'accessibility.json');
  await writeSite(siteDir, { ...goodPages(), ...problemPages(), 'docs/tagged.pdf': await makePdf(true), 'docs/untagged.pdf': await makePdf(false) });
  first = await run({ sources: { '/no-alt/': 'content/test/no-alt.yaml' } });
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the gate on a site with injected problems', () => {
  it('fails, and passes the pages that have no problem', () => {
    expect(first.ok).toBe(false);
    expect(first.browser).toMatch(/Chrom/);
    for (const good of ['/', '/good/', '/other/']) expect(onPage(first, good), good).toEqual([]);
    expect(onPage(first, '/docs/tagged.pdf')).toEqual([]);
    expect(first.counts.pages).toBe(9);
    expect(first.counts.pdfs).toBe(2);
  });

  it('every finding has a catalogue code and names its page, and its source file when known', () => {
    for (const f of first.failures) {
      expect(isCode(f.code), f.code).toBe(true);
      expect(f.page).toMatch(/^\//);
    }
    expect(onPage(first, '/no-alt/').every((f) => f.source === 'content/test/no-alt.yaml')).toBe(true);
    expect(onPage(first, '/no-alt/').find((f) => f.rule === 'image-alt')!.code).toBe('accessibility-rule-failed');
  });

  it('an image without alt text fails on its page, from axe and html-validate', () => {
    const f = onPage(first, '/no-alt/');
    expect(f.map((x) => `${x.check}:${x.runner ?? ''}:${x.rule}`)).toEqual(expect.arrayContaining(['pa11y:axe:image-alt', 'html-validate::wcag/h37']));
    const axe = f.find((x) => x.rule === 'image-alt')!;
    expect(axe.element).toContain('img');
    expect(axe.message).toMatch(/alternative text/i);
    expect(axe.fix).toMatch(/alt attribute/);
  });

  it('low-contrast text fails on its page (the stylesheet loaded over http was measured)', () => {
    const f = onPage(first, '/low-contrast/');
    expect(f.some((x) => x.runner === 'axe' && x.rule === 'color-contrast')).toBe(true);
    expect(f.find((x) => x.rule === 'color-contrast')!.element).toContain('p');
    expect(f.find((x) => x.rule === 'color-contrast')!.fix).toMatch(/4\.5:1/);
  });

  it('a skipped heading level fails on its page', () => {
    const f = onPage(first, '/skipped-heading/');
    const rules = f.map((x) => x.rule);
    expect(rules).toEqual(expect.arrayContaining(['heading-order', 'heading-level']));
    expect(f.find((x) => x.rule === 'heading-level')!.message).toMatch(/expected <h2> but got <h3>/);
  });

  it("links too small to tap fail on their page (axe's WCAG 2.2 target-size rule)", () => {
    const f = onPage(first, '/small-targets/');
    expect(f.map((x) => x.rule)).toContain('target-size');
    expect(f.find((x) => x.rule === 'target-size')!.fix).toMatch(/24 by 24/);
  });

  it('a broken internal link fails on its page, naming the link', () => {
    const f = onPage(first, '/broken-link/');
    expect(f).toHaveLength(1);
    expect(f[0]!.check).toBe('links');
    expect(f[0]!.rule).toBe('broken-link');
    expect(f[0]!.code).toBe('broken-link');
    expect(f[0]!.message).toContain('/missing-page/');
    expect(f[0]!.element).toContain('a page that does not exist');
  });

  it('an untagged PDF fails: not tagged, no title, no language, fonts not embedded', () => {
    const f = onPage(first, '/docs/untagged.pdf');
    expect(f.map((x) => x.rule).sort()).toEqual(['pdf-fonts-embedded', 'pdf-language', 'pdf-tagged', 'pdf-title']);
    expect(f.find((x) => x.rule === 'pdf-fonts-embedded')!.message).toContain('Helvetica');
    expect(onPage(first, '/untagged-pdf/')).toEqual([]); // the page linking to it is fine
  });

  it('prints a readable summary per page and writes the JSON report', async () => {
    const text = formatSummary(first).join('\n');
    expect(text).toMatch(/✗ \/no-alt\/ — \d+ problems/);
    expect(text).toContain('error [broken-link] links broken-link');
    expect(text).toContain('(made from content/test/no-alt.yaml)');
    expect(text).toContain('fix:');
    expect(text).toMatch(/error \[check-failed\] Accessibility check FAILED: \d+ problems on 5 pages and 1 PDF/);
    const report = JSON.parse(await readFile(reportPath, 'utf8')) as GateResult;
    expect(report.ok).toBe(false);
    expect(report.failures.length).toBe(first.failures.length);
    expect(report.pages.find((p) => p.page === '/no-alt/')!.verdict).toBe('failed');
  });
});

describe('the result cache', () => {
  it('serves unchanged pages that passed from the cache, checks changed ones again, and --all checks everything', async () => {
    const second = await run();
    const verdict = (r: GateResult, p: string) => r.pages.find((x) => x.page === p)!;
    for (const p of ['/', '/good/', '/other/', '/docs/tagged.pdf']) expect(verdict(second, p), p).toMatchObject({ verdict: 'cached', checked: false });
    // Failing pages are never cached: they fail again, the same way.
    expect(verdict(second, '/no-alt/')).toMatchObject({ verdict: 'failed', checked: true });
    expect(second.failures.length).toBe(first.failures.length);
    expect(logged.join('\n')).toMatch(/4 pages passed before and did not change|3 pages passed before/);

    // Change one page: only it is checked again.
    await writeFile(path.join(siteDir, 'good/index.html'), page('A good page', '    <h1>A good page</h1>\n    <p>Changed text.</p>\n    <h2 id="details">Details</h2>'));
    const third = await run();
    expect(verdict(third, '/good/')).toMatchObject({ verdict: 'passed', checked: true });
    expect(verdict(third, '/other/')).toMatchObject({ verdict: 'cached', checked: false });

    // A changed page that now fails is caught, not served from the cache.
    await writeFile(path.join(siteDir, 'other/index.html'), page('Another page', '    <h1>Another page</h1>\n    <img src="/assets/photo.png">'));
    // Changing the stylesheet re-checks every page that uses it.
    await writeFile(path.join(siteDir, 'assets/site.css'), `${await readFile(path.join(siteDir, 'assets/site.css'), 'utf8')}\np { margin: 0 0 1rem; }\n`);
    const fourth = await run();
    expect(verdict(fourth, '/other/').verdict).toBe('failed');
    expect(onPage(fourth, '/other/').some((f) => f.rule === 'image-alt')).toBe(true);
    expect(verdict(fourth, '/good/')).toMatchObject({ verdict: 'passed', checked: true });
    expect(verdict(fourth, '/docs/tagged.pdf').verdict).toBe('cached');

    const all = await run({ all: true });
    expect(all.pages.every((p) => p.checked)).toBe(true);
  }, 150_000);
});

describe('pages that cannot be checked', () => {
  it('a page that times out is retried once and then fails, never passes', async () => {
    const dir = await tempDir('hang');
    try {
      await writeSite(dir, {
        'index.html': page('Hangs', '    <h1>Hangs</h1>\n    <script>for (;;) {}</script>'),
        'assets/site.css': 'html { color: #000; }',
      });
      const result = await runGate({ siteDir: dir, cacheDir: path.join(dir, '.cache'), reportPath: false, concurrency: 1, timeoutMs: 3_000, log: () => undefined });
      expect(result.ok).toBe(false);
      const failure = result.failures.find((f) => f.code === 'check-timed-out');
      expect(failure?.page).toBe('/');
      expect(failure?.message).toMatch(/timed out after 3 s \(tried twice\)/);
      expect(result.warnings.map((w) => w.code)).toContain('check-retried');
      expect(result.pages[0]).toMatchObject({ verdict: 'failed', attempts: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the tab pool', () => {
  const chromium = () => ({ ...findBrowser({ env: process.env }), noSandbox: needsNoSandbox(process.env) });
  it('frees the memory of pages already checked every few pages, and keeps the tab', async () => {
    const pool = new TabPool(chromium(), { concurrency: 1, timeoutMs: 30_000, collectGarbageEvery: 2 });
    try {
      await pool.start();
      const heapUsedMb = async (page: Page) => ((await page.metrics()).JSHeapUsedSize ?? 0) / 2 ** 20;
      // Some tens of MB of garbage: objects the page no longer holds.
      const first = await pool.run(async ({ page }) => {
        await page.goto('data:text/html,<title>t</title><p>x</p>');
        await page.evaluate('globalThis.garbage = Array.from({ length: 1_500_000 }, (_, i) => ({ i, s: "x" + i })); delete globalThis.garbage; true');
        return { page, heap: await heapUsedMb(page) };
      });
      expect(first.heap).toBeGreaterThan(40);
      // After the second page, the tab's renderer collects.
      await pool.run(async () => undefined);
      const after = await pool.run(async ({ page }) => ({ page, heap: await heapUsedMb(page) }));
      expect(after.page).toBe(first.page);
      expect(after.heap).toBeLessThan(20);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('starts Chromium with the memory switches, and without the omnibox popup renderer', async () => {
    expect(chromiumArgs({})).toEqual(expect.arrayContaining([`--renderer-process-limit=${RENDERER_PROCESS_LIMIT}`, '--disable-dev-shm-usage', '--disable-gpu', '--disable-site-isolation-trials']));
    expect(chromiumArgs({}).find((a) => a.startsWith('--disable-features='))).toContain('WebUIOmniboxPopup');
    expect(chromiumArgs({})).not.toContain('--single-process');
    expect(chromiumArgs({ noSandbox: true })).toEqual(expect.arrayContaining(['--no-sandbox', '--no-zygote']));
    const pool = new TabPool(chromium(), { concurrency: 1, timeoutMs: 30_000 });
    try {
      await pool.start();
      const targets = await pool.run(async ({ browser, page }) => {
        await page.goto('data:text/html,<title>t</title><p>x</p>');
        const session = await browser.target().createCDPSession();
        const { targetInfos } = await session.send('Target.getTargets');
        await session.detach();
        return targetInfos.map((t) => `${t.type} ${t.url}`);
      });
      expect(targets.filter((t) => !t.startsWith('page '))).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
