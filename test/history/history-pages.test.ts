/**
 * The history stage and the views it feeds, on a small repository made in a temporary folder:
 * each published notice's history page lists its major change notes and its versions (minor and
 * invisible ones left off, versions that no longer validate listed without their text), the feeds
 * list major changes only, and a folder without git or a shallow clone says so instead of failing.
 */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherHistories } from '../../src/history/site-history.js';
import { loadSite } from '../../src/load/load-site.js';
import type { Site } from '../../src/model/notice.js';
import { feedViews } from '../../src/views/feeds.js';
import { HISTORY_SHALLOW, HISTORY_UNAVAILABLE, historyPageViews } from '../../src/views/history.js';
import { noticeView } from '../../src/views/notice.js';
import { lastUpdatedDate, majorChanges } from '../../src/views/updates.js';
import { BODIES_YAML, makeProject, ORGANISATIONS_YAML, PICTURES_YAML, SITE_YAML } from '../helpers/project.js';
import { makeRepo, makeTempFolder, notice, shallowClone, type TestRepo } from './git-repo.js';

const FILE = 'content/test-council/notice.yaml';
const OWNERS_YAML = 'test-council-data-protection:\n  name: Data Protection Team\n  email: dp@test.example.org\n';

const MAJOR = `changes:
  - date: 2026-02-01
    note: We now use your information to check the quality of our services.
    kind: major
`;
const MINOR = `  - date: 2026-03-01
    note: Corrected a spelling.
    kind: minor
`;

async function site(root: string): Promise<Site> {
  const loaded = await loadSite({ root, today: new Date('2026-06-01T00:00:00Z') });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
  return loaded.site!;
}

