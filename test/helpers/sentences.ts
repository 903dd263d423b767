import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * Sentences of a source notice (a seed in test/fixtures/seeds/), for checking that an output keeps
 * every one of them. The seeds are Markdown or plain text; the content tests compare them with
 * noticeText(), and the HTML and PDF tests can compare them with the text of the built pages.
 *
 * Rules, in order:
 * 1. Markdown syntax is removed: heading #s, ** bold, [text](url) -> text, <url> -> url,
 *    backslash escapes (\_ -> _, also doubled ones such as \\_ in seed 000), list markers
 *    ("- ", "* ", "•", "1."), and table syntax (separator rows such as "---|---|" are dropped,
 *    and cell pipes become spaces, as noticeText joins cells with spaces).
 * 2. The text is split into lines, and each line into sentences after ".", "?" or "!" followed
 *    by whitespace. Pieces are trimmed; empty ones are dropped.
 * 3. The title line: the first non-empty line of a seed is its title. Where it holds a caption
 *    and a title joined by ": " (seed 003: "Privacy Notices: Children in need or children looked
 *    after: information held by local authorities"), the site shows them as two elements, caption
 *    and title, without the colon. So that line is split at its first ": " into two pieces and
 *    that colon is dropped. A title line without ": " is unchanged, and a title that really
 *    contains ": " still passes, because both halves are found in order.
 */

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** One line of Markdown (or plain text) as the words a reader sees. */
function stripMarkdown(line: string): string {
  return (
    line
      // Heading markers.
      .replace(/^\s*#{1,6}\s+/, '')
      // List markers: "- item", "* item", "+ item", "• item", "1. item".
      .replace(/^\s*(?:[-*+•]|\d{1,3}[.)])\s+/, '')
      .replace(/^\s*•/, '')
      // Links [text](url) -> text.
      .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)/g, '$1')
      // Autolinks <https://…> and <mailto:…> -> the address.
      .replace(/<((?:https?|mailto|tel):[^<>\s]+)>/gi, '$1')
      // Bold.
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/\*\*/g, '')
      // Backslash escapes of ASCII punctuation, including doubled backslashes.
      .replace(/\\+([!-/:-@[-`{-~])/g, '$1')
      // Table cells: "a | b |" -> "a b".
      .replace(/\|/g, ' ')
  );
}

/** Splits one line into sentences at ".", "?" or "!" followed by whitespace. */
function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function seedSentences(seedText: string): string[] {
  const sentences: string[] = [];
  let titleSeen = false;
  for (const raw of seedText.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (TABLE_SEPARATOR.test(raw) && raw.includes('-')) continue;
    const line = stripMarkdown(raw).trim();
    if (!line) continue;
    if (!titleSeen) {
      titleSeen = true;
      const colon = line.indexOf(': ');
      if (colon > 0) {
        sentences.push(...splitSentences(line.slice(0, colon)), ...splitSentences(line.slice(colon + 2)));
        continue;
      }
    }
    sentences.push(...splitSentences(line));
  }
  return sentences;
}

/**
 * Text for comparison: whitespace (including non-breaking spaces) collapsed to single spaces,
 * trimmed, lower-cased (captions may be re-cased, e.g. "PRIVACY NOTICE" -> "Privacy notice"), and
 * straight and curly quotes mapped to one form each (’ ‘ ` -> ', “ ” -> ").
 */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const SEED_DIR = fileURLToPath(new URL('../fixtures/seeds', import.meta.url));

/** Seed number -> the id of the notice made from it. */
export const SEEDS: [seed: string, noticeId: string][] = [
  ['000', 'kent-children-in-need-dpa-1998'],
  ['001', 'kent-childrens-social-care'],
  ['002', 'children-in-need-model-notice'],
  ['003', 'hampshire-children-in-need-dpa-1998'],
  ['004', 'kent-early-help'],
];

export function seedText(seed: string): string {
  const file = readdirSync(SEED_DIR).find((name) => name.startsWith(`${seed}_`) && name.endsWith('.txt'));
  if (!file) throw new Error(`no seed file ${seed}_*.txt in ${SEED_DIR}`);
  return readFileSync(path.join(SEED_DIR, file), 'utf8');
}

export interface OrderProblem {
  sentence: string;
  /** True when the sentence is in the text, but only before the previous sentence. */
  outOfOrder: boolean;
}

/**
 * Looks for each sentence in `text` after the end of the previous match, so sentences must come in
 * order and a repeated sentence must be found again further on. A sentence that is not found is
 * reported, and the search goes on from the same place.
 */
export function checkInOrder(text: string, sentences: string[], compare: (s: string) => string): OrderProblem[] {
  const problems: OrderProblem[] = [];
  let from = 0;
  for (const sentence of sentences) {
    const needle = compare(sentence);
    const at = text.indexOf(needle, from);
    if (at === -1) problems.push({ sentence, outOfOrder: text.includes(needle) });
    else from = at + needle.length;
  }
  return problems;
}

export function describeProblems(problems: OrderProblem[]): string {
  return problems.map((p) => `${p.outOfOrder ? 'out of order' : 'missing'}: "${p.sentence}"`).join('\n');
}

/**
 * Editorial changes to a source sentence, each marked in the notice's YAML by a comment
 *   # Editorial change: "<the source sentence>" -> "<the sentence as published>"
 * The check then expects the published sentence in the source's place; any other change still fails.
 */
export function editorialChanges(file: string): { source: string; published: string }[] {
  const yaml = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
  return [...yaml.matchAll(/^\s*# Editorial change: "(.+)" -> "(.+)"\s*$/gm)].map((m) => ({ source: m[1]!, published: m[2]! }));
}

export function withEditorialChanges(sentences: string[], file: string, norm: (text: string) => string): string[] {
  const changes = editorialChanges(file);
  return sentences.map((sentence) => changes.find((change) => norm(change.source) === norm(sentence))?.published ?? sentence);
}
