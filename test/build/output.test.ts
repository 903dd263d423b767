/**
 * The publish step: all or nothing, one build at a time, and no folders left behind by builds that
 * failed or were killed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWritable, isProcessRunning, OutputError, previousOutputs, removeLeftovers, stageOutput } from '../../src/build/output.js';
import { REPO_ROOT } from '../helpers/project.js';

let parent: string;
let live: string;
/** Folders made immutable by a test, made mutable again afterwards so they can be deleted. */
const immutable: string[] = [];

/** chattr +i works only as root on a file system that supports it; otherwise those tests inject a failing rename. */
const canChattr = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = path.join(os.tmpdir(), `chattr-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
})();

function makeImmutable(target: string) {
  execFileSync('chattr', ['+i', target]);
  immutable.push(target);
}

beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'output-test-'));
  live = path.join(parent, '_site');
});

afterEach(async () => {
  for (const target of immutable.splice(0)) execFileSync('chattr', ['-i', target]);
  await rm(parent, { recursive: true, force: true });
});

async function writeSite(dir: string, marker: string) {
  await mkdir(path.join(dir, 'notice'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), marker);
  await writeFile(path.join(dir, 'notice', 'index.html'), marker);
}

const liveMarker = () => readFile(path.join(live, 'index.html'), 'utf8');
const siblings = async () => (await readdir(parent)).filter((name) => name !== '_site').sort();

async function publishError(work: () => Promise<unknown>): Promise<OutputError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof OutputError) return error;
    throw error;
  }
  throw new Error('expected an OutputError');
}

describe('publishing', () => {
  it('swaps the new site in and leaves no other folders', async () => {
    await writeSite(live, 'old');
    const staged = await stageOutput(live);
    await writeSite(staged.dir, 'new');
    expect(await staged.commit()).toEqual({ notes: [] });
    expect(await liveMarker()).toBe('new');
    expect(await siblings()).toEqual([]);
  });

  it('can return as soon as the new site is in place, deleting the previous one meanwhile (the preview)', async () => {
    await writeSite(live, 'old');
    // A previous site big enough that its deletion is still going on when commit returns.
    await Promise.all(Array.from({ length: 300 }, (_, i) => writeSite(path.join(live, `n${i}`), 'old')));
    const staged = await stageOutput(live);
    await writeSite(staged.dir, 'new');
    const result = await staged.commit({ deleteInBackground: true });
    expect(await liveMarker()).toBe('new');
    expect(result.notes).toEqual([]);
    expect(result.deleting).toBeInstanceOf(Promise);
    expect(await siblings()).toEqual([expect.stringMatching(new RegExp(`^_site\\.previous-${process.pid}-`))]);
    // Another build in the meantime leaves this process's folder alone.
    expect(await removeLeftovers(live)).toEqual([]);
    expect(await result.deleting).toEqual([]);
    expect(await siblings()).toEqual([]);
  });

  it('can hand the previous site to a process of its own, which outlives the build and deletes it (npm run build)', async () => {
    await writeSite(live, 'old');
    await Promise.all(Array.from({ length: 300 }, (_, i) => writeSite(path.join(live, `n${i}`), 'old')));
    // The real deleting script, run by one that first notes the id of the process running it.
    const side = await mkdtemp(path.join(os.tmpdir(), 'output-test-deleter-'));
    const deleter = path.join(side, 'noting.mjs');
    const real = path.join(REPO_ROOT, 'src', 'files', 'delete-folder.mjs');
    await writeFile(deleter, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(path.join(side, 'pid'))}, String(process.pid));\nawait import(${JSON.stringify(pathToFileURL(real).href)});\n`);
    const staged = await stageOutput(live, { deleter });
    await writeSite(staged.dir, 'new');
    expect(await staged.commit({ handOffDeletion: true })).toEqual({ notes: [] });
    expect(await liveMarker()).toBe('new');
    // Whatever is left is named after the deleting process, never after this one, so a later
    // build does not start deleting it while that process is still at work.
    const left = await siblings();
    const pids = left.map((name) => Number(/^_site\.previous-(\d+)-[0-9a-z]+$/.exec(name)?.[1]));
    expect(pids).toHaveLength(1);
    const pidFile = path.join(side, 'pid');
    await expect.poll(() => readFile(pidFile, 'utf8').catch(() => ''), { timeout: 10_000, interval: 20 }).not.toBe('');
    const deleterPid = Number(await readFile(pidFile, 'utf8'));
    expect(deleterPid).not.toBe(process.pid);
    expect(pids).toEqual([deleterPid]);
    await rm(side, { recursive: true, force: true });
    // What is left is what previousOutputs lists (the bench waits on it between runs).
    expect((await previousOutputs(live)).sort()).toEqual(left.filter((name) => name.startsWith('_site.previous-')).sort());
    await expect.poll(siblings, { timeout: 15_000, interval: 50 }).toEqual([]);
    expect(await previousOutputs(live)).toEqual([]);
    expect(await liveMarker()).toBe('new');
  });

  it('leaves the previous site to a later build when the deleting process fails, named after that process', async () => {
    await writeSite(live, 'old');
    const deleter = path.join(parent, 'fails.mjs');
    await writeFile(deleter, 'process.exit(3);\n');
    const staged = await stageOutput(live, { deleter });
    await writeSite(staged.dir, 'new');
    expect(await staged.commit({ handOffDeletion: true })).toEqual({ notes: [] });
    expect(await liveMarker()).toBe('new');
    const left = (await siblings()).filter((name) => name !== 'fails.mjs');
    expect(left).toEqual([expect.stringMatching(/^_site\.previous-\d+-[0-9a-z]+$/)]);
    const pid = Number(/-(\d+)-/.exec(left[0]!)![1]);
    expect(pid).not.toBe(process.pid);
    // Once that process is gone, the next build removes the folder.
    await expect.poll(() => isProcessRunning(pid), { timeout: 10_000, interval: 20 }).toBe(false);
    expect(await removeLeftovers(live)).toEqual(left);
    expect(await siblings()).toEqual(['fails.mjs']);
  });

  it('deletes the previous site itself when no deleting process can start', async () => {
    await writeSite(live, 'old');
    const staged = await stageOutput(live);
    await writeSite(staged.dir, 'new');
    // Node itself cannot be started (the deleting process runs the same Node as the build).
    const node = process.execPath;
    process.execPath = path.join(parent, 'no-such-node');
    try {
      expect(await staged.commit({ handOffDeletion: true })).toEqual({ notes: [] });
    } finally {
      process.execPath = node;
    }
    expect(await liveMarker()).toBe('new');
    expect(await siblings()).toEqual([]);
  });

  it('publishes the first site when there is none yet', async () => {
    const staged = await stageOutput(live);
    await writeSite(staged.dir, 'first');
    await staged.commit();
    expect(await liveMarker()).toBe('first');
  });

  it('discard leaves the live site as it was', async () => {
    await writeSite(live, 'old');
    const staged = await stageOutput(live);
    await writeSite(staged.dir, 'new');
    await staged.discard();
    expect(await liveMarker()).toBe('old');
    expect(await siblings()).toEqual([]);
  });
});

