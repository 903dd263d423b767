/**
 * Turns what a reader found (source.ts) into a draft notice: the title, sections nested by
 * heading level, lists with the sentence that introduces them, tables with a header row, address
 * and contact blocks, dates and suggested `covers`. Pure: data in, data out.
 */
import type { BlockData } from '../model/schema.js';
import { contactDetails, inlineContacts, isKnownDetail, looksLikeAddress, matchContact, onlyLabelledLines, type KnownContact } from './contacts.js';
import { suggestCovers } from './covers.js';
import { statedDate, suggestedNextReview, undatedLastUpdated } from './dates.js';
import { SUGGESTED, type Draft, type DraftBlock, type DraftSection } from './draft.js';
import { sentenceCaseIfShouting } from './inline.js';
import type { HeadingNode, SourceDocument, SourceNode } from './source.js';
import { plainText } from '../text/markdown.js';

export interface StructureOptions {
  id: string;
  organisation: string;
  organisationName: string;
  /** The file name, for the title when the document has none. */
  fileName: string;
  known: readonly KnownContact[];
  today: Date;
}

export interface ImportStats {
  sections: number;
  lists: number;
  tables: number;
  links: number;
  contacts: string[];
  addresses: number;
  /** Emails, phones and addresses not in data/: add them as contact points. */
  contactSuggestions: string[];
  coverSuggestions: number;
  /** Other things a person must check (placeholders, flattened lists, added headings). */
  notes: string[];
}

export interface Structured {
  draft: Draft;
  stats: ImportStats;
}

const GENERIC_TITLE = /^privacy notices?$/i;
const NESTED_MARK = '– ';

function isTitleLike(node: SourceNode | undefined): node is SourceNode & { text: string } {
  return node?.kind === 'paragraph' && node.text.length <= 150 && !/[.:;]$/.test(node.text);
}

function countLinks(text: string): number {
  return (text.match(/\]\((?:[^()\s]|\([^()]*\))+\)/g) ?? []).length + (text.match(/<(?:https?|mailto|tel):[^<>\s]+>/gi) ?? []).length;
}

function humanise(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim();
  return base ? base.charAt(0).toUpperCase() + base.slice(1) : 'Privacy notice';
}

