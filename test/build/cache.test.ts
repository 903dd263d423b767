/**
 * The build's caches (.cache/easy-read, .cache/readability, .cache/html, .cache/pdf): a rebuild
 * makes again exactly what depends on what changed. On a copy of the project with the five real
 * notices, it changes in turn one notice, shared data (an organisation's phone number), a template
 * (an easy-read component) and a picture (one key in data/pictures.yaml), and checks which
 * easy-read checks, readability figures, pages and PDFs were made again, and that the site is the
 * same as a build without any cache. Damaged entries, and files kept as they are published (PDFs,
 * notice.json) that were changed or replaced, are made again.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.js';
import { replaceKeepingSizeAndTime } from '../helpers/cache-entries.js';

const run = promisify(execFile);
let project: string;

interface Counts {
  reused: number;
  made: number;
  madeFor: string[];
}
interface Outcome {
  ok: boolean;
  failure?: string;
  cache: { load: Counts; completeness: Counts; easyRead: Counts; readability: Counts; html: Counts; listings: Counts; views: Counts; json: Counts; search: Counts };
  pdf: { rendered: number; renderedUrls: string[]; fromCache: number };
  urls: Record<string, string>;
  /** The easy-read checks' diagnostics, as "file:line:column code". */
  easyReadDiagnostics: string[];
}

/** One build (no gate) in a child process under tsx, as npm run build runs it: a process of its own. */
async function build(expected: { ok: boolean } = { ok: true }): Promise<Outcome> {
  const script = path.join(project, 'run-build.mts');
  const { stdout } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [script], { cwd: project, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 1 << 24 });
  const outcome = JSON.parse(stdout.trim().split('\n').pop()!) as Outcome;
  expect(outcome.ok, outcome.failure ?? outcome.easyReadDiagnostics.join('\n')).toBe(expected.ok);
  return outcome;
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return out;
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(project, file);
  const text = await readFile(full, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} should contain ${from}`).not.toBe(text);
  await writeFile(full, changed);
}

let first: Outcome;
let firstSite: Record<string, string>;

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'notices-cache-'));
  for (const item of ['content', 'data', 'layouts', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO_ROOT, item), path.join(project, item), { recursive: true });
  }
  for (const item of ['src', 'node_modules']) await symlink(path.join(REPO_ROOT, item), path.join(project, item));
  await writeFile(
    path.join(project, 'run-build.mts'),
    `import { build } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src/build/build.ts')).href)};
const result = await build({ root: ${JSON.stringify(project)}, check: false, log: () => {}, today: new Date('2026-06-01') });
const urls = Object.fromEntries((result.site?.published ?? []).map((n) => [n.source, n.url]));
const easyReadDiagnostics = result.diagnostics.filter((d) => d.path.startsWith('easyRead')).map((d) => \`\${d.file}:\${d.line}:\${d.column} \${d.code}\`);
console.log(JSON.stringify({ ok: result.ok, failure: result.failure, cache: result.cache, pdf: result.pdf, urls, easyReadDiagnostics }));
`,
  );
  first = await build();
  firstSite = await snapshot(path.join(project, '_site'));
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

const sorted = (list: string[]) => [...list].sort();


