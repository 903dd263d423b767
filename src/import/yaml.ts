/**
 * Writes a draft as the YAML a person would write: block style, the schema modeline real notices
 * start with, and comments on every value a person must confirm. js-yaml cannot write comments,
 * so the lines are built here and js-yaml quotes each scalar.
 */
import yaml from 'js-yaml';
import type { BlockData } from '../model/schema.js';
import type { Draft, DraftBlock, DraftField, DraftSection } from './draft.js';

/** A scalar as YAML writes it on one line: quoted only when it must be. */
export function scalar(value: string | boolean): string {
  return yaml.dump(value, { lineWidth: -1, flowLevel: -1 }).trimEnd();
}

function comment(indent: string, text: string | undefined): string[] {
  if (!text) return [];
  return text.split('\n').map((line) => `${indent}# ${line}`);
}

function field(name: string, value: DraftField | undefined): string[] {
  if (!value) return [];
  return [`${name}: ${scalar(value.value)}${value.comment ? ` # ${value.comment}` : ''}`];
}

function blockLines(draftBlock: DraftBlock, indent: string): string[] {
  const block: BlockData = draftBlock.block;
  const inner = `${indent}  `;
  const out = [...comment(indent, draftBlock.comment), `${indent}- type: ${block.type}`];
  switch (block.type) {
    case 'paragraph':
      out.push(`${inner}text: ${scalar(block.text)}`);
      break;
    case 'list':
      if (block.intro) out.push(`${inner}intro: ${scalar(block.intro)}`);
      if (block.ordered) out.push(`${inner}ordered: true`);
      out.push(`${inner}items:`, ...block.items.map((item) => `${inner}  - ${scalar(item)}`));
      break;
    case 'table':
      out.push(`${inner}caption: ${scalar(block.caption)}`);
      out.push(`${inner}columns:`, ...block.columns.map((cell) => `${inner}  - ${scalar(cell)}`));
      out.push(`${inner}rows:`);
      for (const row of block.rows) {
        out.push(`${inner}  - - ${scalar(row[0]!)}`, ...row.slice(1).map((cell) => `${inner}    - ${scalar(cell)}`));
      }
      break;
    case 'address':
      out.push(`${inner}lines:`, ...block.lines.map((line) => `${inner}  - ${scalar(line)}`));
      break;
    case 'contact':
      out.push(`${inner}contact: ${scalar(block.contact)}`);
      break;
  }
  return out;
}

function sectionLines(section: DraftSection, indent: string): string[] {
  const inner = `${indent}  `;
  const out = [...comment(indent, section.comment), `${indent}- heading: ${scalar(section.heading)}`];
  if (section.covers.length > 0) out.push(`${inner}covers: [${section.covers.join(', ')}] # suggested: confirm`);
  if (section.body.length > 0) out.push(`${inner}body:`, ...section.body.flatMap((b) => blockLines(b, `${inner}  `)));
  if (section.sections.length > 0) out.push(`${inner}sections:`, ...section.sections.flatMap((s) => sectionLines(s, `${inner}  `)));
  return out;
}

/** The draft as the text of a notice file in content/<organisation>/. */
export function draftToYaml(draft: Draft): string {
  const lines = [
    '# yaml-language-server: $schema=../../schema/notice.schema.json',
    ...comment('', draft.header.join('\n') || undefined),
    `id: ${scalar(draft.id)}`,
    ...field('title', draft.title),
    ...field('caption', draft.caption),
    `organisation: ${scalar(draft.organisation)}`,
    ...field('summary', draft.summary),
    'status: draft # imported: check every comment below, then set status to published',
    ...field('lastUpdated', draft.lastUpdated),
    ...field('nextReview', draft.nextReview),
    'sections:',
  ];
  draft.sections.forEach((section, index) => {
    if (index > 0) lines.push('');
    lines.push(...sectionLines(section, '  '));
  });
  return `${lines.join('\n')}\n`;
}

/** The draft's data, as the notice file means it (what draftToYaml's text parses back to). */
export function draftData(draft: Draft): Record<string, unknown> {
  const section = (s: DraftSection): Record<string, unknown> => ({
    heading: s.heading,
    ...(s.covers.length > 0 ? { covers: s.covers } : {}),
    ...(s.body.length > 0 ? { body: s.body.map((b) => b.block) } : {}),
    ...(s.sections.length > 0 ? { sections: s.sections.map(section) } : {}),
  });
  return {
    id: draft.id,
    title: draft.title.value,
    ...(draft.caption ? { caption: draft.caption.value } : {}),
    organisation: draft.organisation,
    summary: draft.summary.value,
    status: 'draft',
    lastUpdated: draft.lastUpdated.value,
    nextReview: draft.nextReview.value,
    sections: draft.sections.map(section),
  };
}
