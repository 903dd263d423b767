/**
 * The load cache's file stamps (src/build/cache-load.ts): a rebuild hashes a notice file again
 * only when its size, times or inode changed since its bytes were last read; a change that keeps
 * the size and the modification time (set back) is still seen, by the change time; a file changed
 * within the last moments is not stamped (it could change again within the same time stamp); a
 * file removed is forgotten; and the notices loaded are the same either way.
 */
import { stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMemo } from '../../src/build/cache-load.js';
import { loadSite } from '../../src/load/load-site.js';
import { makeProject, noticeYaml, type TestProject } from '../helpers/project.js';

const TODAY = new Date('2026-06-01');
const projects: TestProject[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map((project) => project.cleanup()));
});

/** Loads the project with a new memo, counting the files whose hash the memo knew. */
async function load(project: TestProject, recentMs?: number) {
  const memo = loadMemo(project.root, undefined, undefined, { recentMs });
  let known = 0;
  const knownHash = memo.knownHash!;
  memo.knownHash = (file, info) => {
    const hash = knownHash(file, info);
    if (hash !== undefined) known++;
    return hash;
  };
  const loaded = await loadSite({ root: project.root, today: TODAY, memo });
  return { loaded, known, titles: loaded.site!.notices.map((notice) => notice.title).sort() };
}

async function project(): Promise<TestProject> {
  const made = await makeProject({ 'content/one.yaml': noticeYaml('one'), 'content/two.yaml': noticeYaml('two'), 'content/three.yaml': noticeYaml('three') });
  projects.push(made);
  return made;
}

describe('the load cache’s file stamps', () => {
  it('hashes again only the files whose stat changed, and sees a change that kept the size and the time', async () => {
    const made = await project();
    const first = await load(made, 0);
    expect(first.known).toBe(0);
    const again = await load(made, 0);
    expect(again.known).toBe(3);
    expect(JSON.stringify(again.loaded.site!.notices)).toBe(JSON.stringify(first.loaded.site!.notices));

    // The same number of bytes, and the modification time put back: the change time tells.
    const file = path.join(made.root, 'content/two.yaml');
    const before = await stat(file);
    const changed = noticeYaml('two').replace('How we use your information', 'How we use your informatioN');
    expect(changed.length).toBe(noticeYaml('two').length);
    await made.write('content/two.yaml', changed);
    await utimes(file, before.atimeMs / 1000, before.mtimeMs / 1000);
    expect(Math.abs((await stat(file)).mtimeMs - before.mtimeMs)).toBeLessThan(1);
    const after = await load(made, 0);
    expect(after.known).toBe(2);
    expect(after.titles).toContain('How we use your informatioN');
    // Only the change time differs: the file is read again.
    const memo = loadMemo(made.root, undefined, undefined, { recentMs: 0 });
    const now = await stat(file);
    const sha = memo.knownHash!('content/two.yaml', now);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(memo.knownHash!('content/two.yaml', Object.assign(Object.create(Object.getPrototypeOf(now)), now, { ctimeMs: now.ctimeMs + 1 }))).toBeUndefined();

    // A removed file is forgotten; the others are still known.
    await made.remove('content/three.yaml');
    const fewer = await load(made, 0);
    expect(fewer.known).toBe(2);
    expect(fewer.titles).toHaveLength(2);
  });

  it('does not stamp a file changed in the last moments', async () => {
    const made = await project();
    await load(made);
    // Just written: each is read and hashed again.
    expect((await load(made)).known).toBe(0);
  });
});