describe('a folder that cannot be written', () => {
  it.skipIf(!canChattr)('stops before rendering when the folder holding the site is read-only (chattr +i)', async () => {
    await writeSite(live, 'old');
    makeImmutable(parent);
    const error = await publishError(() => stageOutput(live));
    expect(error.code).toBe('output-not-writable');
    expect(error.message).toMatch(/^the site cannot be published to _site\/: no folder can be made in .* \(operation not permitted\)\.$/);
    expect(error.previousUnchanged).toBe(true);
    expect(await liveMarker()).toBe('old');
  });

  it.skipIf(!canChattr)('stops before rendering when the current site cannot be moved (chattr +i)', async () => {
    await writeSite(live, 'old');
    makeImmutable(live);
    const error = await publishError(() => checkWritable(live));
    expect(error.message).toBe('the site cannot be published to _site/: the current _site/ cannot be moved aside (operation not permitted).');
    expect(await siblings()).toEqual([]);
  });

  it('puts the previous site back when the new one cannot be moved in, and removes every temporary folder', async () => {
    await writeSite(live, 'old');
    const failing = async (from: string, to: string) => {
      if (to === live && from.includes('.building-')) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      await rename(from, to);
    };
    const staged = await stageOutput(live, { rename: failing });
    await writeSite(staged.dir, 'new');
    const error = await publishError(() => staged.commit());
    expect(error.code).toBe('output-swap-failed');
    expect(error.message).toBe('the new site could not be moved into _site/ (operation not permitted); the previous _site/ is unchanged.');
    expect(error.previousUnchanged).toBe(true);
    expect(await liveMarker()).toBe('old');
    expect(await siblings()).toEqual([]);
  });

  it('says where the previous site is when it cannot be put back either', async () => {
    await writeSite(live, 'old');
    const failing = async (from: string, to: string) => {
      if (to === live) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      await rename(from, to);
    };
    const staged = await stageOutput(live, { rename: failing });
    await writeSite(staged.dir, 'new');
    const error = await publishError(() => staged.commit());
    const kept = (await siblings()).filter((name) => name.startsWith('_site.previous-'));
    expect(kept).toHaveLength(1);
    expect(error.message).toBe(`the new site could not be moved into _site/ (permission denied), and the previous site could not be put back: it is in ${kept[0]}/.`);
    expect(error.hint).toBe(`Rename ${kept[0]}/ to _site/ to restore the previous site, then fix the permissions and build again.`);
    expect(error.previousUnchanged).toBe(false);
    expect((await siblings()).filter((name) => name.includes('.building-'))).toEqual([]);
  });

  it.skipIf(!canChattr)('reports the publish as done when only the old site cannot be deleted', async () => {
    await writeSite(live, 'old');
    await mkdir(path.join(live, 'stuck'));
    await writeFile(path.join(live, 'stuck', 'file'), 'x');
    makeImmutable(path.join(live, 'stuck'));
    const staged = await stageOutput(live);
    await writeSite(staged.dir, 'new');
    const { notes } = await staged.commit();
    expect(await liveMarker()).toBe('new');
    const kept = (await siblings()).filter((name) => name.startsWith('_site.previous-'));
    expect(kept).toHaveLength(1);
    immutable.splice(0, 1, path.join(parent, kept[0]!, 'stuck'));
    // Node reports the immutable folder as ENOTDIR or EPERM, depending on where rm stops.
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^the new site is published in _site/, but the previous site could not be deleted from ${kept[0]!.replace(/\./g, '\\.')}/ \\((operation not permitted|error ENOTDIR)\\)\\.$`));
  });
});

describe('one publish at a time', () => {
  it('serialises concurrent publishes: each swap finishes before the next starts, and the result is one whole site', async () => {
    await writeSite(live, 'old');
    let inFlight = 0;
    let most = 0;
    const slowRename = async (from: string, to: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await rename(from, to);
      inFlight--;
    };
    const builds = await Promise.all(['a', 'b', 'c'].map(async (marker) => {
      const staged = await stageOutput(live, { rename: slowRename });
      await writeSite(staged.dir, marker);
      return staged;
    }));
    most = 0; // the writability probes above ran concurrently by design
    await Promise.all(builds.map((staged) => staged.commit()));
    expect(most).toBe(1);
    const marker = await liveMarker();
    expect(['a', 'b', 'c']).toContain(marker);
    expect(await readFile(path.join(live, 'notice', 'index.html'), 'utf8')).toBe(marker);
    expect(await siblings()).toEqual([]);
  });

  it('gives up after a bounded wait when another build holds the lock, changing nothing', async () => {
    await writeSite(live, 'old');
    const release = await lockfile.lock(live, { lockfilePath: path.join(parent, '_site.lock'), realpath: false });
    try {
      const staged = await stageOutput(live, { lockWaitMs: 300 });
      await writeSite(staged.dir, 'new');
      const started = Date.now();
      const error = await publishError(() => staged.commit());
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error.code).toBe('output-locked');
      expect(error.message).toBe('another build is publishing to _site/ and did not finish within 0.3 seconds (its lock is _site.lock).');
      expect(await liveMarker()).toBe('old');
      expect(await siblings()).toEqual(['_site.lock']);
    } finally {
      await release();
    }
  });
});

describe('leftovers of killed builds', () => {
  it('removes the staging folder of a build that was killed (SIGKILL) while writing', async () => {
    await writeSite(live, 'old');
    const script = path.join(parent, 'child.mts');
    await writeFile(
      script,
      `import { stageOutput } from ${JSON.stringify(path.join(REPO_ROOT, 'src/build/output.ts'))};
import { writeFile } from 'node:fs/promises';
const staged = await stageOutput(${JSON.stringify(live)});
await writeFile(staged.dir + '/index.html', 'half');
console.log(staged.dir);
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const stagedDir = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(existsSync(stagedDir)).toBe(true);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await rm(script);

    expect(await liveMarker()).toBe('old');
    const staged = await stageOutput(live);
    expect(existsSync(stagedDir)).toBe(false);
    await staged.discard();
    expect(await siblings()).toEqual([]);
  });

  it('removes previous-site folders of dead processes and keeps those of running ones', async () => {
    const dead = 2 ** 22 + 12345; // above Linux's largest pid
    for (const name of [`_site.building-${dead}-abc`, `_site.previous-${dead}-abc`, `_site.probe-${dead}-abcx`, `_site.building-${process.pid}-abc`, '_site.building-1-abc', 'other.building-999999-abc', '_site.backup']) {
      await mkdir(path.join(parent, name));
    }
    const removed = await removeLeftovers(live, (pid) => pid !== dead);
    expect(removed.sort()).toEqual([`_site.building-${dead}-abc`, `_site.previous-${dead}-abc`, `_site.probe-${dead}-abcx`]);
    expect(await siblings()).toEqual(['_site.backup', `_site.building-${process.pid}-abc`, '_site.building-1-abc', 'other.building-999999-abc'].sort());
  });

  it("lists the previous sites still being deleted, and only this output's", async () => {
    for (const name of ['_site.previous-123-abc', '_site.previous-9-x1', '_site.building-123-abc', 'other.previous-123-abc', '_site.previous', '_site.previous-abc']) {
      await mkdir(path.join(parent, name));
    }
    expect((await previousOutputs(live)).sort()).toEqual(['_site.previous-123-abc', '_site.previous-9-x1']);
    expect(await previousOutputs(path.join(parent, 'nowhere', '_site'))).toEqual([]);
  });
});

