/**
 * Search and machine-readable notices on the default site, built for real: every published
 * notice.json and notices.json match their published JSON Schemas (ajv), each notice page links to
 * its JSON, the search page lists every notice without JavaScript, and in a real browser typing
 * "retention" or an organisation's name into the search box shows the right notices.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load } from 'cheerio';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/check/browser.js';
import { findBrowser, serveSite, type SiteServer } from '../../src/check/index.js';
import { REPO_ROOT } from '../helpers/project.js';

const run = promisify(execFile);
let project: string;
let site: string;
let server: SiteServer;
let browser: Browser;

const read = (file: string) => readFile(path.join(site, file), 'utf8');
const schema = async (file: string) => JSON.parse(await readFile(path.join(REPO_ROOT, 'schema', file), 'utf8')) as object;

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'notices-search-'));
  for (const item of ['content', 'data', 'layouts', 'src', 'scripts', 'schema', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO_ROOT, item), path.join(project, item), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(project, 'node_modules'));
  await run(path.join(project, 'node_modules/.bin/tsx'), ['scripts/build.ts', '--no-check'], { cwd: project, env: { ...process.env, FORCE_COLOR: '0' } });
  site = path.join(project, '_site');
  server = await serveSite(site);
  const found = findBrowser({ env: process.env });
  browser = await launchBrowser({ ...found, noSandbox: process.getuid?.() === 0 || process.env.CI === 'true' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('machine-readable notices', () => {
  it('publishes notices.json and every notice.json, each valid against its JSON Schema', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validateList = ajv.compile(await schema('notices-json.schema.json'));
    const validateNotice = ajv.compile(await schema('notice-json.schema.json'));
    const list = JSON.parse(await read('notices.json')) as { notices: { id: string; json: string; html: string }[] };
    expect(validateList(list), JSON.stringify(validateList.errors)).toBe(true);
    expect(list.notices.map((n) => n.id).sort()).toEqual([
      'children-in-need-model-notice',
      'hampshire-children-in-need-dpa-1998',
      'kent-children-in-need-dpa-1998',
      'kent-childrens-social-care',
      'kent-early-help',
    ]);
    for (const entry of list.notices) {
      const notice = JSON.parse(await read(`${entry.id}/notice.json`)) as Record<string, unknown>;
      expect(validateNotice(notice), `${entry.id}: ${JSON.stringify(validateNotice.errors)}`).toBe(true);
      expect(entry.json).toMatch(new RegExp(`/${entry.id}/notice\\.json$`));
      expect((notice.links as { html: string }).html).toBe(entry.html);
    }
    expect(validateNotice({ format: 'uk-privacy-notice/1', id: 'x' })).toBe(false);
  });

  it('says what the page says: sections, items covered, contacts, dates, law and PDFs', async () => {
    const notice = JSON.parse(await read('kent-childrens-social-care/notice.json'));
    const html = await read('kent-childrens-social-care/index.html');
    expect(load(html)('main h1').text().trim()).toBe(notice.title);
    expect(notice.status).toBe('published');
    expect(notice.law).toBe('uk-gdpr');
    expect(notice.dates.lastUpdated).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    expect(notice.covers.map((c: { id: string }) => c.id)).toContain('retention');
    expect(notice.contacts.length).toBeGreaterThan(0);
    expect(notice.links.pdf.url).toMatch(/\.pdf$/);
    for (const section of notice.sections) expect(html).toContain(`id="${section.id}"`);
    const old = JSON.parse(await read('hampshire-children-in-need-dpa-1998/notice.json'));
    expect(old.law).toBe('dpa-1998');
    expect(old.lawNote).toMatch(/Data Protection Act 1998/);
  });

  it('links each notice page to its JSON, and the home page to the list', async () => {
    expect(await read('kent-early-help/index.html')).toMatch(/<link rel="alternate" type="application\/json" href="\/kent-early-help\/notice\.json"/);
    expect(await read('index.html')).toMatch(/<link rel="alternate" type="application\/json" href="\/notices\.json"/);
  });
});

describe('search', () => {
  it('every page has a search form that goes to the search page, which lists every notice without JavaScript', async () => {
    for (const file of ['index.html', 'kent-early-help/index.html', 'accessibility/index.html']) {
      const html = await read(file);
      expect(html, file).toMatch(/<form class="site-search" role="search" action="\/search\/" method="get">/);
      expect(html, file).toMatch(/<label class="site-search__label" for="site-search">Search notices<\/label>/);
    }
    const page = await read('search/index.html');
    for (const id of ['kent-early-help', 'kent-childrens-social-care', 'hampshire-children-in-need-dpa-1998']) expect(page).toContain(`href="/${id}/"`);
  });

  async function searchFor(tab: Page, words: string): Promise<{ status: string; links: string[] }> {
    await tab.goto(server.url('/'), { waitUntil: 'load' });
    await tab.type('#site-search', words);
    await Promise.all([tab.waitForNavigation({ waitUntil: 'load' }), tab.click('.site-search__button')]);
    await tab.waitForFunction(() => /found/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), { timeout: 20_000 });
    return tab.evaluate(() => ({
      status: document.querySelector('[data-search-status]')!.textContent ?? '',
      links: [...document.querySelectorAll('[data-search-list] a')].map((a) => new URL((a as HTMLAnchorElement).href).pathname),
    }));
  }

  it('in a browser, typing "retention" into the header search box shows the notices that talk about it', async () => {
    const tab = await browser.newPage();
    try {
      const { status, links } = await searchFor(tab, 'retention');
      expect(status).toMatch(/^\d+ notices? found for ‘retention’\.$/);
      expect(links).toContain('/kent-childrens-social-care/');
      expect(new URL(tab.url()).searchParams.get('q')).toBe('retention');
      expect(await tab.$eval('#search-query', (i) => (i as HTMLInputElement).value)).toBe('retention');
    } finally {
      await tab.close();
    }
  }, 60_000);

  it("in a browser, an organisation's name finds its notices, and a search again on the page works", async () => {
    const tab = await browser.newPage();
    try {
      const { links } = await searchFor(tab, 'Hampshire');
      expect(links).toContain('/hampshire-children-in-need-dpa-1998/');
      await tab.$eval('#search-query', (i) => ((i as HTMLInputElement).value = ''));
      await tab.type('#search-query', 'zzzzqqqq');
      await tab.click('.search-form__button');
      await tab.waitForFunction(() => /No notices found/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), { timeout: 20_000 });
    } finally {
      await tab.close();
    }
  }, 60_000);
});

describe('search on a site whose index comes in parts', () => {
  let parts: string;
  let partsServer: SiteServer;

  beforeAll(async () => {
    // The default notices, indexed two pages to a part: three parts, each found by its own search.
    parts = await mkdtemp(path.join(os.tmpdir(), 'notices-search-parts-'));
    for (const item of ['content', 'data', 'layouts', '.eleventy.js', 'package.json', 'tsconfig.json']) await cp(path.join(REPO_ROOT, item), path.join(parts, item), { recursive: true });
    for (const item of ['src', 'node_modules']) await symlink(path.join(REPO_ROOT, item), path.join(parts, item));
    await writeFile(
      path.join(parts, 'build-parts.mts'),
      `import { build } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src/build/build.ts')).href)};
const result = await build({ root: ${JSON.stringify(parts)}, check: false, log: () => {}, progress: false, searchPagesPerIndex: 2 });
console.log(JSON.stringify({ ok: result.ok, failure: result.failure, search: result.cache?.search }));
`,
    );
    const { stdout } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['build-parts.mts'], { cwd: parts, env: { ...process.env, FORCE_COLOR: '0' } });
    const outcome = JSON.parse(stdout.trim().split('\n').pop()!) as { ok: boolean; failure?: string; search: { made: number } };
    expect(outcome.ok, outcome.failure).toBe(true);
    expect(outcome.search.made).toBe(3);
    partsServer = await serveSite(path.join(parts, '_site'));
  }, 180_000);

  afterAll(async () => {
    await partsServer?.close();
    if (parts) await rm(parts, { recursive: true, force: true });
  });

  it('lists the other parts for the search page', async () => {
    const listed = JSON.parse(await readFile(path.join(parts, '_site', 'pagefind', 'parts.json'), 'utf8')) as { parts: string[] };
    expect(listed.parts).toEqual(['../pagefind-2/', '../pagefind-3/']);
  });

  it('in a browser, finds notices in every part', async () => {
    const tab = await browser.newPage();
    try {
      const found = async (words: string) => {
        await tab.goto(partsServer.url(`/search/?q=${encodeURIComponent(words)}`), { waitUntil: 'load' });
        await tab.waitForFunction(() => /found/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), { timeout: 20_000 });
        return tab.evaluate(() => [...document.querySelectorAll('[data-search-list] a')].map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      };
      expect(await found('Hampshire')).toContain('/hampshire-children-in-need-dpa-1998/');
      expect(await found('retention')).toContain('/kent-childrens-social-care/');
      expect(await found('early help')).toContain('/kent-early-help/');
    } finally {
      await tab.close();
    }
  }, 60_000);
});
