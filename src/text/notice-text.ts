/**
 * A notice as plain text, in reading order: what every output (page, PDF) must contain.
 * Tests compare the real source notices against it; the PDF renderer and checks can reuse it.
 */
import type { Block, Notice, Section } from '../model/notice.js';
import { contactLines } from './contact.js';
import { plainText } from './markdown.js';

export function blockText(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
      return [plainText(block.text)];
    case 'list':
      return [...(block.intro ? [plainText(block.intro)] : []), ...block.items.map(plainText)];
    case 'table':
      return [plainText(block.caption), block.columns.map(plainText).join(' '), ...block.rows.map((row) => row.map(plainText).join(' '))];
    case 'address':
      return block.lines.map(plainText);
    case 'contact':
      return contactLines(block.contact).map((line) => (line.label ? `${line.label}: ${line.text}` : line.text));
  }
}

function sectionText(section: Section): string[] {
  return [plainText(section.heading), ...section.body.flatMap(blockText), ...section.sections.flatMap(sectionText)];
}

/** Caption, title and every section, one string per paragraph-like piece. */
export function noticeText(notice: Notice): string[] {
  return [...(notice.caption ? [plainText(notice.caption)] : []), plainText(notice.title), ...notice.sections.flatMap(sectionText)];
}