describe('the build and its report, when the output cannot be published', () => {
  it('stops before rendering anything, with the catalogue code and no stack trace', async () => {
    const { build } = await import('../../src/build/build.js');
    const { makeProject, noticeYaml } = await import('../helpers/project.js');
    const project = await makeProject({ 'content/a.yaml': noticeYaml() });
    try {
      // A file where the output's folder should be: no folder can be made there, whoever runs the build.
      await writeFile(path.join(project.root, 'blocked'), 'a file');
      const result = await build({ root: project.root, outDir: 'blocked/_site', check: false, today: new Date('2026-11-22T00:00:00Z') });
      expect(result.ok).toBe(false);
      expect(result.failure).toMatch(/^\[output-not-writable\] the site cannot be published to _site\/: the folder it goes in, .*blocked, cannot be made/);
      expect(result.failure).not.toMatch(/\n\s+at /);
      expect(result.timings.map((t) => t.stage)).not.toContain('PDF');
      expect(result.previousUnchanged).toBeUndefined();
    } finally {
      await project.cleanup();
    }
  });

  it('says the previous site is unchanged only when it is', async () => {
    const { printBuildOutcome } = await import('../../src/build/report.js');
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      const base = { ok: false, diagnostics: [], timings: [], outDir: '/x/_site', pages: 0 };
      printBuildOutcome({ ...base, failure: '[output-swap-failed] the new site could not be moved into _site/ (x), and the previous site could not be put back: it is in _site.previous-1-a/.', previousUnchanged: false }, '_site');
      expect(lines.join('\n')).not.toContain('unchanged');
      lines.length = 0;
      printBuildOutcome({ ...base, failure: 'a stage failed' }, '_site');
      expect(lines.join('\n')).toContain('Nothing was published: the previous _site/ is unchanged.');
      lines.length = 0;
      printBuildOutcome({ ...base, ok: true, site: { published: [] } as never, notes: ['the new site is published in _site/, but the previous site could not be deleted'] }, '_site');
      expect(lines).toContain('note: the new site is published in _site/, but the previous site could not be deleted');
    } finally {
      console.error = original;
    }
  });
});
