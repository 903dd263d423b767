/**
 * CacheStore's entries kept as they are published (readPublished, keepPublished): a kept file copied
 * or restored elsewhere (the same bytes, another inode) is used, and its stamp brought up to date,
 * so later builds check it with one stat again instead of reading it.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheMemory, CacheStore, hashOf } from '../../src/build/cache.js';
import { restampQuietly } from '../../src/files/verified-cache.js';
import { moveToAnotherInode } from '../helpers/cache-entries.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A store with one page kept as published. */
async function keptPage(memory?: CacheMemory) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-cache-store-'));
  dirs.push(dir);
  const published = path.join(dir, 'site', 'index.html');
  const html = '<!doctype html><title>A page</title>';
  await mkdir(path.dirname(published), { recursive: true });
  await writeFile(published, html);
  const key = hashOf('page');
  await new CacheStore(path.join(dir, 'cache')).keepPublished(key, '.html', published, html, { title: 'A page' });
  const store = () => new CacheStore(path.join(dir, 'cache'), undefined, memory);
  return { key, store, file: store().file(key, '.html')! };
}

type Stored = { stamp: { ino: number } };

describe('CacheStore.readPublished', () => {
  it('uses a kept file with the same bytes in another place on disk, and keeps its new inode in the stamp', async () => {
    const { key, store, file } = await keptPage();
    const ino = await moveToAnotherInode(file);
    expect(store().readJsonSync<Stored>(key)!.stamp.ino).not.toBe(ino);
    const notes: string[] = [];
    const kept = new CacheStore(store().dir, (note) => notes.push(note)).readPublished<{ title: string }>(key, '.html');
    expect(kept?.data).toEqual({ title: 'A page' });
    expect(notes).toEqual([]);
    expect(store().readJsonSync<Stored>(key)!.stamp.ino).toBe(ino);
    expect((await stat(file)).ino).toBe(ino);
  });

  it("keeps the new stamp in the preview's memory too", async () => {
    const memory = new CacheMemory();
    memory.startBuild();
    const { key, store, file } = await keptPage(memory);
    expect(store().readPublished(key, '.html')).toBeDefined();
    const ino = await moveToAnotherInode(file);
    memory.startBuild();
    expect(store().readPublished(key, '.html')).toBeDefined();
    expect(store().readJsonSync<Stored>(key)!.stamp.ino).toBe(ino);
    expect(new CacheStore(store().dir).readJsonSync<Stored>(key)!.stamp.ino).toBe(ino);
  });

  it('rewrites an entry with its new stamp, or says it could not, without throwing (restampQuietly)', async () => {
    const { key, store } = await keptPage();
    const entry = store().file(key)!;
    const stored = store().readJsonSync<{ data: unknown; stamp: { ino: number } }>(key)!;
    expect(restampQuietly(entry, { ...stored, stamp: { ...stored.stamp, ino: 7 } })).toBe(true);
    expect(store().readJsonSync<Stored>(key)!.stamp.ino).toBe(7);
    // A place no file can be written, whoever runs the build: a folder under a file.
    expect(restampQuietly(path.join(entry, 'under-a-file.json'), stored)).toBe(false);
  });

  it('makes again a kept file whose bytes changed in another place on disk', async () => {
    const { key, store, file } = await keptPage();
    await writeFile(file, '<!doctype html><title>B page</title>');
    const notes: string[] = [];
    expect(new CacheStore(store().dir, (note) => notes.push(note)).readPublished(key, '.html')).toBeUndefined();
    expect(notes.join('\n')).toMatch(/no longer matches its checksum/);
  });
});
