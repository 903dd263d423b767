/**
 * The built easy-read pages: the five real notices each get one at <notice>/easy-read/, linked both
 * ways with the full notice; every item has a picture with alt text (or is marked decorative) that
 * was copied into the site; no sentence breaks the rules; the pictures are credited. A notice without
 * an easy-read version says how to ask for one instead of linking to nothing.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/load/load-site.js';
import type { Notice } from '../../src/model/notice.js';
import { sentences } from '../../src/easyread/prose.js';
import { decodeEntities } from '../helpers/html.js';
import { REPO_ROOT } from '../helpers/project.js';

const run = promisify(execFile);
let project: string;
let notices: Notice[];
let buildOutput = '';

const NO_EASY_READ = `id: test-no-easy-read
title: A notice without an easy-read version
organisation: kent-county-council
summary: A test notice with no easy-read part.
status: published
lastUpdated: 2026-01
nextReview: 2027-01
sections:
  - heading: Who we are
    body:
      - type: paragraph
        text: We are a test.
`;

const site = (...parts: string[]) => path.join(project, '_site', ...parts);
const page = (url: string) => readFile(site(...url.split('/').filter(Boolean), 'index.html'), 'utf8');

/** Text of an HTML fragment, tags removed. */
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  notices = (await loadSite(REPO_ROOT)).site!.published;
  project = await mkdtemp(path.join(os.tmpdir(), 'notices-easy-read-'));
  for (const item of ['content', 'data', 'layouts', 'src', 'scripts', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO_ROOT, item), path.join(project, item), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(project, 'node_modules'));
  await writeFile(path.join(project, 'content/kent-county-council/test-no-easy-read.yaml'), NO_EASY_READ);
  try {
    const { stdout } = await run(path.join(project, 'node_modules/.bin/tsx'), ['scripts/build.ts', '--no-check'], { cwd: project, env: { ...process.env, FORCE_COLOR: '0' } });
    buildOutput = stdout;
  } catch (error) {
    const e = error as { stdout: string; stderr: string };
    throw new Error(`the build failed:\n${e.stdout}\n${e.stderr}`);
  }
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the easy-read pages of the five real notices', () => {
  it('are built at the notice URL plus easy-read/, with the easy-read stylesheet', async () => {
    expect(notices).toHaveLength(5);
    for (const notice of notices) {
      const html = await page(`${notice.url}easy-read/`);
      expect(html, notice.id).toContain('<link rel="stylesheet" href="/assets/easy-read.css">');
      expect(html).toMatch(/<h1 class="er-title">[^<]+<\/h1>/);
      expect(html).toContain('<p class="er-caption">Easy read</p>');
    }
    expect(existsSync(site('assets', 'easy-read.css'))).toBe(true);
  });

  it('link both ways with the full notice', async () => {
    for (const notice of notices) {
      const easy = await page(`${notice.url}easy-read/`);
      expect(easy, notice.id).toContain(`<a href="${notice.url}">Read the full notice</a>`);
      const full = await page(notice.url);
      expect(full, notice.id).toContain(`<a href="${notice.url}easy-read/">Read the easy read version of this notice</a>`);
    }
  });

  it('give every item a picture that is in the site, with alt text unless it is marked decorative', async () => {
    for (const notice of notices) {
      const html = await page(`${notice.url}easy-read/`);
      const items = [...html.matchAll(/<li class="er-item">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
      const expected = notice.easyRead!.sections.flatMap((s) => s.items);
      expect(items, notice.id).toHaveLength(expected.length);
      items.forEach((item, i) => {
        const images = [...item.matchAll(/<img src="([^"]+)" alt="([^"]*)" width="(\d+)" height="(\d+)">/g)];
        expect(images, `${notice.id} item ${i}`).toHaveLength(1);
        const [, src, alt] = images[0]!;
        expect(existsSync(site(...src!.split('/').filter(Boolean))), src).toBe(true);
        if (expected[i]!.decorative) expect(alt).toBe('');
        else expect(decodeEntities(alt!)).toBe(expected[i]!.alt);
      });
      expect(items.filter((item) => /alt=""/.test(item)).length, notice.id).toBe(expected.filter((i) => i.decorative).length);
    }
  });

  it('copy only the pictures the pages use', async () => {
    const used = new Set<string>();
    for (const notice of notices) {
      const html = await page(`${notice.url}easy-read/`);
      for (const m of html.matchAll(/<img src="\/pictures\/([^"]+)"/g)) used.add(m[1]!);
    }
    const copied = (await readdir(site('pictures'), { recursive: true })).filter((f) => f.endsWith('.svg')).sort();
    expect(copied).toEqual([...used].sort());
  });

  it('keep every sentence to 15 words or fewer, one sentence per paragraph, with hard words in bold and no italics', async () => {
    for (const notice of notices) {
      const html = await page(`${notice.url}easy-read/`);
      const paragraphs = [...html.matchAll(/<div class="er-item__text">([\s\S]*?)<\/div>/g)].flatMap((m) => [...m[1]!.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => p[1]!));
      expect(paragraphs.length, notice.id).toBeGreaterThan(30);
      for (const paragraph of paragraphs) {
        const found = sentences(text(paragraph));
        expect(found, paragraph).toHaveLength(1);
        expect(found[0]!.words.length, paragraph).toBeLessThanOrEqual(15);
        expect(paragraph).not.toMatch(/<em>|<i>/);
      }
      const bold = [...html.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1]!.toLowerCase());
      const words = (notice.easyRead!.words ?? []).map((w) => w.word.toLowerCase());
      for (const b of bold) expect(words.some((w) => b.startsWith(w) || w.startsWith(b.replace(/s$/, ''))), `${notice.id}: ${b}`).toBe(true);
    }
  });

  it('end with the word list, then the picture credit', async () => {
    for (const notice of notices) {
      const html = await page(`${notice.url}easy-read/`);
      const lastSection = html.lastIndexOf('<section class="er-section"');
      const wordList = html.indexOf('<h2 id="word-list" class="er-heading">Word list</h2>');
      const credit = html.indexOf('Pictures: <a href="https://openmoji.org">OpenMoji (openmoji.org)</a>, licence <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>.');
      expect(wordList, notice.id).toBeGreaterThan(lastSection);
      expect(credit, notice.id).toBeGreaterThan(wordList);
      for (const w of notice.easyRead!.words ?? []) expect(html).toContain(`<dt>${w.word}</dt>`);
    }
  });

  it('link an easy-read PDF only when the build made one', async () => {
    for (const notice of notices) {
      const html = await page(`${notice.url}easy-read/`);
      const link = /<a href="([^"]+)" download>Download this easy read version \(PDF, \d+(?: KB| MB| bytes)\)<\/a>/.exec(html);
      if (link) expect(existsSync(site(...link[1]!.split('/').filter(Boolean))), link[1]).toBe(true);
      else expect(html).not.toContain('Download this easy read version');
    }
  });
});

