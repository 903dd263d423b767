/**
 * The build writes into a fresh folder beside the output and swaps it in only when everything
 * succeeded, so a failed build leaves the last good site exactly as it was.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface StagedOutput {
  /** Where this build writes. */
  dir: string;
  /** Replaces the live output with the staged one. */
  commit(): Promise<void>;
  /** Removes the staged output, leaving the live output untouched. */
  discard(): Promise<void>;
}

export async function stageOutput(liveDir: string): Promise<StagedOutput> {
  const parent = path.dirname(path.resolve(liveDir));
  const name = path.basename(liveDir);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const dir = path.join(parent, `${name}.building-${stamp}`);
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async commit() {
      const old = path.join(parent, `${name}.previous-${stamp}`);
      let moved = false;
      try {
        await rename(liveDir, old);
        moved = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      try {
        await rename(dir, liveDir);
      } catch (error) {
        if (moved) await rename(old, liveDir); // put the last good site back
        throw error;
      }
      if (moved) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