export function structure(source: SourceDocument, options: StructureOptions): Structured {
  const stats: ImportStats = { sections: 0, lists: 0, tables: 0, links: 0, contacts: [], addresses: 0, contactSuggestions: [], coverSuggestions: 0, notes: [] };
  const nodes = [...source.nodes];

  // --- Title and caption ------------------------------------------------------------------------
  const first = nodes[0];
  let title: Draft['title'];
  let caption: Draft['caption'];
  const headingLevels = nodes.filter((n): n is HeadingNode => n.kind === 'heading').map((n) => n.level);
  const firstIsTopHeading =
    first?.kind === 'heading' && (first.level === undefined || headingLevels.slice(1).every((level) => level === undefined || level > first.level!));
  if (firstIsTopHeading || isTitleLike(first)) {
    nodes.shift();
    title = { value: first.text };
    if (GENERIC_TITLE.test(first.text) && isTitleLike(nodes[0])) {
      caption = { value: sentenceCaseIfShouting(first.text) };
      title = { value: (nodes.shift() as { text: string }).text };
    }
  } else {
    title = { value: humanise(options.fileName), comment: 'not in the source: write the title' };
    stats.notes.push('The document has no title: the file name stands in for it.');
  }

  // --- Sections, nested by heading level ---------------------------------------------------------
  const known = nodes.flatMap((n) => (n.kind === 'heading' && n.level !== undefined ? [n.level] : []));
  const defaultLevel = known.length > 0 ? Math.min(...known) : 2;
  const root: DraftSection = { heading: '', covers: [], body: [], sections: [] };
  const stack: { level: number; section: DraftSection }[] = [{ level: 0, section: root }];
  const pending: SourceNode[] = [];

  const flush = () => {
    if (pending.length === 0) return;
    let target = stack.at(-1)!.section;
    if (target === root) {
      target = { heading: 'About this notice', comment: 'not in the source: the text before the first heading; change the heading or move the text', covers: [], body: [], sections: [] };
      root.sections.push(target);
      stack.push({ level: defaultLevel, section: target });
      stats.notes.push("The text before the first heading is in a section headed 'About this notice', which the source does not have.");
    }
    target.body.push(...blocksOf(pending.splice(0), options, stats));
  };

  for (const node of nodes) {
    if (node.kind !== 'heading') {
      pending.push(node);
      continue;
    }
    flush();
    const level = node.level ?? defaultLevel;
    while (stack.length > 1 && stack.at(-1)!.level >= level) stack.pop();
    const section: DraftSection = { heading: node.text, covers: [], body: [], sections: [] };
    stack.at(-1)!.section.sections.push(section);
    stack.push({ level, section });
  }
  flush();
  if (root.sections.length === 0) {
    root.sections.push({ heading: 'About this notice', comment: 'not in the source: write a heading', covers: [], body: [], sections: [] });
  }

  const visit = (section: DraftSection) => {
    stats.sections++;
    stats.links += countLinks(section.heading);
    const text = section.body.map((b) => blockPlainText(b.block)).join(' ');
    section.covers = suggestCovers({ heading: plainText(section.heading), text });
    stats.coverSuggestions += section.covers.length;
    if (section.body.length === 0 && section.sections.length === 0) {
      section.comment = 'the source has no text under this heading: if the headings after it belong to it, move them into its sections';
    }
    section.sections.forEach(visit);
  };
  root.sections.forEach(visit);

  // --- Dates and summary -------------------------------------------------------------------------
  const stated = statedDate(source.plainLines);
  const lastUpdated = stated ? { value: stated, comment: 'from the source' } : undatedLastUpdated(options.today);
  if (!stated) stats.notes.push(`The source gives no date: lastUpdated is ${lastUpdated.value}, marked "${lastUpdated.comment}".`);
  const nextReview = suggestedNextReview(lastUpdated.value);

  // A sentence that says what the notice is about ("This privacy notice explains how we …") makes a summary.
  const opening = root.sections
    .flatMap(allBlocks)
    .slice(0, 6)
    .flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'list' && b.intro ? [b.intro] : []))
    .flatMap((text) => plainText(text).split(/(?<=[.?!])\s+/))
    .find((sentence) => /\b(?:explains|describes|tells you|sets out)\b/i.test(sentence) && sentence.length <= 300 && /[.?!]$/.test(sentence));
  const summary = opening
    ? { value: opening, comment: `${SUGGESTED}; one sentence saying what the notice is about` }
    : { value: `How ${options.organisationName} uses personal information.`, comment: 'not in the source: write one sentence saying what the notice is about' };

  stats.links += countLinks(title.value);
  return {
    draft: {
      header: [],
      id: options.id,
      title,
      caption,
      organisation: options.organisation,
      summary,
      lastUpdated,
      nextReview,
      sections: root.sections,
    },
    stats,
  };
}

function allBlocks(section: DraftSection): BlockData[] {
  return [...section.body.map((b) => b.block), ...section.sections.flatMap(allBlocks)];
}

/** A block's words, for the covers suggestion. */
function blockPlainText(block: BlockData): string {
  switch (block.type) {
    case 'paragraph':
      return plainText(block.text);
    case 'list':
      return [block.intro ?? '', ...block.items].map(plainText).join(' ');
    case 'table':
      return [block.caption, ...block.columns, ...block.rows.flat()].map(plainText).join(' ');
    case 'address':
      return block.lines.map(plainText).join(' ');
    case 'contact':
      return '';
  }
}