describe('the readability report the build writes', () => {
  it('prints the figures at the end of the build', () => {
    expect(buildOutput).toMatch(/Readability \(Flesch reading ease[^\n]*\nnotice +version +Flesch/);
    expect(buildOutput.match(/^kent-early-help +(full|easy read) /gm)).toHaveLength(2);
  });

  it('has the figures of every published text, full and easy read, in reports/readability.json', async () => {
    const rows = JSON.parse(await readFile(path.join(project, 'reports', 'readability.json'), 'utf8')) as { notice: string; version: string; fleschReadingEase: number }[];
    expect(rows.filter((r) => r.version === 'easy read').map((r) => r.notice).sort()).toEqual(notices.map((n) => n.id).sort());
    expect(rows.filter((r) => r.version === 'full').map((r) => r.notice).sort()).toEqual([...notices.map((n) => n.id), 'test-no-easy-read'].sort());
    expect(rows.every((r) => typeof r.fleschReadingEase === 'number')).toBe(true);
  });
});

describe('a notice without an easy-read version', () => {
  it('has no easy-read page, and says how to ask for one with the organisation’s contact details', async () => {
    expect(existsSync(site('test-no-easy-read', 'easy-read'))).toBe(false);
    const html = await page('/test-no-easy-read/');
    expect(html).not.toContain('/test-no-easy-read/easy-read/');
    expect(html).toContain(
      '<p class="easy-read-link">There is no easy read version of this notice yet. To ask for one, contact Kent County Council: email <a href="mailto:data.protection@kent.gov.uk">data.protection@kent.gov.uk</a> or telephone <a href="tel:03000414141">03000 414141</a>.</p>',
    );
  });
});
