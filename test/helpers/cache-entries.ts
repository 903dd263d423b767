/** Tampering with the build's cache entries in tests, the way a careless copy or tool might. */
import { readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { readVerified, writeVerified } from '../../src/files/verified-cache.js';

/**
 * Puts another file of the same size in place of a cached PDF, with the same time as its metadata
 * records (a whole second, as a copy that keeps times to the second gives): only its inode differs.
 */
export async function replaceKeepingSizeAndTime(cached: string): Promise<void> {
  const metaFile = cached.replace(/\.pdf$/, '.json');
  const second = new Date(Math.floor((await stat(cached)).mtimeMs / 1000) * 1000);
  await utimes(cached, second, second);
  const meta = JSON.parse((await readVerified(metaFile))!.toString('utf8')) as { mtimeMs: number };
  await writeVerified(metaFile, JSON.stringify({ ...meta, mtimeMs: (await stat(cached)).mtimeMs }));
  const bytes = await readFile(cached);
  bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 1;
  await writeFile(`${cached}.new`, bytes);
  await utimes(`${cached}.new`, second, second);
  await rename(`${cached}.new`, cached);
}

/**
 * Puts a copy of `file` (the same bytes and time) in its place, as copying or restoring a cache
 * does: only its inode differs. Gives the copy's inode.
 */
export async function moveToAnotherInode(file: string): Promise<number> {
  const { mtime } = await stat(file);
  await writeFile(`${file}.copy`, await readFile(file));
  await utimes(`${file}.copy`, mtime, mtime);
  await rename(`${file}.copy`, file);
  return (await stat(file)).ino;
}
