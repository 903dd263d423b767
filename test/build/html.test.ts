/**
 * The HTML stage from any current folder: every path handed to Eleventy is absolute. The stage
 * runs under tsx in a child process, which moves to a temporary folder after loading the notices
 * (a process's current folder cannot be changed in a test worker).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { mainText } from '../helpers/html.js';
import { makeProject, noticeYaml, REPO_ROOT } from '../helpers/project.js';

const run = promisify(execFile);
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

const from = (file: string) => JSON.stringify(pathToFileURL(path.join(REPO_ROOT, file)).href);

/**
 * Runs `body` under tsx in a child process, with renderHtml, pageData and loadSite imported;
 * returns its last line of output.
 */
async function renderInChild(folder: string, body: string, cwd = REPO_ROOT): Promise<string> {
  const script = path.join(folder, 'render.mts');
  await writeFile(
    script,
    `import { renderHtml } from ${from('src/build/html.ts')};
import { pageData } from ${from('src/html/view.ts')};
import { loadSite } from ${from('src/load/load-site.ts')};
${body}`,
  );
  const { stdout } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [script], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
  return stdout.trim().split('\n').pop()!;
}

describe('renderHtml', () => {
  it('builds the site when the current folder is not the project folder', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'html-cwd-'));
    const outDir = path.join(elsewhere, 'out');
    made.push(elsewhere);
    const line = await renderInChild(
      elsewhere,
      `const root = ${JSON.stringify(REPO_ROOT)};
const loaded = await loadSite(root);
if (!loaded.site) throw new Error('content does not load');
const data = pageData(loaded.site, {}, {});
// Loading still resolves easy-read pictures from the current folder; the HTML stage must not need it.
process.chdir(${JSON.stringify(elsewhere)});
const pages = await renderHtml(root, ${JSON.stringify(outDir)}, data);
console.log(JSON.stringify({ pages, titles: data.views.map((v) => [v.id, v.title.plain]), pictures: data.pictures.map((p) => p.url) }));
`,
    );
    const result = JSON.parse(line) as { pages: number; titles: [string, string][]; pictures: string[] };
    expect(result.pages).toBeGreaterThan(result.titles.length);
    expect(existsSync(path.join(elsewhere, '_site'))).toBe(false);
    expect(existsSync(path.join(outDir, 'assets', 'site.css'))).toBe(true);
    for (const [id, title] of result.titles) expect(mainText(await readFile(path.join(outDir, id, 'index.html'), 'utf8'))).toContain(title);
    expect(result.pictures.length).toBeGreaterThan(0);
    for (const url of result.pictures) expect(existsSync(path.join(outDir, ...url.split('/').filter(Boolean))), url).toBe(true);
  });

  it('draws a large site in several Eleventy runs, each page once, and the same pages as one run', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'html-runs-'));
    made.push(elsewhere);
    const line = await renderInChild(
      elsewhere,
      `const root = ${JSON.stringify(REPO_ROOT)};
const loaded = await loadSite(root);
const data = pageData(loaded.site, {}, {});
const written = [];
const one = await renderHtml(root, ${JSON.stringify(path.join(elsewhere, 'one'))}, data, { cacheRoot: ${JSON.stringify(path.join(elsewhere, 'cache-one'))}, noticesPerRun: 100 });
const several = await renderHtml(root, ${JSON.stringify(path.join(elsewhere, 'several'))}, data, { cacheRoot: ${JSON.stringify(path.join(elsewhere, 'cache-several'))}, noticesPerRun: 2, progress: (label, total) => ({ advance: () => written.push(label), finish() {} }) });
console.log(JSON.stringify({ one, several, advanced: written.length }));
`,
    );
    const result = JSON.parse(line) as { one: number; several: number; advanced: number };
    // Each page is written once: the listing pages are not drawn again in every run.
    expect(result.several).toBe(result.one);
    expect(result.advanced).toBeGreaterThanOrEqual(result.one);
    const files = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html') || f.endsWith('.xml')).sort();
    const oneFiles = await files(path.join(elsewhere, 'one'));
    expect(await files(path.join(elsewhere, 'several'))).toEqual(oneFiles);
    for (const file of oneFiles) expect(await readFile(path.join(elsewhere, 'several', file), 'utf8'), file).toBe(await readFile(path.join(elsewhere, 'one', file), 'utf8'));
  });

  it('draws the pages of the notices that changed first (startHtml), before any other page is looked up, and then the same site as in one go', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'html-first-'));
    made.push(elsewhere);
    const line = await renderInChild(
      elsewhere,
      `import { existsSync } from 'node:fs';
import { startHtml } from ${from('src/build/html.ts')};
import { startLinker } from ${from('src/files/linker.ts')};
const root = ${JSON.stringify(REPO_ROOT)};
const loaded = await loadSite(root);
const data = pageData(loaded.site, {}, {});
const [changed, ...others] = data.notices;
const out = ${JSON.stringify(path.join(elsewhere, 'first'))};
const cacheRoot = ${JSON.stringify(path.join(elsewhere, 'cache'))};
// Once with the changed notice's page as it was, so that the second render finds every page kept but that one.
const before = { ...data, views: data.views.map((view) => (view.id === changed.id ? { ...view, revision: 'before' } : view)) };
await renderHtml(root, ${JSON.stringify(path.join(elsewhere, 'warm'))}, before, { cacheRoot });
await renderHtml(root, ${JSON.stringify(path.join(elsewhere, 'whole'))}, data, { cacheRoot: ${JSON.stringify(path.join(elsewhere, 'cache-whole'))} });
const given = [];
const linker = startLinker();
const drawn = [];
const html = await startHtml(root, out, data, { cacheRoot, linker, first: new Set([changed.id]), onNoticePage: (page, html) => given.push(page), onCache: (counts) => drawn.push(...counts.madeFor) });
await linker.settled();
const atFirst = { given: [...given], changed: existsSync(out + changed.url + 'index.html'), others: others.filter((notice) => existsSync(out + notice.url + 'index.html')).length };
const pages = await html.finish();
await linker.settled();
await linker.close();
console.log(JSON.stringify({ atFirst, given, pages, drawn, changed: changed.url, notices: data.notices.length }));
`,
    );
    const result = JSON.parse(line) as { atFirst: { given: string[]; changed: boolean; others: number }; given: string[]; pages: number; drawn: string[]; changed: string; notices: number };
    const changedPage = `${result.changed.replace(/^\//, '')}index.html`;
    expect(result.atFirst).toEqual({ given: [changedPage], changed: true, others: 0 });
    // Only the changed notice's page was drawn; every other page came from the cache.
    expect(result.drawn).toEqual([result.changed]);
    expect(result.given.sort()).toHaveLength(result.notices);
    const files = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html') || f.endsWith('.xml')).sort();
    const whole = await files(path.join(elsewhere, 'whole'));
    expect(await files(path.join(elsewhere, 'first'))).toEqual(whole);
    for (const file of whole) expect(await readFile(path.join(elsewhere, 'first', file), 'utf8'), file).toBe(await readFile(path.join(elsewhere, 'whole', file), 'utf8'));
  });

  it('escapes a title once in the page title and description, whatever characters it has', async () => {
    const project = await makeProject(
      { 'content/a.yaml': noticeYaml('notice-a').replace('title: How we use your information', `title: "Fostering & adoption: children's <services>"`) },
      { withLayouts: true },
    );
    made.push(project.root);
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(project.root, 'node_modules'));
    await renderInChild(
      project.root,
      `const root = ${JSON.stringify(project.root)};
const loaded = await loadSite({ root, today: new Date('2026-06-01') });
if (!loaded.site) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
await renderHtml(root, ${JSON.stringify(path.join(project.root, 'out'))}, pageData(loaded.site, {}, {}));
`,
      project.root,
    );
    for (const page of ['notice-a/index.html', 'notice-a/history/index.html']) {
      const html = await readFile(path.join(project.root, 'out', page), 'utf8');
      const title = /<title>([^<]*)<\/title>/.exec(html)![1]!;
      expect(title, page).toContain('Fostering &amp; adoption: children&#39;s &lt;services&gt;');
      expect(html, page).not.toMatch(/&amp;(amp|lt|gt|#39);/);
    }
  });
});
