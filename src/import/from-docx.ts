/**
 * Reads a Word .docx with mammoth: heading styles become heading levels, and paragraphs, bold,
 * italic, links, lists (nested too) and tables come through as HTML, which the HTML reader takes
 * from there. What mammoth passes over or cannot place — images, footnotes, comments, tracked
 * changes, text boxes — is listed with where it was.
 */
import * as cheerio from 'cheerio';
import mammoth from 'mammoth';
import { readHtml } from './from-html.js';
import { importError } from './messages.js';
import type { SourceDocument, Unplaced } from './source.js';
import { readZipEntry, ZipError } from './zip.js';

const OLE_COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Word's Title style is the notice's title; mammoth leaves it a plain paragraph otherwise. */
const STYLE_MAP = ["p[style-name='Title'] => h1.document-title:fresh", "p[style-name='Subtitle'] => p:fresh"];

/** With a Title paragraph, the title is the one top heading and Heading 1 is the first level under it. */
function titleAboveHeadings($: cheerio.CheerioAPI): void {
  const title = $('h1.document-title');
  if (title.length === 0) return;
  const headings = $('h1, h2, h3, h4, h5').not('.document-title').toArray();
  for (const heading of headings) heading.tagName = `h${Math.min(6, Number(heading.tagName[1]) + 1)}`;
  title.removeAttr('class');
  title.slice(1).each((_, element) => {
    element.tagName = 'p';
  });
}

function count(xml: string, pattern: RegExp): number {
  return (xml.match(pattern) ?? []).length;
}

/** Checks the file is a readable .docx and returns its main XML part. */
function documentXml(buffer: Buffer, file: string): string {
  if (buffer.subarray(0, 4).equals(OLE_COMPOUND_FILE)) throw importError('import-docx-protected', { file });
  if (!buffer.subarray(0, 4).equals(ZIP)) throw importError('import-not-docx', { file });
  try {
    const xml = readZipEntry(buffer, 'word/document.xml');
    if (!xml) throw importError('import-not-docx', { file });
    return xml.toString('utf8');
  } catch (error) {
    if (error instanceof ZipError) throw importError('import-docx-corrupt', { file, reason: error.message });
    throw error;
  }
}

/**
 * Footnotes and endnotes: mammoth puts them in a list at the end; they are listed as unplaced
 * instead (and so are not counted in the sentence coverage, which measures what goes missing unsaid).
 */
function takeNotes(html: string): { html: string; unplaced: Unplaced[] } {
  const $ = cheerio.load(html);
  titleAboveHeadings($);
  const unplaced: Unplaced[] = [];
  const refs = new Map<string, string>();
  let heading = 'before the first heading';
  $('h1, h2, h3, h4, h5, h6, a[id^="footnote-ref-"], a[id^="endnote-ref-"]').each((_, element) => {
    const el = $(element);
    if (/^h[1-6]$/.test(element.tagName)) heading = `under the heading '${el.text().trim()}'`;
    else refs.set((el.attr('href') ?? '').slice(1), heading);
  });
  $('li[id^="footnote-"], li[id^="endnote-"]').each((_, element) => {
    const el = $(element);
    const id = el.attr('id') ?? '';
    el.find('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]').remove();
    unplaced.push({ what: id.startsWith('foot') ? 'footnote' : 'endnote', where: `marked ${refs.get(id) ?? 'in the text'}`, detail: el.text().replace(/\s+/g, ' ').trim() });
    const list = el.parent();
    el.remove();
    if (list.children().length === 0) list.remove();
  });
  $('a[id^="footnote-ref-"], a[id^="endnote-ref-"]').each((_, element) => {
    const el = $(element);
    (el.parent().is('sup') ? el.parent() : el).remove();
  });
  return { html: $('body').html() ?? '', unplaced };
}

export async function readDocx(buffer: Buffer, file: string): Promise<SourceDocument> {
  const xml = documentXml(buffer, file);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) })).value;
  } catch (error) {
    throw importError('import-docx-corrupt', { file, reason: error instanceof Error ? error.message.split('\n')[0]! : 'unreadable' });
  }
  const notes = takeNotes(html);
  const document = readHtml(notes.html, { wholeBody: true });
  const extra: string[] = [];
  const insertions = count(xml, /<w:ins\b/g);
  const deletions = count(xml, /<w:del\b/g);
  if (insertions + deletions > 0) {
    extra.push(`The document has tracked changes (${insertions} insertions, ${deletions} deletions): the draft reads them as accepted. Accept or reject them in Word and import again if that is wrong.`);
  }
  const textBoxes = count(xml, /<w:txbxContent\b/g);
  if (textBoxes > 0) extra.push(`The document has ${textBoxes} text box${textBoxes === 1 ? '' : 'es'}: the text is placed where each box is anchored; check the order.`);
  const comments = count(xml, /<w:commentReference\b/g);
  const unplaced = [...document.unplaced, ...notes.unplaced];
  if (comments > 0) unplaced.push({ what: `${comments} Word comment${comments === 1 ? '' : 's'}`, where: 'in the margin', detail: 'comments are not part of the notice and were left out' });
  return {
    ...document,
    unplaced,
    notes: [...document.notes, ...extra],
  };
}
