/**
 * The PDFs of the real notices in content/, read back with pdf.js: every sentence in order,
 * the structure tree, metadata, fonts, text sizes, artifacts, bookmarks and page breaks.
 */
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/load/load-site.js';
import type { Notice, Section, Site } from '../../src/model/notice.js';
import { COLOURS } from '../../src/pdf/flow.js';
import { renderPdfs, type NoticePdfs } from '../../src/pdf/index.js';
import { contrastRatio } from '../../src/text/colour.js';
import { formatDate } from '../../src/text/dates.js';
import { plainText } from '../../src/text/markdown.js';
import { noticeText } from '../../src/text/notice-text.js';
import { glanceView } from '../../src/views/notice.js';
import { REPO_ROOT } from '../helpers/project.js';
import { addressNotes, textProblems } from './expect-text.js';
import { elements, readPdf, squash, walk, type PdfInfo, type StructNode } from './pdf-reader.js';

let site: Site;
let outDir: string;
let pdfs: Map<string, NoticePdfs>;
const read = new Map<string, { bytes: Buffer; info: PdfInfo }>();

async function pdf(url: string) {
  let entry = read.get(url);
  if (!entry) {
    const bytes = await readFile(path.join(outDir, url));
    entry = { bytes, info: await readPdf(bytes) };
    read.set(url, entry);
  }
  return entry;
}