describe('history pages and feeds from a small repository', () => {
  let repo: TestRepo;

  beforeAll(async () => {
    repo = await makeRepo();
    for (const [file, text] of Object.entries({ 'data/site.yaml': SITE_YAML, 'data/organisations.yaml': ORGANISATIONS_YAML, 'data/bodies.yaml': BODIES_YAML, 'data/pictures.yaml': PICTURES_YAML, 'data/owners.yaml': OWNERS_YAML })) {
      await repo.write(file, text);
    }
    await repo.write(FILE, notice());
    await repo.commit('Publish the notice', '2026-01-15');
    await repo.write(FILE, notice({ lastUpdated: '2026-02-01', purposes: 'plan and provide support for you, your family and your carers', extra: MAJOR }));
    await repo.commit('Carers are supported too', '2026-02-01');
    // A field today's schema does not know: this version is listed, not shown.
    await repo.write(FILE, notice({ lastUpdated: '2026-02-15', purposes: 'plan and provide support for you, your family and your carers', extra: `${MAJOR}legacyField: old\n`, who: 'Test Council is responsible for your information.' }));
    await repo.commit('Shorter introduction, written in the old format', '2026-02-15');
    await repo.write(FILE, notice({ lastUpdated: '2026-03-01', purposes: 'plan and provide support for you, your family and your carers', extra: MAJOR + MINOR, who: 'Test Council is responsible for your informaton.' }));
    await repo.commit('Spelling', '2026-03-01');
  });
  afterAll(() => repo.cleanup());

  it('lists major change notes and versions, leaving off minor ones, and lists an invalid version without its text', async () => {
    const loaded = await site(repo.root);
    const [page] = historyPageViews(loaded, await gatherHistories(repo.root, loaded));
    expect(page!.url).toBe('/test-notice/history/');
    expect(page!.historyNote).toBeUndefined();
    expect(page!.changes).toEqual([
      { text: '1 February 2026', datetime: '2026-02-01', note: 'We now use your information to check the quality of our services.', anchor: 'change-2026-02-01' },
    ]);
    expect(page!.versions.map((v) => [v.date.datetime, v.description, v.valid])).toEqual([
      ['2026-02-15', 'Shorter introduction, written in the old format', false],
      ['2026-02-01', 'We now use your information to check the quality of our services.', true],
      ['2026-01-15', 'Publish the notice', true],
    ]);
    expect(page!.versions[0]!.changes).toEqual([]);
    expect(page!.versions[1]!.changes.join(' ')).toContain('How we use your information');
    // The minor change (1 March) is kept in the file but not listed, and does not move "Last updated".
    expect(page!.lastUpdated.text).toBe('1 March 2026');
  });

  it('shows "Last updated" with a link to all updates and the latest major change on the notice', async () => {
    const loaded = await site(repo.root);
    const view = noticeView(loaded.published[0]!, loaded);
    expect(view.meta.find((line) => line.label === 'Last updated')).toMatchObject({ text: '1 March 2026', link: { text: 'See all updates', href: '/test-notice/history/' } });
    expect(view.meta.find((line) => line.label === 'Latest change')?.text).toBe('We now use your information to check the quality of our services.');
  });

  it('lists major changes only in the site feed and the organisation feed', async () => {
    const loaded = await site(repo.root);
    const [all, council] = feedViews(loaded, [loaded.organisations.get('test-council')!]);
    expect(all!.url).toBe('/feed.xml');
    expect(council!.url).toBe('/organisations/test-council/feed.xml');
    for (const feed of [all!, council!]) {
      expect(feed.entries).toEqual([
        {
          id: 'https://notices.example.org/test-notice/history/#change-2026-02-01',
          title: 'How we use your information: updated 1 February 2026',
          link: 'https://notices.example.org/test-notice/',
          updated: new Date('2026-02-01T00:00:00Z'),
          summary: 'We now use your information to check the quality of our services.',
        },
      ]);
      expect(feed.updated).toEqual(new Date('2026-02-01T00:00:00Z'));
    }
  });

  it('says so in a shallow clone, listing only the versions it has', async () => {
    const clone = await shallowClone(repo);
    try {
      const loaded = await site(clone.root);
      const [page] = historyPageViews(loaded, await gatherHistories(clone.root, loaded));
      expect(page!.historyNote).toBe(HISTORY_SHALLOW);
      // The one version it has is the first it can see, so it carries both notes: only the major one is shown.
      expect(page!.versions.map((v) => [v.date.datetime, v.description])).toEqual([['2026-03-01', 'We now use your information to check the quality of our services.']]);
      expect(page!.changes).toHaveLength(1);
    } finally {
      await clone.cleanup();
    }
  });

  it('says so in a folder without git, and still lists the recorded updates', async () => {
    const plain = await makeTempFolder('notices-no-git-');
    try {
      await cp(path.join(repo.root, 'content'), path.join(plain, 'content'), { recursive: true });
      await cp(path.join(repo.root, 'data'), path.join(plain, 'data'), { recursive: true });
      const loaded = await site(plain);
      const histories = await gatherHistories(plain, loaded);
      expect(histories.get('test-notice')).toMatchObject({ available: false });
      const [page] = historyPageViews(loaded, histories);
      expect(page!.historyNote).toBe(HISTORY_UNAVAILABLE);
      expect(page!.versions).toEqual([]);
      expect(page!.changes).toHaveLength(1);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('the owner check when loading', () => {
  it('warns about a published notice whose owner data/owners.yaml does not know, at its line', async () => {
    const project = await makeProject({ 'data/owners.yaml': OWNERS_YAML, [FILE]: notice().replace('owner: test-council-data-protection', 'owner: test-council-dp') });
    try {
      const loaded = await loadSite({ root: project.root, today: new Date('2026-06-01T00:00:00Z') });
      expect(loaded.diagnostics.find((d) => d.code === 'owner-unknown')).toMatchObject({ severity: 'warning', file: FILE, line: 5 });
      expect(loaded.site).toBeDefined();
    } finally {
      await project.cleanup();
    }
  });
});

describe('what a notice shows as its last update', () => {
  const base = { lastUpdated: { year: 2024, month: 10, iso: '2024-10' } };
  it('is lastUpdated, or the latest major change when later; minor changes never move it', () => {
    expect(lastUpdatedDate({ ...base, changes: [] })?.iso).toBe('2024-10');
    expect(lastUpdatedDate({ ...base, changes: [{ date: '2026-01-02', note: 'Spelling.', kind: 'minor' }] })?.iso).toBe('2024-10');
    expect(lastUpdatedDate({ ...base, changes: [{ date: '2025-03-04', note: 'New recipient.', kind: 'major' }] })?.iso).toBe('2025-03-04');
  });

  it('lists major notes newest first, each with its own anchor, even two on one day', () => {
    const changes = majorChanges({
      changes: [
        { date: '2025-03-04', note: 'First.', kind: 'major' },
        { date: '2025-03-04', note: 'Second.', kind: 'major' },
        { date: '2025-05-01', note: 'Spelling.', kind: 'minor' },
        { date: '2024-12-01', note: 'Oldest.', kind: 'major' },
      ],
    });
    expect(changes.map((c) => [c.note, c.anchor, c.text])).toEqual([
      ['Second.', 'change-2025-03-04-2', '4 March 2025'],
      ['First.', 'change-2025-03-04', '4 March 2025'],
      ['Oldest.', 'change-2024-12-01', '1 December 2024'],
    ]);
  });
});
