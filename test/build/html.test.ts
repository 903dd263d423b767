/** The HTML stage from any current folder: every path handed to Eleventy is absolute. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/build/html.js';
import { pageData } from '../../src/html/view.js';
import { loadSite } from '../../src/load/load-site.js';
import { REPO_ROOT } from '../helpers/project.js';
import { mainText } from '../helpers/html.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('renderHtml', () => {
  it('builds the site when the current folder is not the project folder', async () => {
    const loaded = await loadSite(REPO_ROOT);
    expect(loaded.site).toBeDefined();
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'html-cwd-'));
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'html-out-'));
    made.push(elsewhere, outDir);
    const data = pageData(loaded.site!, {}, {}, { root: REPO_ROOT });
    const before = process.cwd();
    process.chdir(elsewhere);
    let pages: number;
    try {
      pages = await renderHtml(REPO_ROOT, outDir, data);
    } finally {
      process.chdir(before);
    }
    expect(pages).toBeGreaterThan(loaded.site!.published.length);
    expect(existsSync(path.join(elsewhere, '_site'))).toBe(false);
    expect(existsSync(path.join(outDir, 'assets', 'site.css'))).toBe(true);
    for (const notice of loaded.site!.published) {
      const html = await readFile(path.join(outDir, notice.id, 'index.html'), 'utf8');
      expect(mainText(html)).toContain(data.views!.find((v) => v.id === notice.id)!.title.plain);
    }
    for (const picture of data.pictures ?? []) expect(existsSync(path.join(outDir, ...picture.url.split('/').filter(Boolean))), picture.url).toBe(true);
  });
});
