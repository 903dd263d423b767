/**
 * The load stage's memo (LoadOptions.memo): a notice file loaded before, with the same bytes, shared
 * data and day, is taken from the memo, and the result is the same as loading it again: the same
 * site, and the same problems at the same lines, including problems found across files, which are
 * placed by reading the file again only then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadSite, type NoticeFileResult, type NoticeMemo } from '../../src/load/load-site.js';
import { makeProject, noticeYaml, ORGANISATIONS_YAML, type TestProject } from '../helpers/project.js';

/** A memo in memory that counts what it was asked, stored as the build's cache stores it (JSON). */
function memoryMemo() {
  const entries = new Map<string, string>();
  const counts = { reused: 0, made: [] as string[] };
  const memo: NoticeMemo = {
    async get(key) {
      const stored = entries.get(key);
      if (stored === undefined) return undefined;
      counts.reused++;
      return JSON.parse(stored) as NoticeFileResult;
    },
    async set(key, result, file) {
      counts.made.push(file);
      entries.set(key, JSON.stringify(result));
    },
  };
  return { memo, counts, reset: () => Object.assign(counts, { reused: 0, made: [] }) };
}

const TODAY = new Date('2026-06-01');
const format = (d: { file: string; line: number; column: number; code: string; message: string }) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;

let project: TestProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

describe('the load memo', () => {
  it('gives the same site and problems as loading every file again, and loads again only what changed', async () => {
    project = await makeProject({
      'content/a.yaml': noticeYaml('notice-a', `  - heading: Other notices
    body:
      - type: paragraph
        text: Read [the other notice](/notice-b/#no-such-section) too.
`),
      'content/b.yaml': noticeYaml('notice-b'),
      'content/c.yaml': noticeYaml('notice-c').replace('lastUpdated: 2026-01-15', 'lastUpdated: 2026-13-15'),
    });
    const { memo, counts, reset } = memoryMemo();
    const plain = await loadSite({ root: project.root, today: TODAY });
    const first = await loadSite({ root: project.root, today: TODAY, memo });
    expect(counts.made.sort()).toEqual(['content/a.yaml', 'content/b.yaml', 'content/c.yaml']);
    reset();
    const again = await loadSite({ root: project.root, today: TODAY, memo });
    expect(counts).toMatchObject({ reused: 3, made: [] });

    // A link to a missing section (a check across files) and an impossible date (the file's own).
    const problems = plain.diagnostics.map(format).sort();
    expect(problems.some((p) => p.startsWith('content/a.yaml:') && p.includes('link-to-unknown-page'))).toBe(true);
    expect(problems.some((p) => p.startsWith('content/c.yaml:6:') && p.includes('invalid-date-format'))).toBe(true);
    expect(first.diagnostics.map(format).sort()).toEqual(problems);
    expect(again.diagnostics.map(format).sort()).toEqual(problems);
    // The line of the link problem is real (not 0): the file was read again to place it.
    const link = again.diagnostics.find((d) => d.code === 'link-to-unknown-page')!;
    expect(link.line).toBeGreaterThan(10);

    // Fix c: only c is loaded again, and the site is the same as without the memo.
    await project.write('content/c.yaml', noticeYaml('notice-c'));
    reset();
    const fixed = await loadSite({ root: project.root, today: TODAY, memo });
    expect(counts.made).toEqual(['content/c.yaml']);
    expect(fixed.diagnostics.map(format).sort()).toEqual((await loadSite({ root: project.root, today: TODAY })).diagnostics.map(format).sort());
  });

  it('loads every notice again when the shared data or the day changes', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml('notice-a'), 'content/b.yaml': noticeYaml('notice-b') });
    const { memo, counts, reset } = memoryMemo();
    const first = await loadSite({ root: project.root, today: TODAY, memo });
    expect(first.site).toBeDefined();

    await project.write('data/organisations.yaml', ORGANISATIONS_YAML.replace(/name: .*/, 'name: Renamed Council'));
    reset();
    const renamed = await loadSite({ root: project.root, today: TODAY, memo });
    expect(counts.made.sort()).toEqual(['content/a.yaml', 'content/b.yaml']);
    expect(renamed.site!.notices.map((n) => n.organisation.name)).toEqual(['Renamed Council', 'Renamed Council']);

    reset();
    await loadSite({ root: project.root, today: new Date('2028-01-01'), memo });
    expect(counts.made.length).toBe(2);
  });

  it('keeps one organisation object for all the notices that name it', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml('notice-a'), 'content/b.yaml': noticeYaml('notice-b') });
    const { memo } = memoryMemo();
    await loadSite({ root: project.root, today: TODAY, memo });
    const again = await loadSite({ root: project.root, today: TODAY, memo });
    const [a, b] = again.site!.notices;
    expect(a!.organisation).toBe(b!.organisation);
    expect(a!.organisation).toBe(again.organisations.get('test-council'));
  });
});
