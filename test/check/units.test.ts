/** The gate's parts that need no browser: discovery, server, links, html-validate settings, PDFs, statement, summary. */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findBrowser } from '../../src/check/browser.js';
import { runGate, accessibilityStatement, describeGateChecks } from '../../src/check/index.js';
import { validateHtml } from '../../src/check/checks/html-validate.js';
import { checkLinks, resolveReference } from '../../src/check/checks/links.js';
import { checkPdf, notEmbeddedFontsFromObjects, pdfReader } from '../../src/check/checks/pdf.js';
import type { PageCheck } from '../../src/check/types.js';
import { serveSite } from '../../src/check/serve.js';
import { scanSite, sitePathOf } from '../../src/check/site.js';
import { isCode } from '../../src/diagnostics/catalogue.js';
import { findContactPoint, loadSite } from '../../src/load/load-site.js';
import { goodPages, makePdf, page, tempDir, writeSite } from '../../scripts/check-engines/fixture-site.js';

const dirs: string[] = [];
async function site(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir('unit');
  dirs.push(dir);
  await writeSite(dir, files);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('finding a browser', () => {
  it('uses PUPPETEER_EXECUTABLE_PATH first', () => {
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: process.execPath }, debianPath: '/nonexistent' })).toEqual({ executablePath: process.execPath, source: 'PUPPETEER_EXECUTABLE_PATH' });
  });
  it('a PUPPETEER_EXECUTABLE_PATH with nothing there is an error, not a reason to use another browser', () => {
    expect(() => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, debianPath: process.execPath })).toThrow(/PUPPETEER_EXECUTABLE_PATH is set to \/nonexistent\/chrome/);
  });
  it("then Debian's chromium, then puppeteer's own browser", () => {
    expect(findBrowser({ env: {}, debianPath: process.execPath }).source).toBe('Debian chromium');
    expect(findBrowser({ env: {}, debianPath: '/nonexistent', puppeteerPath: () => process.execPath }).source).toBe('puppeteer');
  });
  it('with none, says how to install one', () => {
    let error: unknown;
    try {
      findBrowser({ env: {}, debianPath: '/nonexistent', puppeteerPath: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect((error as Error).message).toMatch(/apt-get install -y chromium/);
    expect((error as Error).message).toMatch(/npx puppeteer browsers install chrome/);
  });
});

describe('the loopback server', () => {
  it.each([false, true])('serves the site under its path prefix, on 127.0.0.1 only (fixed site: %s)', async (fixedSite) => {
    const dir = await site({ ...goodPages('/notices/'), 'docs/tagged.pdf': await makePdf(true) });
    const server = await serveSite(dir, { pathPrefix: '/notices/', fixedSite });
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const home = await fetch(server.url('/'));
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<h1>Test site</h1>');
      const css = await fetch(server.url('/assets/site.css'));
      expect(css.headers.get('content-type')).toMatch(/text\/css/);
      // The gate's browser keeps a fixed site's files between pages; the preview's must not.
      expect(css.headers.get('cache-control')).toMatch(fixedSite ? /max-age=[1-9]/ : /no-store/);
      expect((await fetch(server.url('/missing/'))).status).toBe(404);
      expect((await fetch(`${server.origin}/good/`)).status).toBe(404); // outside the prefix
      const redirect = await fetch(`${server.origin}/notices/good`, { redirect: 'manual' });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/notices/good/');
      expect((await fetch(`${server.origin}/notices/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
      const pdf = await fetch(server.url('/docs/tagged.pdf'));
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
    } finally {
      await server.close();
    }
  });
});

describe('the link check', () => {
  it('resolves links under a path prefix', async () => {
    const files = { files: new Set(['index.html', 'a/index.html', 'doc.pdf']), dirs: new Set(['', 'a']) };
    expect(resolveReference(files, '/notices/a/#x', '/', '/notices/')).toEqual({ kind: 'internal', pathname: '/a/', file: 'a/index.html', fragment: 'x' });
    expect(resolveReference(files, '../doc.pdf', '/a/', '/notices/')).toMatchObject({ kind: 'internal', file: 'doc.pdf' });
    expect(resolveReference(files, '/a/', '/', '/notices/')).toEqual({ kind: 'outside', pathname: '/a/' });
    expect(resolveReference(files, 'https://www.gov.uk/', '/', '/notices/')).toEqual({ kind: 'external' });
    expect(sitePathOf('a/index.html')).toBe('/a/');
    expect(sitePathOf('404.html')).toBe('/404.html');
  });

  it('finds broken links, missing anchors, missing PDFs and files, and links outside the prefix', async () => {
    const dir = await site({
      ...goodPages('/notices/'),
      'bad/index.html': page(
        'Bad links',
        `    <h1>Bad links</h1>
    <p><a href="/notices/nowhere/">Nowhere</a> <a href="/notices/good/#no-such-section">Missing section</a>
    <a href="/notices/docs/missing.pdf">Missing PDF</a> <a href="/good/">Forgot the prefix</a>
    <a href="mailto:someone@example.org">Email</a> <a href="https://www.gov.uk/missing">Another site</a></p>
    <img src="/notices/assets/missing.png" alt="A picture">`,
        '/notices/',
      ),
      'assets/site.css': "@font-face { font-family: X; src: url('fonts/missing.woff2'); }",
      'docs/tagged.pdf': 'not checked here',
    });
    const problems = checkLinks(await scanSite(dir), '/notices/');
    expect(problems.map((p) => `${p.page} ${p.rule} ${p.element}`)).toEqual([
      '/bad/ broken-link <a href="/notices/nowhere/"> ("Nowhere")',
      '/bad/ missing-anchor <a href="/notices/good/#no-such-section"> ("Missing section")',
      '/bad/ missing-file <a href="/notices/docs/missing.pdf"> ("Missing PDF")',
      '/bad/ outside-site <a href="/good/"> ("Forgot the prefix")',
      '/bad/ missing-file <img src="/notices/assets/missing.png">',
      '/assets/site.css missing-file url(fonts/missing.woff2)',
    ]);
    expect(problems[0]!.line).toBe(20);
    expect(problems[2]!.message).toMatch(/links to the PDF \/notices\/docs\/missing\.pdf, which does not exist/);
    expect(problems.map((p) => p.code)).toEqual(['broken-link', 'missing-anchor', 'missing-pdf', 'link-outside-site', 'missing-file', 'missing-file']);
    for (const p of problems) expect(isCode(p.code), p.code).toBe(true);
  });
});

describe('html-validate settings', () => {
  const doc = (body: string) => `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>T</title></head><body><main>${body}</main></body></html>`;
  it('fails skipped heading levels and images without alt text', async () => {
    expect((await validateHtml(doc('<h1>A</h1><h3>B</h3>'), 'x.html')).map((m) => m.rule)).toEqual(['heading-level']);
    expect((await validateHtml(doc('<h1>A</h1><img src="a.png">'), 'x.html')).map((m) => m.rule)).toEqual(['wcag/h37']);
  });
  it('allows the deliberate patterns our layouts use, and nothing more', async () => {
    const ok = doc(
      '<h1>A</h1><ul role="list"><li>x</li></ul><div role="region" aria-label="Table" tabindex="0"><table><caption>C</caption><thead><tr><th scope="col">H</th></tr></thead><tbody><tr><td>D</td></tr></tbody></table></div><p><a href="tel:03000414141">03000 414141</a></p>',
    );
    expect(await validateHtml(ok, 'x.html')).toEqual([]);
    expect((await validateHtml(doc('<h1>A</h1><nav role="navigation"><p>x</p></nav>'), 'x.html')).map((m) => m.rule)).toEqual(['no-redundant-role']);
  });
});

describe('PDF checks', () => {
  it('pass a tagged PDF with a title, a language and embedded fonts', async () => {
    expect(await checkPdf(await makePdf(true))).toEqual([]);
  });
  it('fail an untagged PDF on every count', async () => {
    const problems = await checkPdf(await makePdf(false));
    expect(problems.map((p) => p.rule)).toEqual(['pdf-tagged', 'pdf-title', 'pdf-language', 'pdf-fonts-embedded']);
    expect(problems.map((p) => p.code)).toEqual(['pdf-not-tagged', 'pdf-no-title', 'pdf-no-language', 'pdf-fonts-not-embedded']);
  });
  it('find fonts that are not embedded both from the font dictionaries and with pdf.js', async () => {
    const untagged = await makePdf(false);
    expect(notEmbeddedFontsFromObjects(untagged)).toEqual(['Helvetica']);
    expect(notEmbeddedFontsFromObjects(await makePdf(true))).toEqual([]);
    const viaPdfjs = await checkPdf(untagged, { fonts: 'pdfjs' });
    expect(viaPdfjs.find((p) => p.rule === 'pdf-fonts-embedded')?.message).toContain('Helvetica');
    expect(await checkPdf(await makePdf(true), { fonts: 'pdfjs' })).toEqual([]);
  });
  it('fail a file that is not a PDF', async () => {
    expect((await checkPdf(Buffer.from('<html>not a pdf</html>'))).map((p) => p.rule)).toEqual(['pdf-unreadable']);
  });
  it("share the run's reader, which starts again after it was closed", async () => {
    const reader = pdfReader();
    try {
      expect(await checkPdf(await makePdf(true), { reader })).toEqual([]);
      await reader.close();
      expect((await checkPdf(await makePdf(false), { reader })).map((p) => p.rule)).toContain('pdf-tagged');
    } finally {
      await reader.close();
    }
  });
});

describe('without a browser', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await site({ ...goodPages(), 'docs/tagged.pdf': await makePdf(true) });
  });
  it('fails with how to install one, while still running the other checks', async () => {
    await writeFile(path.join(dir, 'broken.html'), page('Broken', '<h1>Broken</h1><p><a href="/nope/">x</a></p>'));
    const result = await runGate({ siteDir: dir, cacheDir: path.join(dir, '.c1'), reportPath: false, env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, log: () => undefined });
    await rm(path.join(dir, 'broken.html'));
    expect(result.ok).toBe(false);
    const noBrowser = result.failures.find((f) => f.rule === 'no-browser')!;
    expect(noBrowser.code).toBe('browser-missing');
    expect(noBrowser.message).toMatch(/apt-get install -y chromium/);
    expect(result.failures.some((f) => f.check === 'links' && f.page === '/broken.html')).toBe(true);
  });
  it('with requireBrowser: false, skips pa11y loudly with a code, runs the rest, and caches no page as passed', async () => {
    const cacheDir = path.join(dir, '.c2');
    const lines: string[] = [];
    const result = await runGate({ siteDir: dir, cacheDir, reportPath: false, requireBrowser: false, env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, log: (l) => lines.push(l) });
    expect(result.ok).toBe(true);
    expect(result.pa11ySkipped).toMatch(/no browser program/);
    expect(lines.join('\n')).toMatch(/warning \[browser-checks-skipped\] pa11y did not run/);
    expect(result.pages.filter((p) => p.kind === 'html').every((p) => p.verdict === 'skipped')).toBe(true);
    expect(result.pages.find((p) => p.kind === 'pdf')!.verdict).toBe('passed');
    const again = await runGate({ siteDir: dir, cacheDir, reportPath: false, requireBrowser: false, env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, log: () => undefined });
    expect(again.pages.filter((p) => p.kind === 'html').every((p) => p.verdict === 'skipped')).toBe(true);
  });
  it("tells the checks in Node when they are done, after their last page, so their workers' memory goes", async () => {
    const calls: string[] = [];
    const spy: PageCheck = {
      name: 'spy',
      version: '1',
      appliesTo: ['html', 'pdf'],
      describe: () => ({ name: 'spy', tool: 'spy', purpose: 'test' }),
      check: async (item) => (calls.push(`check ${item.path}`), []),
      finished: async () => void calls.push('finished'),
    };
    const result = await runGate({ siteDir: dir, cacheDir: path.join(dir, '.c3'), reportPath: false, checks: [spy], log: () => undefined });
    expect(result.ok).toBe(true);
    expect(calls.filter((c) => c === 'finished').length).toBeGreaterThanOrEqual(1);
    expect(calls.indexOf('finished')).toBe(calls.length - calls.filter((c) => c === 'finished').length);
    expect(calls).toContain('check /docs/tagged.pdf');
  });
  it('fails when there is no site to check', async () => {
    const result = await runGate({ siteDir: path.join(dir, 'nope'), reportPath: false, log: () => undefined });
    expect(result.ok).toBe(false);
    expect(result.failures[0]).toMatchObject({ code: 'no-site', fix: 'Run npm run build first.' });
  });
});

describe('the accessibility statement data', () => {
  it("resolves the contact point from the site's organisations, as the loader does, and describes this build's checks", async () => {
    const { site: loaded } = await loadSite(process.cwd());
    expect(loaded?.accessibility).toBeDefined();
    expect(accessibilityStatement(loaded!, undefined)!.test).toBeUndefined();

    const view = accessibilityStatement(loaded!, { date: new Date('2026-11-22T10:00:00Z'), checks: describeGateChecks() })!;
    expect(view.contact).toEqual(findContactPoint(loaded!.accessibility!.contact, loaded!.organisations));
    expect(view.contact.ref).toBe(loaded!.accessibility!.contact);
    expect(view.owner.id).toBe(loaded!.owner.id);
    expect(view.test).toMatchObject({ date: { iso: '2026-11-22', day: 22 }, standard: 'WCAG 2.2 AA' });
    expect(view.test!.tools.map((t) => t.name)).toEqual(['pa11y', 'html-validate', 'links', 'pdf']);
    expect(view.test!.tools[0]!.tool).toMatch(/^pa11y \d+\.\d+\.\d+ with axe-core \d+\.\d+\.\d+$/);
  });
  it('resolves "dpo", a bare organisation and a named point from the model, as the loader does', async () => {
    const { site: loaded } = await loadSite(process.cwd());
    const kent = loaded!.organisations.get('kent-county-council')!;
    const first = Object.keys(kent.contacts ?? {})[0]!;
    expect(findContactPoint('kent-county-council', loaded!.organisations)?.ref).toBe(`kent-county-council/${first}`);
    expect(findContactPoint('kent-county-council/dpo', loaded!.organisations)?.lines).toEqual(kent.dataProtectionOfficer?.lines);
    expect(findContactPoint(`kent-county-council/${first}`, loaded!.organisations)?.organisation.id).toBe('kent-county-council');
    expect(findContactPoint('kent-county-council/no-such-point', loaded!.organisations)).toBeUndefined();
    expect(findContactPoint('no-such-organisation', loaded!.organisations)).toBeUndefined();
    expect(findContactPoint('a/b/c', loaded!.organisations)).toBeUndefined();
  });
  it('is absent when the site has no accessibility section', async () => {
    const { site: loaded } = await loadSite(process.cwd());
    expect(accessibilityStatement({ ...loaded!, accessibility: undefined }, undefined)).toBeUndefined();
  });
});

describe('the console summary', () => {
  it('names page, rule, element, problem and fix, and stays readable when every page fails', async () => {
    const { formatSummary } = await import('../../src/check/summary.js');
    const failures = Array.from({ length: 40 }, (_, i) => ({
      code: 'accessibility-rule-failed',
      severity: 'error',
      page: `/notice-${i}/`,
      source: `content/notice-${i}.yaml`,
      check: 'pa11y',
      runner: 'axe',
      rule: 'color-contrast',
      element: '#main-content > p',
      message: 'Elements must meet minimum color contrast ratio thresholds',
      fix: 'Make the text darker.',
    }));
    const result = {
      ok: false,
      failures,
      pages: failures.map((f) => ({ page: f.page, file: '', kind: 'html' as const, verdict: 'failed' as const, checked: true, failures: 1 })),
      counts: { pages: 40, pdfs: 0, checked: 40, cached: 0, failedPages: 40, failures: 40, byCheck: { pa11y: 40 } },
      timings: { totalMs: 1000 },
    } as never;
    const text = formatSummary(result).join('\n');
    expect(text).toContain('✗ /notice-0/ — 1 problem (made from content/notice-0.yaml)\n  error [accessibility-rule-failed] pa11y axe color-contrast\n    element: #main-content > p\n    problem: Elements must meet');
    expect(text).toContain('… and 10 more pages with problems');
    expect(text).not.toContain('/notice-35/');
    expect(text).toMatch(/error \[check-failed\] Accessibility check FAILED: 40 problems on 40 pages \(pa11y 40\)/);
  });
});
