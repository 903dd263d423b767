/**
 * The easy-read checks' cache (src/build/cache-easy-read.ts) on the five real notices: a check is
 * kept under its file's key and under its easy read's part's key, and a build that finds it by the
 * file's key keeps the part's entry too, so that pruning (which removes what a build did not use)
 * leaves it, and the first change to a file outside its easy read still finds the check.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEasyReadsCached } from '../../src/build/cache-easy-read.js';
import { PRUNED_MARKER } from '../../src/files/prune-schedule.js';
import { loadSite } from '../../src/load/load-site.js';
import { REPO_ROOT } from '../helpers/project.js';

let root: string;
const TODAY = new Date('2026-06-01');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'notices-easy-read-cache-'));
  for (const item of ['content', 'data']) await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function check() {
  const loaded = await loadSite({ root, today: TODAY });
  return (await checkEasyReadsCached(loaded, root)).counts;
}

describe('the easy-read checks cache', () => {
  it('still finds a check by its easy read after the cache was pruned, when the file changed elsewhere', async () => {
    expect(await check()).toMatchObject({ reused: 0, made: 5 });
    expect(await check()).toMatchObject({ reused: 5, made: 0 });
    // Enough entries no build uses for pruning to remove what this build does not use, and pruning due.
    const dir = path.join(root, '.cache', 'easy-read');
    await mkdir(path.join(dir, 'ff'), { recursive: true });
    for (let n = 0; n < 200; n++) await writeFile(path.join(dir, 'ff', `${String(n).padStart(64, 'f')}.json`), 'old');
    await rm(path.join(dir, PRUNED_MARKER), { force: true });
    expect(await check()).toMatchObject({ reused: 5, made: 0 });
    // A sentence of the full notice changed: its easy read did not, so its check is found again.
    const file = path.join(root, 'content', 'kent-county-council', 'early-help.yaml');
    const text = await readFile(file, 'utf8');
    const changed = text.replace(/(\n\s+- type: paragraph\n\s+text: )/, '$1This sentence was changed for the cache test. ');
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
    expect(await check()).toMatchObject({ reused: 5, made: 0 });
  });
});
