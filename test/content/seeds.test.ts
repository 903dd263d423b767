/**
 * The real source notices (test/fixtures/seeds/) against their YAML versions in content/: every
 * sentence of each source must appear in the notice's text, in the source's order. See
 * test/helpers/sentences.ts for how a seed is split into sentences and how text is compared.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSite, type LoadResult } from '../../src/load/load-site.js';
import type { Notice } from '../../src/model/notice.js';
import { noticeText } from '../../src/text/notice-text.js';
import { checkInOrder, describeProblems, editorialChanges, normalise, SEEDS, seedSentences, seedText, withEditorialChanges } from '../helpers/sentences.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
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

  it('is published (superseded notices are published too, with a banner)', () => {
    expect(['published', 'superseded']).toContain(notices.get(noticeId)?.status);
  });

  it('marks each editorial change with the exact source sentence it replaces', () => {
    const notice = notices.get(noticeId);
    expect(notice, `no notice with the id ${noticeId}`).toBeDefined();
    const text = normalise(noticeText(notice!).join(' '));
    for (const change of editorialChanges(notice!.source)) {
      expect(sentences.map(normalise), `${notice!.source}: the changed sentence is not in the source`).toContain(normalise(change.source));
      expect(text, `${notice!.source}: the published sentence is not in the notice`).toContain(normalise(change.published));
    }
  });

  it(`keeps all ${sentences.length} sentences of the source, in order (editorial changes as marked)`, () => {
    const notice = notices.get(noticeId);
    expect(notice, `no notice with the id ${noticeId}`).toBeDefined();
    expect(sentences.length).toBeGreaterThan(0);
    const text = normalise(noticeText(notice!).join(' '));
    const problems = checkInOrder(text, withEditorialChanges(sentences, notice!.source, normalise), normalise);
    expect(problems, `seed ${seed} -> ${noticeId}:\n${describeProblems(problems)}`).toEqual([]);
  });

  it("keeps the source's apostrophes and quotes as written", () => {
    const notice = notices.get(noticeId);
    expect(notice, `no notice with the id ${noticeId}`).toBeDefined();
    const text = normaliseKeepingQuotes(noticeText(notice!).join(' '));
    const problems = checkInOrder(text, withEditorialChanges(sentences, notice!.source, normaliseKeepingQuotes), normaliseKeepingQuotes);
    expect(problems, `seed ${seed} -> ${noticeId}:\n${describeProblems(problems)}`).toEqual([]);
  });
});
