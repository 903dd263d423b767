import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/history/diff.js';
import { fileAt, filesAt, fileVersions, gitAvailability, isShallow, resolveRevision } from '../../src/history/git.js';
import { noticeHistory } from '../../src/history/history.js';
import { readNoticeText } from '../../src/history/notice-source.js';
import { makeRepo, makeTempFolder, notice, shallowClone, type TestRepo } from './git-repo.js';

const OLD = 'content/test-council/notice.yaml';
const NEW = 'content/test-council/how-we-use-information.yaml';

describe('history from git', () => {
  let repo: TestRepo;
  const commits: string[] = [];

  beforeAll(async () => {
    repo = await makeRepo();
    await repo.write(OLD, notice());
    commits.push(await repo.commit('Publish the notice', '2026-01-15'));
    await repo.write(OLD, notice({ who: 'Test Council is responsible for your information. We decide how it is used.', lastUpdated: '2026-02-01' }));
    commits.push(await repo.commit('Say who decides how information is used', '2026-02-01'));
    await repo.git('mv', OLD, NEW);
    commits.push(await repo.commit('Name the file after the service', '2026-03-01'));
  });
  afterAll(() => repo.cleanup());

  it('lists versions newest first, with dates and messages, following the rename', async () => {
    const history = await fileVersions(repo.root, NEW);
    expect(history.available).toBe(true);
    if (!history.available) return;
    expect(history.shallow).toBe(false);
    expect(history.versions.map((v) => [v.date, v.subject, v.path])).toEqual([
      ['2026-03-01', 'Name the file after the service', NEW],
      ['2026-02-01', 'Say who decides how information is used', OLD],
      ['2026-01-15', 'Publish the notice', OLD],
    ]);
    expect(history.versions.map((v) => v.commit)).toEqual([...commits].reverse());
  });

  it('reads a file at a commit, and says when it was not there', async () => {
    const first = await fileAt(repo.root, commits[0]!, OLD);
    expect(first).toContain('We are the controller.');
    expect(await fileAt(repo.root, commits[0]!, NEW)).toBeUndefined();
    expect(await fileAt(repo.root, 'no-such-revision', OLD)).toBeUndefined();
    expect(await filesAt(repo.root, commits[2]!, 'content')).toEqual([NEW]);
  });

  it('describes what changed between two versions from their YAML, sentence by sentence', async () => {
    const read = async (commit: string, file: string) => {
      const result = readNoticeText(file, (await fileAt(repo.root, commit, file))!);
      if (!result.ok) throw new Error('not YAML');
      return result.notice.data;
    };
    const changes = describeChanges(await read(commits[0]!, OLD), await read(commits[1]!, OLD));
    expect(changes.sections).toEqual([
      expect.objectContaining({ change: 'reworded', heading: 'Who we are', sentencesAdded: ['We decide how it is used.'], sentencesRemoved: ['We are the controller.'], covers: ['controller'] }),
    ]);
    // The rename changed no text.
    expect(describeChanges(await read(commits[1]!, OLD), await read(commits[2]!, NEW)).textChanged).toBe(false);
  });

  it('resolves revisions, and refuses ones that look like options', async () => {
    expect(await resolveRevision(repo.root, 'HEAD~1')).toBe(commits[1]);
    expect(await resolveRevision(repo.root, 'main')).toBe(commits[2]);
    expect(await resolveRevision(repo.root, 'no-such-branch')).toBeUndefined();
    expect(await resolveRevision(repo.root, '--all')).toBeUndefined();
  });

  it('works inside a sub-folder of a repository, with paths relative to it', async () => {
    const outer = await makeRepo();
    try {
      await outer.write(`site/${OLD}`, notice());
      const commit = await outer.commit('Publish', '2026-01-15');
      const root = path.join(outer.root, 'site');
      const history = await fileVersions(root, OLD);
      expect(history.available && history.versions.map((v) => v.path)).toEqual([OLD]);
      expect(await fileAt(root, commit, OLD)).toContain('id: test-notice');
      expect(await filesAt(root, commit, 'content')).toEqual([OLD]);
    } finally {
      await outer.cleanup();
    }
  });

  it('says when a clone is shallow, and still lists the versions it has', async () => {
    const clone = await shallowClone(repo);
    try {
      expect(await isShallow(clone.root)).toBe(true);
      const history = await fileVersions(clone.root, NEW);
      expect(history.available).toBe(true);
      if (!history.available) return;
      expect(history.shallow).toBe(true);
      expect(history.versions.map((v) => v.commit)).toEqual([commits[2]]);
      expect(await resolveRevision(clone.root, 'HEAD~1')).toBeUndefined();
    } finally {
      await clone.cleanup();
    }
  });

  it('answers "no git here" for a folder without .git, without throwing', async () => {
    const folder = await makeTempFolder();
    try {
      await mkdir(path.join(folder, 'content'), { recursive: true });
      await cp(path.join(repo.root, NEW), path.join(folder, NEW), { recursive: true });
      const history = await fileVersions(folder, NEW);
      expect(history).toEqual({ available: false, reason: 'not-a-repository', explanation: expect.stringContaining('not a git repository') });
      expect(await isShallow(folder)).toBe(false);
      expect(await fileAt(folder, 'HEAD', NEW)).toBeUndefined();
      expect(await resolveRevision(folder, 'HEAD')).toBeUndefined();
      expect(await filesAt(folder, 'HEAD', 'content')).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('answers "git is not installed" when there is no git to run', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await gitAvailability(repo.root)).toEqual({ available: false, reason: 'git-not-installed', explanation: expect.stringContaining('git is not installed') });
      expect((await fileVersions(repo.root, NEW)).available).toBe(false);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('a notice history page’s data', () => {
  it('lists each version with its change note or commit message, what changed, and whether today’s schema accepts it', async () => {
    const repo = await makeRepo();
    try {
      // The first version used a field today's schema no longer has.
      await repo.write(OLD, notice({ extra: 'reviewer: Jo Bloggs\n' }));
      await repo.commit('Publish the notice', '2026-01-15');
      await repo.write(OLD, notice({ purposes: 'plan and review support for you and your family', lastUpdated: '2026-02-01', extra: 'changes:\n  - date: 2026-02-01\n    note: We now also review the support we give.\n    kind: major\n' }));
      await repo.commit('Add reviewing support', '2026-02-01');
      await repo.git('mv', OLD, NEW);
      await repo.commit('Name the file after the service', '2026-03-01');

      const history = await noticeHistory(repo.root, NEW, { isValid: (data) => !Object.hasOwn(data as object, 'reviewer') });
      expect(history.available).toBe(true);
      if (!history.available) return;
      expect(history.versions.map((v) => ({ date: v.date, description: v.description, kind: v.kind, changes: v.changes, textChanged: v.textChanged, valid: v.valid }))).toEqual([
        { date: '2026-03-01', description: 'Name the file after the service', kind: undefined, changes: [], textChanged: false, valid: true },
        {
          date: '2026-02-01',
          description: 'We now also review the support we give.',
          kind: 'major',
          changes: ['Reworded the section “How we use your information”: 1 sentence added, 1 sentence removed.'],
          textChanged: true,
          valid: true,
        },
        { date: '2026-01-15', description: 'Publish the notice', kind: undefined, changes: [], textChanged: true, valid: false },
      ]);

      const folder = await makeTempFolder();
      try {
        expect(await noticeHistory(folder, NEW)).toEqual({ available: false, explanation: expect.stringContaining('not a git repository') });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    } finally {
      await repo.cleanup();
    }
  });
});