/** The blocks of one section, from the nodes between its heading and the next. */
function blocksOf(nodes: SourceNode[], options: StructureOptions, stats: ImportStats): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const next = nodes[i + 1];
    switch (node.kind) {
      case 'paragraph': {
        stats.links += countLinks(node.text);
        noteInlineContacts(node.text, options, stats);
        // The sentence before a list that ends in ":" introduces it.
        if (node.text.endsWith(':') && next?.kind === 'list') {
          // Only the last sentence introduces the list; any before it stay a paragraph.
          const sentences = node.text.split(/(?<=[.?!])\s+(?=[\p{Lu}"'‘“(])/u);
          const intro = sentences.pop()!;
          if (sentences.length > 0) blocks.push({ block: { type: 'paragraph', text: sentences.join(' ') } });
          blocks.push(listBlock(next, intro, stats));
          i++;
          break;
        }
        // A one-line name after "write to us at:" may be a contact point in data/.
        const previous = nodes[i - 1];
        if (previous?.kind === 'paragraph' && previous.text.endsWith(':') && node.text.length <= 80) {
          const match = matchContact(contactDetails([node.text]), options.known);
          if (match) {
            blocks.push(contactBlock(match, [node.text], stats));
            break;
          }
        }
        blocks.push({ block: { type: 'paragraph', text: node.text } });
        break;
      }
      case 'list':
        blocks.push(listBlock(node, undefined, stats));
        break;
      case 'lines': {
        // An address followed by its "Email: …" and "Telephone: …" lines is one set of details.
        const lines = [...node.lines];
        for (let after = nodes[i + 1]; after; after = nodes[i + 1]) {
          const more = after.kind === 'lines' ? after.lines : after.kind === 'paragraph' ? [after.text] : [];
          if (!onlyLabelledLines(more)) break;
          lines.push(...more);
          i++;
        }
        blocks.push(...linesBlocks(lines, options, stats));
        break;
      }
      case 'table':
        blocks.push(...tableBlocks(node.rows, node.headerRow, node.caption, stats));
        break;
      case 'heading':
        break;
    }
  }
  return blocks;
}

function listBlock(node: Extract<SourceNode, { kind: 'list' }>, intro: string | undefined, stats: ImportStats): DraftBlock {
  stats.lists++;
  const nested = node.items.some((item) => item.depth > 0);
  const items = node.items.map((item) => (item.depth > 0 ? `${NESTED_MARK.repeat(item.depth)}${item.text}` : item.text));
  items.forEach((item) => (stats.links += countLinks(item)));
  if (nested) stats.notes.push(`A list inside a list item was flattened: its items start with "${NESTED_MARK.trim()}" (${items[0]!.slice(0, 40)}…).`);
  return {
    block: { type: 'list', ...(intro ? { intro } : {}), ...(node.ordered ? { ordered: true } : {}), items },
    comment: nested ? `the source has a list inside a list: its items start with "${NESTED_MARK.trim()}"; confirm or split the list` : undefined,
  };
}

function contactBlock(match: KnownContact, lines: string[], stats: ImportStats): DraftBlock {
  stats.contacts.push(match.ref);
  return {
    block: { type: 'contact', contact: match.ref },
    comment: `${SUGGESTED}: the source gives these details, which ${match.ref} in data/ holds: ${lines.map((l) => plainText(l)).join(' / ')}`,
  };
}

function linesBlocks(lines: string[], options: StructureOptions, stats: ImportStats): DraftBlock[] {
  lines.forEach((line) => (stats.links += countLinks(line)));
  const details = contactDetails(lines);
  const match = matchContact(details, options.known);
  if (match) return [contactBlock(match, lines, stats)];
  const hasDetails = details.emails.length + details.phones.length + details.websites.length > 0;
  if (looksLikeAddress(lines) || hasDetails) {
    stats.addresses++;
    stats.contactSuggestions.push(`${lines.map((l) => plainText(l)).join(' / ')}: add it to data/ as a contact point of ${options.organisation} (or of another body), then use a contact block`);
    return [{ block: { type: 'address', lines }, comment: `${SUGGESTED}: these details are not in data/; add them as a contact point and use a contact block` }];
  }
  return lines.map((text) => ({ block: { type: 'paragraph', text } }));
}

function noteInlineContacts(text: string, options: StructureOptions, stats: ImportStats): void {
  const { emails, phones } = inlineContacts(text);
  for (const value of [...emails, ...phones]) {
    if (isKnownDetail(value, options.known)) continue;
    const suggestion = `${value}: not in data/; add it to a contact point of ${options.organisation} (or of another body) if it is a way to contact them`;
    if (!stats.contactSuggestions.includes(suggestion)) stats.contactSuggestions.push(suggestion);
  }
}

const EMPTY_CELL = '–';

function tableBlocks(sourceRows: string[][], headerRow: boolean, caption: string | undefined, stats: ImportStats): DraftBlock[] {
  const rows = sourceRows.filter((row) => row.some((cell) => cell.trim()));
  if (rows.length < 2) return rows.flat().filter((c) => c.trim()).map((text) => ({ block: { type: 'paragraph' as const, text } }));
  stats.tables++;
  const width = Math.max(...rows.map((r) => r.length));
  const fit = (row: string[]) => {
    const cells = [...row];
    while (cells.length < width) cells.push('');
    return cells.map((cell) => cell.trim() || EMPTY_CELL);
  };
  const [header, ...body] = rows.map(fit);
  rows.flat().forEach((cell) => (stats.links += countLinks(cell)));
  const comments = [caption ? undefined : 'not in the source: the caption says what the table shows; rewrite it'];
  if (!headerRow) comments.push('the source marks no header row: the first row is taken as the header; confirm');
  if (rows.some((r) => r.some((c) => !c.trim()))) comments.push(`empty cells are written "${EMPTY_CELL}"`);
  return [
    {
      block: { type: 'table', caption: caption ?? plainText(header!.join(', ')), columns: header!, rows: body },
      comment: comments.filter(Boolean).join('; ') || undefined,
    },
  ];
}
