/**
 * The five real notices (test/fixtures/seeds/*.txt) imported as they are: each draft validates,
 * and once loaded as the site loads it, keeps every sentence of its source in order.
 */
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite, type LoadResult } from '../../src/load/load-site.js';
import { importNotice, type ImportResult } from '../../src/import/import-notice.js';
import { noticeText } from '../../src/text/notice-text.js';
import { checkInOrder, describeProblems, normalise, seedSentences, seedText } from '../helpers/sentences.js';
import { importProject, SEED_DIR, type ImportProject } from './helpers.js';

const SEED_ORGANISATIONS: Record<string, string> = {
  '000': 'kent-county-council',
  '001': 'kent-county-council',
  '002': 'model-local-authority',
  '003': 'hampshire-county-council',
  '004': 'kent-county-council',
};
const TODAY = new Date('2026-01-20T12:00:00Z');

let project: ImportProject;
const results = new Map<string, ImportResult>();
let loaded: LoadResult;

beforeAll(async () => {
  project = await importProject();
  for (const seed of Object.keys(SEED_ORGANISATIONS)) {
    const file = readdirSync(SEED_DIR).find((name) => name.startsWith(`${seed}_`))!;
    results.set(seed, await importNotice({ root: project.root, file: path.join(SEED_DIR, file), organisation: SEED_ORGANISATIONS[seed]!, id: `imported-${seed}`, today: TODAY }));
  }
  loaded = await loadSite(project.root, { today: TODAY });
});

afterAll(() => project.cleanup());

describe.each(Object.keys(SEED_ORGANISATIONS))('seed %s', (seed) => {
  it('comes out as a draft that validates', () => {
    const result = results.get(seed)!;
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.yaml).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/notice\.schema\.json\n/);
    expect(result.yaml).toContain('\nstatus: draft');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error' && d.file === result.out)).toEqual([]);
  });

  it('reports 100 % sentence coverage', () => {
    const { coverage } = results.get(seed)!;
    expect(coverage.missing).toEqual([]);
    expect(coverage.found).toBe(coverage.total);
    expect(coverage.total).toBeGreaterThan(10);
  });

  it('keeps every sentence of the source, in order, once built into a notice', () => {
    const notice = loaded.site?.notices.find((n) => n.id === `imported-${seed}`);
    expect(notice, 'the draft did not load').toBeDefined();
    expect(notice!.status).toBe('draft');
    const text = normalise(noticeText(notice!).join(' '));
    const problems = checkInOrder(text, seedSentences(seedText(seed)), normalise);
    expect(problems, describeProblems(problems)).toEqual([]);
  });
});

describe('what the seeds turn into', () => {
  it('finds the dates the sources state, and marks the ones they do not', () => {
    expect(results.get('001')!.draft.lastUpdated).toEqual({ value: '2024-10', comment: 'from the source' });
    expect(results.get('004')!.draft.lastUpdated.value).toBe('2022-12');
    expect(results.get('002')!.draft.lastUpdated.value).toBe('2026-01');
    expect(results.get('000')!.yaml).toMatch(/^lastUpdated: unknown # not stated in the source: confirm$/m);
  });

  it("turns Kent's and the DfE's details into contact blocks (000), and Hampshire's name into its contact point (003)", () => {
    expect(results.get('000')!.stats.contacts).toEqual(['kent-county-council/information-resilience', 'department-for-education/enquiries-1998']);
    expect(results.get('003')!.stats.contacts).toEqual(['hampshire-county-council/main']);
  });

  it('nests ### sections under ## ones (002) and reads the pipe table (001)', () => {
    const model = results.get('002')!.draft;
    const lawful = model.sections.find((s) => s.heading === 'Lawful basis for processing')!;
    expect(lawful.sections.map((s) => s.heading)).toEqual(['Collecting this information', 'Storing personal data', 'Who we share this information with', 'Why we share this information']);
    const table = results.get('001')!.draft.sections.flatMap((s) => s.body).find((b) => b.block.type === 'table')!.block;
    expect(table.type === 'table' && table.columns).toEqual(['Category', 'Retention Period']);
    expect(table.type === 'table' && table.rows).toHaveLength(8);
  });

  it('gives lists the sentence that introduces them (004)', () => {
    const blocks = results.get('004')!.draft.sections.flatMap(function all(s): { block: { type: string; intro?: string } }[] {
      return [...s.body, ...s.sections.flatMap(all)];
    });
    expect(blocks.map((b) => b.block).filter((b) => b.type === 'list' && b.intro).map((b) => b.intro)).toContain('We use your personal information to:');
  });
});
