import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readVerified, writeVerified } from '../../src/files/verified-cache.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'verified-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pdfLike = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0xa7), Buffer.from('\n%%EOF\n')]);

async function readNoting(file: string) {
  const notes: string[] = [];
  const bytes = await readVerified(file, { onDamaged: (note) => notes.push(note), label: '.cache/pdf/ab/entry.pdf' });
  return { bytes, notes };
}

describe('verified cache entries', () => {
  it('gives back exactly what was written, text or bytes', async () => {
    const file = path.join(dir, 'ab', 'entry.pdf');
    await writeVerified(file, pdfLike);
    expect(await readNoting(file)).toEqual({ bytes: pdfLike, notes: [] });
    await writeVerified(file, 'text é 😀');
    expect((await readVerified(file))?.toString('utf8')).toBe('text é 😀');
    await writeVerified(file, new Uint8Array(0));
    expect((await readVerified(file))?.length).toBe(0);
  });

  it('treats a missing entry as missing, without a note', async () => {
    expect(await readNoting(path.join(dir, 'none.pdf'))).toEqual({ bytes: undefined, notes: [] });
  });

  it('refuses a truncated entry, deletes it and says why', async () => {
    const file = path.join(dir, 'entry.pdf');
    await writeVerified(file, pdfLike);
    const { size } = await stat(file);
    await truncate(file, size - 100);
    const { bytes, notes } = await readNoting(file);
    expect(bytes).toBeUndefined();
    expect(notes).toEqual([`the cached file .cache/pdf/ab/entry.pdf is damaged (it is shorter than when it was written: ${pdfLike.length - 100} of ${pdfLike.length} bytes); it will be made again.`]);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an entry with one byte flipped', async () => {
    const file = path.join(dir, 'entry.pdf');
    await writeVerified(file, pdfLike);
    const stored = await readFile(file);
    stored[stored.length - 2000]! ^= 0x01;
    await writeFile(file, stored);
    const { bytes, notes } = await readNoting(file);
    expect(bytes).toBeUndefined();
    expect(notes[0]).toMatch(/its content no longer matches its checksum/);
  });

  it('refuses entries without a header (older caches, overwritten starts) and empty files', async () => {
    const file = path.join(dir, 'entry.pdf');
    await writeFile(file, pdfLike);
    expect((await readNoting(file)).notes[0]).toMatch(/it has no checksum/);
    await writeFile(file, '');
    expect((await readNoting(file)).notes[0]).toMatch(/it is empty/);
  });

  it('refuses an entry with bytes appended', async () => {
    const file = path.join(dir, 'entry.pdf');
    await writeVerified(file, pdfLike);
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.from('extra')]));
    expect((await readNoting(file)).notes[0]).toMatch(/it is longer than when it was written/);
  });
});
