import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { MAJOR_COVERS, checkChangesSince } from '../../src/history/change-check.js';
import { GDPR_ITEM_IDS } from '../../src/model/gdpr.js';
import { REPO_ROOT } from '../helpers/project.js';
import { makeRepo, makeTempFolder, notice, type TestRepo } from './git-repo.js';

const run = promisify(execFile);
const FILE = 'content/test-council/notice.yaml';
const TODAY = new Date('2026-03-10T09:00:00Z');
const MAJOR_NOTE = `changes:
  - date: 2026-03-10
    note: We now also use your information to check the quality of our services.
    kind: major
`;

/** Runs npm run changes in `cwd` as a comms officer would; returns the exit code and output. */
async function runScript(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'scripts/changes.ts'), ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the change check', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await makeRepo();
    await repo.write(FILE, notice());
    await repo.commit('Publish the notice', '2026-01-15');
  });
  afterEach(() => repo.cleanup());

  it('fails when a commit edits a sentence without updating the notice, naming the file and line, and passes once it is updated', async () => {
    // One commit edits a sentence of the "Who we are" section (covers: controller, not a major item).
    await repo.write(FILE, notice({ who: 'Test Council is responsible for your information. We are the data controller.' }));
    await repo.commit('Clarify who the controller is', '2026-03-09');

    const failing = await checkChangesSince({ root: repo.root, since: 'HEAD~1', today: TODAY });
    expect(failing.ok).toBe(true);
    if (!failing.ok) return;
    expect(failing.diagnostics.map(formatDiagnostic)).toEqual([
      `${FILE}:8:14 error [last-updated-not-changed] lastUpdated: the text of this notice changed since HEAD~1 (reworded the section “Who we are”: 1 sentence added, 1 sentence removed), but lastUpdated is still 2026-01-15.
    Set lastUpdated to the day the change is published, e.g.:
      lastUpdated: 2026-03-10
    For a correction of wording or spelling, also record it as a minor change (see docs/keeping-current.md).`,
    ]);

    const script = await runScript(repo.root, '--since', 'HEAD~1', '--today', '2026-03-10');
    expect(script.code).toBe(1);
    expect(script.stdout).toContain(`${FILE}:8:14 error [last-updated-not-changed]`);

    await repo.write(FILE, notice({ who: 'Test Council is responsible for your information. We are the data controller.', lastUpdated: '2026-03-10' }));
    await repo.git('commit', '-q', '--amend', '--no-edit', '-a');
    const passing = await checkChangesSince({ root: repo.root, since: 'HEAD~1', today: TODAY });
    expect(passing.ok && passing.diagnostics).toEqual([]);
    const script2 = await runScript(repo.root, '--since', 'HEAD~1', '--today', '2026-03-10');
    expect(script2.code).toBe(0);
    expect(script2.stdout).toContain('Compared 1 published notice with HEAD~1');
  });

  it('asks for a major change note when a section covering purposes changed, with the YAML to add, then passes', async () => {
    await repo.write(FILE, notice({ purposes: 'plan, provide and review support for you and your family', lastUpdated: '2026-03-10' }));
    await repo.commit('Add reviewing support to the purposes', '2026-03-10');
    const failing = await checkChangesSince({ root: repo.root, since: 'HEAD~1', today: TODAY });
    if (!failing.ok) throw new Error(failing.usage);
    expect(failing.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['major-change-note-missing', 1, 1]]);
    expect(failing.diagnostics[0]!.message).toBe('the section “How we use your information” changed since HEAD~1; it covers purposes, so readers must be told: add a major change note.');
    expect(failing.diagnostics[0]!.hint).toBe(
      [
        'Add a changes: list after lastUpdated, e.g.:',
        'changes:',
        '  - date: 2026-03-10',
        '    note: Say in a sentence what changed for the reader, e.g. "We now keep records for 25 years, not 75."',
        '    kind: major',
      ].join('\n    '),
    );

    // A minor note is not enough; the problem then points at the changes: line.
    await repo.write(FILE, notice({ purposes: 'plan, provide and review support for you and your family', lastUpdated: '2026-03-10', extra: MAJOR_NOTE.replace('major', 'minor') }));
    const minorOnly = await checkChangesSince({ root: repo.root, since: 'HEAD~1', today: TODAY });
    expect(minorOnly.ok && minorOnly.diagnostics.map((d) => [d.code, d.line])).toEqual([['major-change-note-missing', 10]]);

    await repo.write(FILE, notice({ purposes: 'plan, provide and review support for you and your family', lastUpdated: '2026-03-10', extra: MAJOR_NOTE }));
    const passing = await checkChangesSince({ root: repo.root, since: 'HEAD~1', today: TODAY });
    expect(passing.ok && passing.diagnostics).toEqual([]);
  });

  it('needs no change note for a notice published for the first time, and ignores drafts and moves', async () => {
    await repo.write('content/test-council/new.yaml', notice({ id: 'new-notice', lastUpdated: '2019-05' }));
    await repo.write('content/test-council/draft.yaml', notice({ id: 'draft-notice', status: 'draft' }));
    await repo.git('mv', FILE, 'content/test-council/moved.yaml');
    await repo.commit('Add a notice, start a draft, move a file', '2026-03-10');
    const result = await checkChangesSince({ root: repo.root, since: 'HEAD~1', today: TODAY });
    if (!result.ok) throw new Error(result.usage);
    expect(result.diagnostics).toEqual([]);
    expect(result.checked).toBe(2);
    expect(result.firstPublished).toEqual(['content/test-council/new.yaml']);
  });

  it('rejects dates after today and incomplete change notes', async () => {
    await repo.write(FILE, notice({ lastUpdated: '2026-04', extra: 'changes:\n  - date: 2026-03-11\n    note: Soon.\n    kind: minor\n  - note: No date.\n' }));
    const result = await checkChangesSince({ root: repo.root, since: 'HEAD', today: TODAY });
    if (!result.ok) throw new Error(result.usage);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['change-note-incomplete', 14],
      ['change-date-in-future', 11],
      ['change-date-in-future', 8],
    ]);
  });

  it('says in one line when the revision is unknown or there is no git, with exit code 2', async () => {
    const unknown = await checkChangesSince({ root: repo.root, since: 'no-such-branch', today: TODAY });
    expect(unknown).toEqual({ ok: false, usage: "Cannot check changes: git does not know the revision 'no-such-branch' here." });
    const script = await runScript(repo.root, '--since', 'no-such-branch');
    expect(script.code).toBe(2);
    expect(script.stderr.trim()).toBe("Cannot check changes: git does not know the revision 'no-such-branch' here.");

    const folder = await makeTempFolder();
    try {
      const noGit = await checkChangesSince({ root: folder, since: 'HEAD', today: TODAY });
      expect(noGit.ok === false && noGit.usage).toMatch(/^Cannot check changes: this folder is not a git repository/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('treats changes to the sections the issue names as major, by their ids in src/model/gdpr.ts', () => {
    for (const tag of MAJOR_COVERS) expect(GDPR_ITEM_IDS).toContain(tag);
  });
});
