/**
 * The preview's cache memory (CacheMemory in src/build/cache.ts): entries read by one build are
 * kept in memory for the next build of the same process. Here one process builds the five real
 * notices again and again, with a change before each build (a notice's text, shared data, a
 * template, a picture), and every site it publishes must be byte for byte the site that a new
 * process, with no memory, builds from the same files. The memory itself: values are frozen, and
 * what a build did not use is let go.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheMemory, CacheStore } from '../../src/build/cache.js';
import { REPO_ROOT } from '../helpers/project.js';

const run = promisify(execFile);

/** A change to one file of the project: `from` (a regular expression's source) becomes `to`. */
interface Edit {
  file: string;
  from: string;
  to: string;
}

interface Step {
  ok: boolean;
  failure?: string;
  memoryEntries: number;
  loadReused: number;
  site: Record<string, string>;
}

const EDITS: Edit[] = [
  { file: 'content/kent-county-council/early-help.yaml', from: '(\\n\\s+- type: paragraph\\n\\s+text: )', to: '$1This sentence was changed for the memory test. ' },
  { file: 'data/organisations.yaml', from: '03000 414141', to: '03000 414142' },
  { file: 'layouts/components/easy-read-words/easy-read-words.njk', from: '\\n', to: '\n{#- Changed for the memory test. -#}\n' },
  { file: 'data/pictures.yaml', from: 'old-law:\\n  openmoji: "1F4DC"', to: 'old-law:\n  openmoji: "1F4D6"' },
];

const SNAPSHOT = `
async function snapshot(dir) {
  const out = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return out;
}`;

const IMPORTS = `import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src/build/build.ts')).href)};
import { CacheMemory } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src/build/cache.ts')).href)};`;

/** A project copy of the repository's content, with `script` written into it. */
async function project(script: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-memory-'));
  for (const item of ['content', 'data', 'layouts', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO_ROOT, item), path.join(dir, item), { recursive: true });
  }
  for (const item of ['src', 'node_modules']) await symlink(path.join(REPO_ROOT, item), path.join(dir, item));
  await writeFile(path.join(dir, 'run.mts'), script);
  return dir;
}

async function runScript(dir: string, args: string[] = []): Promise<Step[]> {
  const { stdout } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(dir, 'run.mts'), ...args], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 1 << 26 });
  return stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Step);
}

async function applyEdit(dir: string, edit: Edit): Promise<void> {
  const file = path.join(dir, edit.file);
  const text = await readFile(file, 'utf8');
  const changed = text.replace(new RegExp(edit.from), edit.to);
  expect(changed, `${edit.file} should contain ${edit.from}`).not.toBe(text);
  await writeFile(file, changed);
}

const dirs: string[] = [];
let withMemory: Step[];

beforeAll(async () => {
  // One process: a first build, then each edit and a build after it, all with one CacheMemory.
  const preview = await project(`${IMPORTS}
${SNAPSHOT}
const edits = ${JSON.stringify(EDITS)};
const memory = new CacheMemory();
const root = process.cwd();
const step = async () => {
  const result = await build({ root, check: false, log: () => {}, progress: false, today: new Date('2026-06-01'), memory });
  console.log(JSON.stringify({ ok: result.ok, failure: result.failure, memoryEntries: memory.size, loadReused: result.cache?.load.reused ?? 0, site: result.ok ? await snapshot(path.join(root, '_site')) : {} }));
};
await step();
for (const edit of edits) {
  const file = path.join(root, edit.file);
  await writeFile(file, (await readFile(file, 'utf8')).replace(new RegExp(edit.from), edit.to));
  await step();
}
`);
  dirs.push(preview);
  withMemory = await runScript(preview);
}, 240_000);

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the cache memory of the preview', () => {
  it('publishes, build after build, the same site as a new process with no memory', async () => {
    expect(withMemory).toHaveLength(EDITS.length + 1);
    for (const step of withMemory) expect(step.ok, step.failure).toBe(true);
    // The second build (after one notice changed) took the other four notices' loads from memory.
    expect(withMemory[1]!.loadReused).toBe(4);
    expect(withMemory[1]!.memoryEntries).toBeGreaterThan(0);

    // Another copy of the project, built by a new process after each of the same edits, with its own .cache/.
    const fresh = await project(`${IMPORTS}
${SNAPSHOT}
const root = process.cwd();
const result = await build({ root, check: false, log: () => {}, progress: false, today: new Date('2026-06-01') });
console.log(JSON.stringify({ ok: result.ok, failure: result.failure, memoryEntries: 0, loadReused: 0, site: result.ok ? await snapshot(path.join(root, '_site')) : {} }));
`);
    dirs.push(fresh);
    for (const [i, step] of withMemory.entries()) {
      if (i > 0) await applyEdit(fresh, EDITS[i - 1]!);
      const [expected] = await runScript(fresh);
      expect(expected!.ok, expected!.failure).toBe(true);
      expect(Object.keys(step.site).length, `files after step ${i}`).toBe(Object.keys(expected!.site).length);
      for (const [file, hash] of Object.entries(expected!.site)) expect(step.site[file], `${file} after step ${i}`).toBe(hash);
    }
  }, 300_000);
});

describe('CacheMemory', () => {
  it('gives a value read once to later builds, frozen, without reading the file again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-memory-store-'));
    dirs.push(dir);
    const memory = new CacheMemory();
    memory.startBuild();
    const writer = new CacheStore(dir);
    const key = createHash('sha256').update('entry').digest('hex');
    await writer.write(key, JSON.stringify({ list: [{ text: 'a' }] }));
    const first = new CacheStore(dir, undefined, memory).readJsonSync<{ list: { text: string }[] }>(key)!;
    expect(first.list[0]!.text).toBe('a');
    expect(Object.isFrozen(first.list[0])).toBe(true);
    expect(() => {
      (first.list[0] as { text: string }).text = 'b';
    }).toThrow(TypeError);
    // Gone from the disk: the next build still has it (its key is the hash of what it is made from).
    await rm(path.join(dir, key.slice(0, 2)), { recursive: true });
    memory.startBuild();
    expect(new CacheStore(dir, undefined, memory).readJsonSync(key)).toBe(first);
    // Without the memory, it is gone.
    expect(new CacheStore(dir).readJsonSync(key)).toBeUndefined();
  });

  it('lets go of what the last build did not use', () => {
    const memory = new CacheMemory();
    memory.startBuild();
    memory.set('a', { n: 1 });
    memory.set('b', { n: 2 });
    memory.startBuild();
    expect(memory.get('a')).toEqual({ n: 1 });
    memory.startBuild();
    expect(memory.get('a')).toEqual({ n: 1 });
    expect(memory.get('b')).toBeUndefined();
    expect(memory.size).toBe(1);
  });
});
