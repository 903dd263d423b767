/**
 * Putting files into a site, in plain JavaScript so that a worker thread (link-worker.mjs) runs it
 * without the TypeScript loader; the build's own thread runs the same code (linker.ts).
 */
import { constants, copyFileSync, linkSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';

/**
 * Puts `from` at `to` as a hard link (a copy where the file system cannot link), replacing what
 * was there and making its folder when missing. A link costs a fraction of writing the bytes.
 */
export function linkOrCopy(from, to) {
  try {
    linkSync(from, to);
    return;
  } catch (error) {
    if (error.code === 'ENOENT') mkdirSync(path.dirname(to), { recursive: true });
    else if (error.code === 'EEXIST') rmSync(to, { force: true });
  }
  try {
    linkSync(from, to);
  } catch {
    // A copy that shares the blocks where the file system can (a reflink), else a plain copy.
    copyFileSync(from, to, constants.COPYFILE_FICLONE);
  }
}

/** Sets a file's times to now; a file that cannot be touched is left as it is. */
export function touch(file) {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // Only a mark of use (for pruning a cache): nothing depends on it.
  }
}

/**
 * Runs a batch of operations, flat as posted between threads: LINK, from, to, or TOUCH, file.
 * Every operation is tried; the first that fails is returned ({ from, to, reason }).
 */
export function applyOperations(operations) {
  let failure;
  for (let i = 0; i < operations.length; ) {
    const op = operations[i++];
    if (op === TOUCH) {
      touch(operations[i++]);
      continue;
    }
    const from = operations[i++];
    const to = operations[i++];
    try {
      linkOrCopy(from, to);
    } catch (error) {
      failure ??= { from, to, reason: error.code ?? error.message };
    }
  }
  return failure;
}

export const LINK = 'l';
export const TOUCH = 't';
