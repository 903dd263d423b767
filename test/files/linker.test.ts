/**
 * The linker (src/files/linker.ts): kept files put into a site as hard links, on this thread for a
 * few and on a worker thread for many, in batches, with a clear error naming the file when one
 * cannot be linked.
 */
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLinker, withLinker, type LinkerOptions } from '../../src/files/linker.js';

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-linker-'));
  temps.push(dir);
  return dir;
}

/** `count` small source files in `dir`/from. */
function sources(dir: string, count: number): string[] {
  mkdirSync(path.join(dir, 'from'), { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, 'from', `${i}.txt`);
    writeFileSync(file, `file ${i}\n`);
    return file;
  });
}

const paths: [string, LinkerOptions][] = [
  ['on this thread', { workerFrom: Number.POSITIVE_INFINITY }],
  ['on the worker thread', { workerFrom: 0 }],
];

describe.each(paths)('the linker, %s', (_, options) => {
  it('links each file (same inode), making missing folders and replacing what was there', async () => {
    const dir = await tempDir();
    const [first, second] = sources(dir, 2) as [string, string];
    const existing = path.join(dir, 'site', 'b', 'page.html');
    mkdirSync(path.dirname(existing), { recursive: true });
    writeFileSync(existing, 'old');
    const linker = startLinker(options);
    linker.link(first, path.join(dir, 'site', 'a', 'deep', 'file.pdf'));
    linker.link(second, existing);
    await linker.settled();
    await linker.close();
    expect(statSync(path.join(dir, 'site', 'a', 'deep', 'file.pdf')).ino).toBe(statSync(first).ino);
    expect(statSync(existing).ino).toBe(statSync(second).ino);
    expect(readFileSync(existing, 'utf8')).toBe('file 1\n');
  });

  it('touches a file (its times set to now), and ignores one that is missing', async () => {
    const dir = await tempDir();
    const [file] = sources(dir, 1) as [string];
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, past, past);
    const before = Date.now();
    const linker = startLinker(options);
    linker.touch(file);
    linker.touch(path.join(dir, 'missing.json'));
    await linker.settled();
    await linker.close();
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(before - 1000);
  });

  it('rejects settled(), naming the file, when a source is missing; the other links are still made', async () => {
    const dir = await tempDir();
    const [file] = sources(dir, 1) as [string];
    const linker = startLinker({ ...options, root: dir });
    linker.link(path.join(dir, 'from', 'gone.pdf'), path.join(dir, 'site', 'gone.pdf'));
    linker.link(file, path.join(dir, 'site', 'kept.txt'));
    const error = (await linker.settled().catch((e: unknown) => e)) as Error;
    await linker.close();
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^\[site-file-not-linked\] from\/gone\.pdf could not be put into the new site as site\/gone\.pdf \(ENOENT\)/);
    expect(error.stack).toBeDefined();
    expect(statSync(path.join(dir, 'site', 'kept.txt')).ino).toBe(statSync(file).ino);
  });

  it('links many files, sent in batches, and settles more than once', async () => {
    const dir = await tempDir();
    const files = sources(dir, 700);
    const linker = startLinker({ ...options, batchSize: 64 });
    files.slice(0, 300).forEach((file, i) => linker.link(file, path.join(dir, 'site', String(i % 7), `${i}.txt`)));
    await linker.settled();
    files.slice(300).forEach((file, i) => linker.link(file, path.join(dir, 'site', String((i + 300) % 7), `${i + 300}.txt`)));
    await linker.settled();
    await linker.close();
    files.forEach((file, i) => expect(statSync(path.join(dir, 'site', String(i % 7), `${i}.txt`)).ino).toBe(statSync(file).ino));
  });
});

describe('the linker', () => {
  it('does nothing more once closed (what was queued is dropped)', async () => {
    const dir = await tempDir();
    const [file] = sources(dir, 1) as [string];
    const linker = startLinker({ workerFrom: 0 });
    linker.link(file, path.join(dir, 'site', 'dropped.txt'));
    await linker.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => statSync(path.join(dir, 'site', 'dropped.txt'))).toThrow();
    expect(() => linker.link(file, path.join(dir, 'site', 'late.txt'))).toThrow(/closed/);
  });

  it('withLinker settles a linker of its own before returning, and uses a given one as it is', async () => {
    const dir = await tempDir();
    const [file] = sources(dir, 1) as [string];
    await withLinker(undefined, (linker) => linker.link(file, path.join(dir, 'own.txt')));
    expect(statSync(path.join(dir, 'own.txt')).ino).toBe(statSync(file).ino);
    const given = startLinker({ workerFrom: 0 });
    await withLinker(given, (linker) => linker.link(file, path.join(dir, 'given.txt')));
    await given.settled();
    await given.close();
    expect(statSync(path.join(dir, 'given.txt')).ino).toBe(statSync(file).ino);
    const failed = await withLinker(undefined, (linker) => linker.link(path.join(dir, 'missing'), path.join(dir, 'x'))).catch((e: unknown) => e);
    expect((failed as Error).message).toContain('[site-file-not-linked]');
  });
});
