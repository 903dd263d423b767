/**
 * The real source notices (test/fixtures/seeds/) against their YAML versions in content/: every
 * sentence of each source must appear in the notice's text, in the source's order. See
 * test/helpers/sentences.ts for how a seed is split into sentences and how text is compared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSite, type LoadResult } from '../../src/load/load-site.js';
import type { Notice } from '../../src/model/notice.js';
import { noticeText } from '../../src/text/notice-text.js';
import { normalise, seedSentences } from '../helpers/sentences.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED_DIR = path.join(ROOT, 'test/fixtures/seeds');

/** Seed number -> the id of the notice made from it. */
const SEEDS: [seed: string, noticeId: string][] = [
  ['000', 'kent-children-in-need-dpa-1998'],
  ['001', 'kent-childrens-social-care'],
  ['002', 'children-in-need-model-notice'],
  ['003', 'hampshire-children-in-need-dpa-1998'],
  ['004', 'kent-early-help'],
];

function seedText(seed: string): string {
  const file = readdirSync(SEED_DIR).find((name) => name.startsWith(`${seed}_`) && name.endsWith('.txt'));
  if (!file) throw new Error(`no seed file ${seed}_*.txt in ${SEED_DIR}`);
  return readFileSync(path.join(SEED_DIR, file), 'utf8');
}

interface OrderProblem {
  sentence: string;
  /** True when the sentence is in the text, but only before the previous sentence. */
  outOfOrder: boolean;
}

/**
 * Looks for each sentence in `text` after the end of the previous match, so sentences must come in
 * order and a repeated sentence must be found again further on. A sentence that is not found is
 * reported, and the search goes on from the same place.
 */
function checkInOrder(text: string, sentences: string[], compare: (s: string) => string): OrderProblem[] {
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

function describeProblems(problems: OrderProblem[]): string {
  return problems.map((p) => `${p.outOfOrder ? 'out of order' : 'missing'}: "${p.sentence}"`).join('\n');
}

/** Like normalise(), but keeps the quote characters as written, to check ’ and ' are not swapped. */
function normaliseKeepingQuotes(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

let result: LoadResult;
const notices = new Map<string, Notice>();

beforeAll(async () => {
  result = await loadSite(ROOT);
  for (const notice of result.site?.notices ?? []) notices.set(notice.id, notice);
});

describe('loading the site', () => {
  it('reports no errors', () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([]);
    expect(result.site).toBeDefined();
  });

  it("warns that the model notice's contact section gives no details (002)", () => {
    const warnings = result.diagnostics.filter(
      (d) => d.severity === 'warning' && d.file === 'content/model-local-authority/children-in-need.yaml' && d.message.includes('nothing follows it'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("'Contact details'");
  });

  it("warns that Hampshire's contact details give only a name (003)", () => {
    const warnings = result.diagnostics.filter(
      (d) => d.severity === 'warning' && d.file === 'content/hampshire-county-council/children-in-need-dpa-1998.yaml' && d.message.includes('give only a name'),
    );
    expect(warnings).toHaveLength(2);
  });
});

describe.each(SEEDS)('seed %s -> %s', (seed, noticeId) => {
  const sentences = seedSentences(seedText(seed));

  it('is published', () => {
    expect(notices.get(noticeId)?.status).toBe('published');
  });

  it(`keeps all ${sentences.length} sentences of the source, in order`, () => {
    const notice = notices.get(noticeId);
    expect(notice, `no notice with the id ${noticeId}`).toBeDefined();
    expect(sentences.length).toBeGreaterThan(0);
    const text = normalise(noticeText(notice!).join(' '));
    const problems = checkInOrder(text, sentences, normalise);
    expect(problems, `seed ${seed} -> ${noticeId}:\n${describeProblems(problems)}`).toEqual([]);
  });

  it("keeps the source's apostrophes and quotes as written", () => {
    const notice = notices.get(noticeId);
    expect(notice, `no notice with the id ${noticeId}`).toBeDefined();
    const text = normaliseKeepingQuotes(noticeText(notice!).join(' '));
    const problems = checkInOrder(text, sentences, normaliseKeepingQuotes);
    expect(problems, `seed ${seed} -> ${noticeId}:\n${describeProblems(problems)}`).toEqual([]);
  });
});