describe('the build caches', () => {
  it('makes everything on the first build and nothing on an unchanged rebuild', async () => {
    const notices = Object.keys(first.urls).length;
    expect(notices).toBe(5);
    expect(first.cache.load).toMatchObject({ reused: 0, made: 5 });
    expect(first.cache.completeness).toMatchObject({ reused: 0, made: 5 });
    expect(first.cache.easyRead).toMatchObject({ reused: 0, made: 5 });
    expect(first.cache.readability).toMatchObject({ reused: 0, made: 5 });
    // Each notice's page, easy-read page and history page.
    expect(first.cache.html).toMatchObject({ reused: 0, made: 15 });
    expect(first.cache.views).toMatchObject({ reused: 0, made: 5 });
    expect(first.cache.json).toMatchObject({ reused: 0, made: 5 });
    expect(first.cache.search).toMatchObject({ reused: 0, made: 1 });
    // The listing pages: home, organisations, search, sitemap, feeds, 404.
    expect(first.cache.listings.reused).toBe(0);
    expect(first.cache.listings.made).toBeGreaterThanOrEqual(8);
    expect(first.pdf.rendered).toBe(10);

    const again = await build();
    expect(again.cache.load).toMatchObject({ reused: 5, made: 0 });
    expect(again.cache.completeness).toMatchObject({ reused: 5, made: 0 });
    expect(again.cache.easyRead).toMatchObject({ reused: 5, made: 0 });
    expect(again.cache.readability).toMatchObject({ reused: 5, made: 0 });
    expect(again.cache.html).toMatchObject({ reused: 15, made: 0 });
    expect(again.cache.views).toMatchObject({ reused: 5, made: 0 });
    expect(again.cache.json).toMatchObject({ reused: 5, made: 0 });
    expect(again.cache.search).toMatchObject({ reused: 1, made: 0 });
    expect(again.cache.listings).toMatchObject({ reused: first.cache.listings.made, made: 0 });
    expect(again.pdf.rendered).toBe(0);
    // Nothing was drawn, and the site is whole: the assets Eleventy copies, the pictures, every page.
    expect(await snapshot(path.join(project, '_site'))).toEqual(firstSite);
  });

  it("after one notice's text changed, makes again only that notice's page, PDF and figures", async () => {
    const file = 'content/kent-county-council/early-help.yaml';
    await edit(file, /(\n\s+- type: paragraph\n\s+text: )([^\n]+)/, '$1This sentence was changed for the cache test. $2');
    const after = await build();
    const url = first.urls[file]!;
    // Loading and completeness point at lines of the whole file, so any change to it makes them again.
    expect(after.cache.load.madeFor).toEqual([file]);
    expect(after.cache.completeness.madeFor).toEqual([file]);
    // The easy-read checks read only the easy read's own part of the file (and the notice's dates):
    // a sentence of the full notice changed on its line leaves them as they were.
    expect(after.cache.easyRead).toMatchObject({ reused: 5, made: 0 });
    expect(after.cache.readability.madeFor).toEqual([file]);
    expect(after.cache.html.madeFor).toEqual([url]);
    expect(after.cache.views.madeFor).toEqual([file]);
    expect(after.cache.json.madeFor).toEqual([file]);
    // The listing pages show its title, summary and dates, not its words: they are kept.
    expect(after.cache.listings.made).toBe(0);
    // Its PDFs (the PDF cache keys each PDF by the whole notice), and no other notice's.
    expect(after.pdf.renderedUrls).toContain(`${url}${url.split('/').filter(Boolean).pop()}.pdf`);
    for (const pdf of after.pdf.renderedUrls) expect(pdf.startsWith(url), pdf).toBe(true);
  });

  it("makes a notice's easy-read checks again, at the right lines, when its easy read moves, changes, or its dates change", async () => {
    const file = 'content/model-local-authority/children-in-need.yaml';
    const original = await readFile(path.join(project, file), 'utf8');
    try {
      const before = await build();
      const ofFile = (outcome: Outcome) => outcome.easyReadDiagnostics.filter((d) => d.startsWith(`${file}:`));
      // The model notice's easy read relaxes a rule, with a reason: a warning at its line.
      expect(ofFile(before).length).toBeGreaterThan(0);
      // A line added at the top moves the easy read down: checked again, every warning a line lower.
      await edit(file, /^/, '# A line added for the cache test.\n');
      const moved = await build();
      expect(moved.cache.easyRead.madeFor).toEqual([file]);
      expect(ofFile(moved)).toEqual(ofFile(before).map((d) => d.replace(/:(\d+):/, (_, line: string) => `:${Number(line) + 1}:`)));
      // A sentence of the easy read changed: checked again.
      await edit(file, 'This notice tells you how we collect, use, share and protect information.', 'This notice tells you how we collect, use, share and keep information.');
      expect((await build()).cache.easyRead.madeFor).toEqual([file]);
      // The notice's review date changed: its easy read, which says when the notice will be checked,
      // is checked again, and now fails (the build stops with the easy read's error).
      await edit(file, /\nnextReview: 2027-01\n/, '\nnextReview: 2027-02\n');
      const redated = await build({ ok: false });
      expect(ofFile(redated).some((d) => d.endsWith(' easy-read-date-wrong')), ofFile(redated).join('\n')).toBe(true);
      // And back as it was, line for line: the first checks are found again.
      await writeFile(path.join(project, file), original);
      const back = await build();
      expect(back.cache.easyRead).toMatchObject({ reused: 5, made: 0 });
      expect(ofFile(back)).toEqual(ofFile(before));
    } finally {
      await writeFile(path.join(project, file), original);
    }
  });

  it('after shared data changed, makes again only the pages and PDFs that show it', async () => {
    // Kent's phone number is on Kent's notices and easy reads only.
    await edit('data/organisations.yaml', '03000 414141', '03000 414142');
    const after = await build();
    const kent = Object.entries(first.urls).filter(([file]) => file.includes('/kent-county-council/')).map(([, url]) => url);
    expect(kent.length).toBe(3);
    // Every notice is checked against the organisations (contacts, names), so each is loaded and assessed again;
    // so are the easy-read help checks, which read every organisation's contacts.
    expect(after.cache.load.made).toBe(5);
    expect(after.cache.completeness.made).toBe(5);
    expect(after.cache.easyRead.made).toBe(5);
    expect(after.cache.readability.made).toBe(0);
    // Views are remade for every notice (each is made from the shared data), but only Kent's changed.
    expect(after.cache.views.made).toBe(5);
    expect(after.cache.json.made).toBe(3);
    for (const file of after.cache.json.madeFor) expect(file).toContain('/kent-county-council/');
    const pages = after.cache.html.madeFor;
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(kent.some((url) => page.startsWith(url)), page).toBe(true);
    for (const url of after.pdf.renderedUrls) expect(kent.some((k) => url.startsWith(k)), url).toBe(true);
    expect(after.pdf.rendered).toBeGreaterThan(0);
  });

  it('after a template changed, draws again only the pages made with it', async () => {
    await edit('layouts/components/easy-read-words/easy-read-words.njk', /\n/, '\n{#- Changed for the cache test. -#}\n');
    const after = await build();
    expect(sorted(after.cache.html.madeFor)).toEqual(sorted(Object.values(first.urls).map((url) => `${url}easy-read/`)));
    expect(after.cache.listings.made).toBe(0);
    expect(after.cache.load.made).toBe(0);
    expect(after.cache.completeness.made).toBe(0);
    expect(after.cache.views.made).toBe(0);
    expect(after.cache.json.made).toBe(0);
    expect(after.cache.easyRead.made).toBe(0);
    expect(after.cache.readability.made).toBe(0);
    expect(after.pdf.rendered).toBe(0);
  });

  it('after a picture changed, makes again only the easy reads that show it', async () => {
    // old-law is shown by two notices' easy reads.
    await edit('data/pictures.yaml', /old-law:\n  openmoji: "1F4DC"/, 'old-law:\n  openmoji: "1F4D6"');
    const users = ['content/hampshire-county-council/children-in-need-dpa-1998.yaml', 'content/kent-county-council/children-in-need-dpa-1998.yaml'];
    const after = await build();
    // The notices' text did not change: nothing is loaded or assessed again; only the easy reads that show the picture have new views.
    expect(after.cache.load.made).toBe(0);
    expect(after.cache.completeness.made).toBe(0);
    expect(sorted(after.cache.views.madeFor)).toEqual(sorted(users));
    // notice.json gives the size of the easy-read PDF, which the new picture changed.
    expect(sorted(after.cache.json.madeFor)).toEqual(sorted(users));
    expect(sorted(after.cache.easyRead.madeFor)).toEqual(sorted(users));
    expect(after.cache.readability.made).toBe(0);
    expect(sorted(after.cache.html.madeFor)).toEqual(sorted(users.map((file) => `${first.urls[file]}easy-read/`)));
    expect(after.cache.listings.made).toBe(0);
    expect(sorted(after.pdf.renderedUrls)).toEqual(sorted(users.map((file) => first.urls[file]!).map((url) => `${url}easy-read/${url.split('/').filter(Boolean).pop()}-easy-read.pdf`)));
  });

  it("draws the listing pages again when a notice's title changes, or a listing template does, and only then", async () => {
    const file = 'content/kent-county-council/early-help.yaml';
    const original = await readFile(path.join(project, file), 'utf8');
    const template = 'layouts/pages/index.njk';
    const originalTemplate = await readFile(path.join(project, template), 'utf8');
    try {
      await edit(file, /\ntitle: ([^\n]+)/, '\ntitle: Early help, retitled for the cache test');
      const retitled = await build();
      expect(retitled.cache.listings).toMatchObject({ reused: 0, made: first.cache.listings.made });
      expect(await readFile(path.join(project, '_site', 'index.html'), 'utf8')).toContain('Early help, retitled for the cache test');

      await edit(template, '<p class="lead">', '<p class="lead" data-changed-for-the-cache-test>');
      const redrawn = await build();
      expect(redrawn.cache.listings).toMatchObject({ reused: 0, made: first.cache.listings.made });
      expect(redrawn.cache.html.made).toBe(0);
      expect(await readFile(path.join(project, '_site', 'index.html'), 'utf8')).toContain('data-changed-for-the-cache-test');
    } finally {
      await writeFile(path.join(project, file), original);
      await writeFile(path.join(project, template), originalTemplate);
    }
    // Back as they were: the first listing pages are found again.
    const back = await build();
    expect(back.cache.listings).toMatchObject({ reused: first.cache.listings.made, made: 0 });
    expect(await readFile(path.join(project, '_site', 'index.html'), 'utf8')).not.toContain('retitled for the cache test');
  });

  it('makes again a kept file (page, notice.json) changed where it is published, or (PDF) put in its place with the same size and time', async () => {
    const before = await snapshot(path.join(project, '_site'));
    const [notice] = Object.values(first.urls);
    const folder = path.join(project, '_site', ...notice!.split('/').filter(Boolean));
    // notice.json is linked to its kept file in .cache/json: changing it in place changes both.
    const json = path.join(folder, 'notice.json');
    const text = await readFile(json, 'utf8');
    await writeFile(json, text.replace('"id"', '"ID"'));
    // So is the notice page, to its kept file in .cache/html.
    const page = path.join(folder, 'index.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<main', '<main data-changed-in-place'));
    // And the home page, to its kept file among the listing pages.
    const home = path.join(project, '_site', 'index.html');
    await writeFile(home, (await readFile(home, 'utf8')).replace('<main', '<main data-changed-in-place'));
    // A cached PDF replaced by another file of the same size and time: only its inode tells.
    const pdfName = (await readdir(folder)).find((name) => name.endsWith('.pdf'))!;
    const published = await readFile(path.join(folder, pdfName));
    const cacheDir = path.join(project, '.cache', 'pdf');
    const cachedPdfs = (await readdir(cacheDir, { recursive: true, encoding: 'utf8' })).filter((name) => name.endsWith('.pdf')).map((name) => path.join(cacheDir, name));
    const cached = (await Promise.all(cachedPdfs.map(async (file) => ((await readFile(file)).equals(published) ? file : undefined)))).find(Boolean)!;
    expect(cached).toBeDefined();
    await replaceKeepingSizeAndTime(cached);

    const after = await build();
    expect(after.cache.json).toMatchObject({ made: 1, reused: 4 });
    expect(after.cache.html.madeFor).toEqual([notice]);
    expect(after.cache.listings.made).toBeGreaterThan(0);
    expect(after.pdf.rendered).toBe(1);
    expect(await snapshot(path.join(project, '_site'))).toEqual(before);
  });

  it('builds the same site from the caches as without them', async () => {
    const cached = await snapshot(path.join(project, '_site'));
    await rm(path.join(project, '.cache'), { recursive: true, force: true });
    const fresh = await build();
    expect(fresh.cache.html.reused).toBe(0);
    expect(await snapshot(path.join(project, '_site'))).toEqual(cached);
  });

  it('makes a damaged cache entry again instead of using it', async () => {
    const dir = path.join(project, '.cache', 'html');
    const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    // The entry of a page the site shows now (earlier tests left entries of older versions too).
    const page = await readFile(path.join(project, '_site', ...Object.values(first.urls)[0]!.split('/').filter(Boolean), 'index.html'), 'utf8');
    const files = entries.map((e) => path.join(e.parentPath, e.name));
    const contents = await Promise.all(files.map((file) => readFile(file, 'utf8')));
    const victim = files[contents.findIndex((content) => content.endsWith(page))]!;
    expect(victim).toBeDefined();
    // Taken first: the published page is a link to its kept entry, so damaging one changes both.
    const before = await snapshot(path.join(project, '_site'));
    await writeFile(victim, (await readFile(victim, 'utf8')).replace('<main', '<main data-damaged'));
    const after = await build();
    expect(after.cache.html.made).toBe(1);
    expect(await snapshot(path.join(project, '_site'))).toEqual(before);
  });
});
