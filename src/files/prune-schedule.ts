/**
 * When a cache folder is pruned: at most once an hour, told by the time of a marker file in it.
 * Looking at every entry of a large site's cache costs tens of milliseconds, paid by every
 * rebuild; between two prunes the folder can only grow by what the builds of that hour made.
 */
import { closeSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** The marker's name: a dot file, so it is never taken for an entry. */
export const PRUNED_MARKER = '.pruned';

/**
 * True when `dir` was last pruned `intervalMs` or more ago (or never); it is then marked as pruned
 * now, so the caller prunes it. A folder whose marker cannot be written is pruned every time.
 */
export function dueForPruning(dir: string, intervalMs = PRUNE_INTERVAL_MS, now = Date.now()): boolean {
  const marker = path.join(dir, PRUNED_MARKER);
  let lastMs: number | undefined;
  try {
    lastMs = statSync(marker).mtimeMs;
  } catch {
    // Never pruned (or no folder yet).
  }
  // A marker from the future (a clock put back) does not put pruning off for ever.
  if (lastMs !== undefined && now - lastMs < intervalMs && lastMs <= now) return false;
  try {
    closeSync(openSync(marker, 'a'));
    utimesSync(marker, now / 1000, now / 1000);
  } catch {
    // Pruned now, and next time too.
  }
  return true;
}

/**
 * The names in a cache folder; none when it cannot be read (or is a file, such as the marker).
 * Synchronous: a prune lists a few hundred small folders, each far quicker so than through a promise.
 */
export function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
