/**
 * The page and the PDF of a notice say the same thing: every sentence of the page's <main> is in
 * its PDF, in order, and every sentence of the PDF is on the page, in order; the same for the
 * easy-read page and the easy-read PDF. Left out on the page: web furniture (the contents list, the "See all updates" link,
 * download links, the link to or about the easy read, the links at the top of the easy read). Left out in the PDF: the
 * printed-only furniture (the "Online version" line, the address printed after a link whose text
 * is not its address, list bullets and numbers, running headers and footers, which are artifacts).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedAddress } from '../../src/pdf/inline.js';
import { mainBlocks } from '../helpers/html.js';
import { REPO_ROOT } from '../helpers/project.js';
import { checkInOrder, describeProblems } from '../helpers/sentences.js';
import { bigNotice, easyReadNotice, linkNotice, loadNotices, wideTableNotice } from '../pdf/generated-notices.js';
import { readPdf, squash, walk, nodeText, hasContent, type PdfInfo } from '../pdf/pdf-reader.js';
import { renderBoth, type Built } from './render-both.js';

/** Web furniture on the full page and on the easy-read page. */
const PAGE_FURNITURE = ['nav.contents', 'ul.downloads', 'p.easy-read-link', 'ul.er-links', 'span.notice-meta__link'];

/** Structure elements whose text is read as one block. */
const LEAF_ROLES = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LBody', 'Lbl', 'TH', 'TD', 'Caption']);
/** A list item's bullet or number: the page's list shows them with CSS. */
const LIST_MARK = /^(?:\u2022|\d+\.)$/;

const sentences = (blocks: string[]) =>
  blocks
    .flatMap((block) => block.split(/(?<=[.?!:;])\s+/))
    .map((s) => s.trim())
    .filter((s) => squash(s) !== '');

/** The PDF's printed-only additions: "(address)" after a link, found from the PDF's own links. */
function addressNotes(info: PdfInfo): string[] {
  const urls = new Set(info.pages.flatMap((page) => page.links.map((link) => link.url).filter((url): url is string => Boolean(url))));
  return [...urls].map((url) => squash(` (${printedAddress(url)})`)).sort((a, b) => b.length - a.length);
}

function pdfBlocks(info: PdfInfo): string[] {
  const blocks: string[] = [];
  info.pages.forEach((page) => {
    for (const { node, ancestors } of walk(page.struct)) {
      if (!node.role || !LEAF_ROLES.has(node.role) || ancestors.some((role) => LEAF_ROLES.has(role)) || !hasContent(node)) continue;
      const text = nodeText(node, page).replace(/\s+/g, ' ').trim();
      if (text && !LIST_MARK.test(text) && !text.startsWith('Online version:')) blocks.push(text);
    }
  });
  return blocks;
}

/** Problems comparing a page with its PDF, both ways ('' when they agree). */
async function compare(html: string, pdfBytes: Buffer): Promise<string> {
  const info = await readPdf(pdfBytes);
  const notes = addressNotes(info);
  const strip = (text: string) => notes.reduce((t, note) => t.split(note).join(''), squash(text));
  const pageSentences = sentences(mainBlocks(html, PAGE_FURNITURE));
  const pdfSentences = sentences(pdfBlocks(info));
  if (pageSentences.length < 3 || pdfSentences.length < 3) return `too little text to compare (${pageSentences.length} sentences on the page, ${pdfSentences.length} in the PDF)`;
  const pageText = squash(pageSentences.join(''));
  const pdfText = strip(pdfSentences.join(''));
  const pageInPdf = describeProblems(checkInOrder(pdfText, pageSentences, strip));
  const pdfInPage = describeProblems(checkInOrder(pageText, pdfSentences, strip));
  return [pageInPdf && `page sentences not in the PDF:\n${pageInPdf}`, pdfInPage && `PDF sentences not on the page:\n${pdfInPage}`].filter(Boolean).join('\n');
}

const made: string[] = [];
const builds: { name: string; outDir: string; built: Built }[] = [];

beforeAll(async () => {
  const real = await mkdtemp(path.join(os.tmpdir(), 'agree-real-'));
  made.push(real);
  builds.push({ name: 'content/', outDir: path.join(real, 'site'), built: await renderBoth(REPO_ROOT, path.join(real, 'site')) });
  const fixtures = await loadNotices([bigNotice(), linkNotice(), wideTableNotice('wide-notice', 9, 11), easyReadNotice()]);
  made.push(fixtures.project.root);
  builds.push({ name: 'fixtures', outDir: path.join(fixtures.project.root, 'site'), built: await renderBoth(fixtures.project.root, path.join(fixtures.project.root, 'site'), '2025-06-01') });
});

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

const read = (outDir: string, url: string) => readFile(path.join(outDir, ...url.split('/').filter(Boolean)));

describe('the page and the PDF of every notice', () => {
  it('have the same sentences in the same order, both ways (real notices and test fixtures)', async () => {
    let compared = 0;
    for (const { name, outDir, built } of builds) {
      for (const notice of built.notices) {
        const html = (await read(outDir, `${notice.url}index.html`)).toString('utf8');
        const problems = await compare(html, await read(outDir, notice.full));
        expect(problems, `${name} ${notice.id}:\n${problems}`).toBe('');
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(9);
  });

  it('have the same sentences in the same order on the easy-read page and in the easy-read PDF', async () => {
    let compared = 0;
    for (const { name, outDir, built } of builds) {
      for (const notice of built.notices.filter((n) => n.easyRead)) {
        const html = (await read(outDir, `${notice.url}easy-read/index.html`)).toString('utf8');
        const problems = await compare(html, await read(outDir, notice.easyRead!));
        expect(problems, `${name} ${notice.id} (easy read):\n${problems}`).toBe('');
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(2);
  });
});