beforeAll(async () => {
  const loaded = await loadSite(REPO_ROOT);
  if (!loaded.site) throw new Error(`content/ does not load: ${loaded.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n')}`);
  site = loaded.site;
  outDir = await mkdtemp(path.join(os.tmpdir(), 'pdf-real-'));
  pdfs = await renderPdfs(site, outDir, { root: REPO_ROOT, cacheDir: false, concurrency: 1 });
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const headingsOf = (sections: readonly Section[]): { level: number; text: string }[] =>
  sections.flatMap((s) => [{ level: s.level, text: plainText(s.heading) }, ...headingsOf(s.sections)]);

function published(): Notice[] {
  return site.published;
}

describe('PDFs of the real notices', () => {
  it('are written for every published notice, and for every easy read, beside the page', async () => {
    expect(published().length).toBeGreaterThan(0);
    for (const notice of published()) {
      const entry = pdfs.get(notice.id)!;
      expect(entry.full.url).toBe(`/${notice.id}/${notice.id}.pdf`);
      const { bytes, info } = await pdf(entry.full.url);
      expect(entry.full.bytes).toBe(bytes.length);
      expect(entry.full.pages).toBe(info.pages.length);
      if (notice.easyRead) {
        expect(entry.easyRead?.url).toBe(`/${notice.id}/easy-read/${notice.id}-easy-read.pdf`);
        expect((await pdf(entry.easyRead!.url)).info.pages.length).toBe(entry.easyRead!.pages);
      } else {
        expect(entry.easyRead).toBeUndefined();
      }
    }
    for (const notice of site.notices.filter((n) => n.status === 'draft')) expect(pdfs.has(notice.id)).toBe(false);
  });

  it('hold every sentence of the notice, in order, with the organisation, summary and dates on the first page', async () => {
    for (const notice of published()) {
      const { info } = await pdf(pdfs.get(notice.id)!.full.url);
      const problems = textProblems(info.text, noticeText(notice), addressNotes(notice, site));
      expect(problems, `${notice.id}:\n${problems}`).toBe('');
      const first = info.pages[0]!.content.map((c) => c.str).join('');
      for (const expected of [notice.organisation.name, plainText(notice.title), plainText(notice.summary), notice.lastUpdated ? formatDate(notice.lastUpdated) : 'Date not given']) {
        expect(squash(first), `${notice.id}: "${expected}" on page 1`).toContain(squash(expected));
      }
    }
  });

  it('have a structure tree with the headings in order, lists, links and the retention table with header cells', async () => {
    for (const notice of published()) {
      const { info } = await pdf(pdfs.get(notice.id)!.full.url);
      const all = elements(info);
      expect(all.find((e) => e.role !== 'Root')?.role, notice.id).toBe('Document');
      const headings = all.filter((e) => /^H[1-6]$/.test(e.role)).map((e) => ({ level: Number(e.role.slice(1)), text: squash(e.text) }));
      // "At a glance" comes first, as on the page, when the notice covers anything with evidence.
      const glance = glanceView(notice).items.length ? [{ level: 2, text: squash('At a glance') }] : [];
      const expected = [{ level: 1, text: squash(plainText(notice.title)) }, ...glance, ...headingsOf(notice.sections).map((h) => ({ ...h, text: squash(h.text) }))];
      expect(headings, notice.id).toEqual(expected);

      // One label per list item (a label is one line, so never split over two pages).
      const items = (notice.sections.length && countListItems(notice.sections)) + glanceView(notice).items.length;
      expect(all.filter((e) => e.role === 'Lbl').length, notice.id).toBe(items);
      for (const e of all.filter((x) => x.role === 'LI')) expect(e.node.children?.map((c) => c.role), notice.id).toEqual(['Lbl', 'LBody']);
      const links = info.pages.flatMap((p) => p.links);
      // Every link says where it goes; "At a glance" links go to sections inside the PDF (no web address).
      expect(links.every((l) => l.contents), notice.id).toBe(true);
      // (A line that wraps is two link areas.)
      expect(links.filter((l) => !l.url).length, notice.id).toBeLessThanOrEqual(2 * glanceView(notice).items.length);
      expect(all.filter((e) => e.role === 'Link').length, notice.id).toBeGreaterThanOrEqual(links.length > 0 ? 1 : 0);
    }

    const notice = published().find((n) => n.id === 'kent-childrens-social-care');
    expect(notice, 'the retention table is in kent-childrens-social-care').toBeDefined();
    const block = notice!.sections.flatMap(function blocks(s: Section): Section['body'] {
      return [...s.body, ...s.sections.flatMap(blocks)];
    }).find((b) => b.type === 'table');
    if (block?.type !== 'table') throw new Error('no table');
    const { info } = await pdf(pdfs.get(notice!.id)!.full.url);
    const page = info.pages.findIndex((p) => [...walk(p.struct)].some(({ node }) => node.role === 'Table'));
    const table = [...walk(info.pages[page]!.struct)].find(({ node }) => node.role === 'Table')!.node;
    expect(table.children?.map((c) => c.role)).toEqual(['Caption', 'THead', 'TBody']);
    const [caption, head, body] = table.children!;
    expect(squash(elementText(caption!, info, page))).toBe(squash(plainText(block.caption)));
    const headerCells = head!.children![0]!.children!;
    expect(headerCells.map((c) => c.role)).toEqual(block.columns.map(() => 'TH'));
    expect(headerCells.map((c) => squash(elementText(c, info, page)))).toEqual(block.columns.map((c) => squash(plainText(c))));
    expect(body!.children!.length).toBe(block.rows.length);
    for (const row of body!.children!) expect(row.children!.map((c) => c.role)).toEqual(block.columns.map((_, j) => (j === 0 && block.rowHeaders ? 'TH' : 'TD')));
  });

  it('are tagged PDF/UA with the title shown, language en-GB, A4 pages and every font embedded', async () => {
    for (const notice of published()) {
      for (const url of [pdfs.get(notice.id)!.full.url, pdfs.get(notice.id)!.easyRead?.url].filter((u): u is string => Boolean(u))) {
        const { bytes, info } = await pdf(url);
        expect(info.info.Title, url).toBe(plainText(url.includes('easy-read') ? (notice.easyRead!.title ?? notice.title) : notice.title));
        expect(info.info.Language, url).toBe('en-GB');
        expect(info.viewerPreferences?.DisplayDocTitle, url).toBe(true);
        expect(info.markInfo?.Marked, url).toBe(true);
        expect(bytes.toString('latin1'), url).toContain('<pdfuaid:part>1</pdfuaid:part>');
        expect(bytes.toString('latin1'), url).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
        for (const page of info.pages) {
          expect([page.width, page.height].sort((a, b) => a - b).map(Math.round), url).toEqual([595, 842]);
          expect(page.fonts.length, url).toBeGreaterThan(0);
          for (const font of page.fonts) {
            expect(font.embedded, `${url}: ${font.name}`).toBe(true);
            expect(font.name, url).toMatch(/AtkinsonHyperlegible/);
          }
        }
      }
    }
  });

  it('set body text at 12 pt or more (16 pt in easy read), in colours with 4.5:1 contrast or more', async () => {
    for (const notice of published()) {
      const entry = pdfs.get(notice.id)!;
      const sizes = (await pdf(entry.full.url)).info.pages.flatMap((p) => p.content.filter((c) => c.str.trim()).map((c) => c.size));
      expect(Math.min(...sizes), notice.id).toBeGreaterThanOrEqual(12);
      if (entry.easyRead) {
        const easy = (await pdf(entry.easyRead.url)).info.pages.flatMap((p) => p.content.filter((c) => c.str.trim()).map((c) => c.size));
        expect(Math.min(...easy), notice.id).toBeGreaterThanOrEqual(16);
      }
    }
    for (const [name, colour] of Object.entries(COLOURS)) {
      if (name === 'tableHeader') expect(contrastRatio(COLOURS.text, colour), name).toBeGreaterThanOrEqual(4.5);
      else if (name !== 'rule') expect(contrastRatio(colour, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('mark running headers, footers and page numbers as artifacts ("Page 3 of 7")', async () => {
    for (const notice of published()) {
      const { info } = await pdf(pdfs.get(notice.id)!.full.url);
      info.pages.forEach((page, i) => {
        const artifacts = page.artifacts.map((a) => a.str).join(' ');
        expect(artifacts, `${notice.id} page ${i + 1}`).toContain(`Page ${i + 1} of ${info.pages.length}`);
        if (i > 0) expect(squash(artifacts), `${notice.id} page ${i + 1}`).toContain(squash(notice.organisation.name));
        expect(page.content.map((c) => c.str).join(''), `${notice.id} page ${i + 1}`).not.toMatch(/Page \d+ of \d+/);
      });
    }
  });

  it('have a bookmark for every section, nested like the sections', async () => {
    type Item = { title: string; items: unknown[] };
    const titles = (items: readonly Item[]): unknown[] => items.map((i) => [i.title, titles(i.items as Item[])]);
    const expected = (sections: readonly Section[]): unknown[] => sections.map((s) => [plainText(s.heading), expected(s.sections)]);
    for (const notice of published()) {
      const { info } = await pdf(pdfs.get(notice.id)!.full.url);
      expect(titles(info.outline), notice.id).toEqual([...(glanceView(notice).items.length ? [['At a glance', []]] : []), ...expected(notice.sections)]);
    }
  });

  it('never leave a heading at the foot of a page', async () => {
    for (const notice of published()) {
      for (const url of [pdfs.get(notice.id)!.full.url, pdfs.get(notice.id)!.easyRead?.url].filter((u): u is string => Boolean(u))) {
        const { info } = await pdf(url);
        info.pages.slice(0, -1).forEach((page, i) => {
          const leaves = [...walk(page.struct)].filter(({ node }) => node.type === 'content' && (page.textById.get(node.id ?? '') ?? '').trim());
          const last = leaves[leaves.length - 1];
          expect(last?.ancestors.some((role) => /^H[1-6]$/.test(role)), `${url}: page ${i + 1} ends with a heading`).toBe(false);
        });
      }
    }
  });

  it('give the easy read its pictures with their text alternatives, the word list, the credit and who to ask for help', async () => {
    const notices = published().filter((n) => n.easyRead);
    for (const notice of notices) {
      const easy = notice.easyRead!;
      const { info } = await pdf(pdfs.get(notice.id)!.easyRead!.url);
      const pieces = [plainText(easy.title ?? notice.title), ...easy.sections.flatMap((s) => [plainText(s.heading), ...s.items.flatMap((i) => i.text.map(plainText))]), ...(easy.words ?? []).flatMap((w) => [w.word, plainText(w.meaning)])];
      const problems = textProblems(info.text, pieces, addressNotes(notice, site));
      expect(problems, `${notice.id} easy read:\n${problems}`).toBe('');
      const figures = elements(info).filter((e) => e.role === 'Figure').map((e) => e.alt);
      const alts = easy.sections.flatMap((s) => s.items.filter((i) => i.picture !== undefined && !i.decorative && i.alt).map((i) => i.alt));
      expect(figures, notice.id).toEqual(alts);
      expect(info.text).toMatch(/OpenMoji/);
      expect(info.text).toMatch(/CC BY-SA 4\.0/);
      const contact = Object.values(notice.organisation.contacts ?? {})[0];
      if (contact?.email) expect(info.text).toContain(contact.email);
    }
  });
});

function countListItems(sections: readonly Section[]): number {
  return sections.reduce((sum, s) => sum + s.body.reduce((n, b) => n + (b.type === 'list' ? b.items.length : 0), 0) + countListItems(s.sections), 0);
}

/** An element's text on the page where it starts. */
function elementText(node: StructNode, info: PdfInfo, page: number): string {
  const p = info.pages[page]!;
  const text = (n: StructNode): string => (n.type === 'content' ? (p.textById.get(n.id ?? '') ?? '') : (n.children ?? []).map(text).join(''));
  return text(node);
}
