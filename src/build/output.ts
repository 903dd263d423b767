/**
 * Publishing is all or nothing. The build writes into a fresh folder beside the output and swaps
 * it in only when everything succeeded:
 *
 * - before anything is rendered, the output's folder is checked: it must be writable, and an
 *   existing output must be movable (a read-only disk or folder, an immutable or foreign output);
 * - the swap runs under a lock (proper-lockfile, <name>.lock beside the output), so two builds
 *   never publish over each other: the second waits a bounded time, then stops with a message;
 * - when the swap fails, the previous output is put back and the staged folder removed;
 * - once the new output is in place, nothing can turn the build into a failure: a previous
 *   output that cannot be deleted is a note, and the next build deletes it;
 * - at the start, folders left by builds that were killed (<name>.building-<pid>-…,
 *   <name>.previous-<pid>-…, whose process is gone) are removed.
 *
 * Every message says only what happened.
 */
import { spawn } from 'node:child_process';
import { renameSync } from 'node:fs';
import { access, constants, mkdir, readdir, rename as renameFolder, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import { catalogue } from '../diagnostics/catalogue.js';

export interface StagedOutput {
  /** Where this build writes. */
  dir: string;
  /** Replaces the live output with the staged one; throws an OutputError and changes nothing when it cannot. */
  commit(options?: CommitOptions): Promise<CommitResult>;
  /** Removes the staged output, leaving the live output untouched. */
  discard(): Promise<void>;
}

export interface CommitOptions {
  /**
   * Return as soon as the new output is in place, deleting the previous one meanwhile (the
   * preview, whose reader should not wait for it): `deleting` says when that is done.
   */
  deleteInBackground?: boolean;
  /**
   * Hand the previous output to a process of its own to delete, so that a command-line build ends
   * as soon as the new output is in place (deleting a large site's thousands of files takes most
   * of a second). That process outlives this one. When it cannot start, the deletion happens here.
   */
  handOffDeletion?: boolean;
}

export interface CommitResult {
  /** Things worth telling that did not stop the publish (e.g. a previous output that could not be deleted). */
  notes: string[];
  /** With deleteInBackground: the deletion of the previous output, resolving to its notes. */
  deleting?: Promise<string[]>;
}

export interface OutputOptions {
  /** How long a commit waits for another build's publish to finish. Default: 60 s. */
  lockWaitMs?: number;
  /** How the output is named in messages. Default: its folder name, e.g. "_site". */
  label?: string;
  /** The folder rename used by the swap; tests pass one that fails. Default: fs.rename. */
  rename?: (from: string, to: string) => Promise<void>;
  /** Whether a process is still running; tests pass their own. Default: signal 0. */
  isRunning?: (pid: number) => boolean;
  /** The script that deletes a handed-off previous output; tests pass one that fails. Default: src/files/delete-folder.mjs. */
  deleter?: string;
}

export type OutputErrorCode = 'output-not-writable' | 'output-locked' | 'output-swap-failed';

/** A publish that could not happen; `message` and `hint` come from the error catalogue. */
export class OutputError extends Error {
  constructor(
    readonly code: OutputErrorCode,
    message: string,
    readonly hint: string | undefined,
    /** True when the previous output is exactly as it was before this build. */
    readonly previousUnchanged: boolean,
  ) {
    super(message);
  }
}

const DEFAULT_LOCK_WAIT_MS = 60_000;
const LEFTOVER = /^(.*)\.(building|previous|probe)-(\d+)-[0-9a-z]+$/;

function stampFor(pid: number): string {
  return `${pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the disk is read-only',
    EBUSY: 'the folder is in use',
    ENOSPC: 'the disk is full',
    ENOTEMPTY: 'a folder of that name is in the way',
    EEXIST: 'a file or folder of that name is in the way',
    ENOENT: 'the folder does not exist',
  };
  if (code) return words[code] ?? `error ${code}`;
  return error instanceof Error ? error.message : String(error);
}

/** Whether `pid` is a running process (one owned by another user counts). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const DELETER = fileURLToPath(new URL('../files/delete-folder.mjs', import.meta.url));

/**
 * Starts a detached process to delete `folder`, and renames the folder after that process
 * (`pattern`, with "{pid}" for its id) as soon as it has started, so that no later build, seeing
 * this build's process gone, starts deleting the same folder. Resolves true once the folder is
 * renamed; false when the process cannot start or the folder cannot be renamed (the folder is then
 * where it was). It does not wait for the process to load: a process that started but then fails
 * leaves the folder named after it, and a later build removes it as a leftover (removeLeftovers).
 */
function handOff(folder: string, pattern: string, script = DELETER): Promise<boolean> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(process.execPath, [script, path.join(path.dirname(folder), pattern)], { detached: true, stdio: 'ignore' });
    } catch {
      return resolve(false);
    }
    child.on('error', () => resolve(false));
    child.on('spawn', () => {
      try {
        renameSync(folder, path.join(path.dirname(folder), pattern.replace('{pid}', String(child.pid))));
      } catch {
        child.kill();
        return resolve(false);
      }
      child.unref();
      resolve(true);
    });
  });
}

/**
 * Removes the staging, previous-output and probe folders of builds whose process is gone.
 * Those of running builds, this process included, are left alone. Returns the names removed.
 */
export async function removeLeftovers(liveDir: string, isRunning: (pid: number) => boolean = isProcessRunning): Promise<string[]> {
  const parent = path.dirname(path.resolve(liveDir));
  const name = path.basename(liveDir);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = LEFTOVER.exec(entry);
    if (!match || match[1] !== name) continue;
    const pid = Number(match[3]);
    if (pid === process.pid || isRunning(pid)) continue;
    try {
      await rm(path.join(parent, entry), { recursive: true, force: true });
      removed.push(entry);
    } catch {
      // Cannot be removed (another user's files): it is in nobody's way, so the build goes on.
    }
  }
  return removed;
}

/** The previous outputs of `liveDir` still being deleted (in the background, or by the process a build handed them to). */
export async function previousOutputs(liveDir: string): Promise<string[]> {
  const parent = path.dirname(path.resolve(liveDir));
  const name = path.basename(liveDir);
  const entries = await readdir(parent).catch(() => [] as string[]);
  return entries.filter((entry) => {
    const match = LEFTOVER.exec(entry);
    return match?.[1] === name && match[2] === 'previous';
  });
}

/**
 * Throws an OutputError (output-not-writable) unless a new output can be put in place of
 * `liveDir`: its folder exists or can be made, a folder can be made and renamed in it, and an
 * existing output can be moved.
 */
export async function checkWritable(liveDir: string, options: Pick<OutputOptions, 'label' | 'rename'> = {}): Promise<void> {
  const live = path.resolve(liveDir);
  const parent = path.dirname(live);
  const name = path.basename(live);
  const label = options.label ?? name;
  const rename = options.rename ?? renameFolder;
  const fail = (reason: string): never => {
    const params = { dir: label, reason };
    throw new OutputError('output-not-writable', catalogue['output-not-writable'].message(params), catalogue['output-not-writable'].hint?.(params), true);
  };
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    fail(`the folder it goes in, ${parent}, cannot be made (${reasonOf(error)})`);
  }
  const probe = path.join(parent, `${name}.probe-${stampFor(process.pid)}`);
  try {
    await mkdir(probe);
  } catch (error) {
    fail(`no folder can be made in ${parent} (${reasonOf(error)})`);
  }
  try {
    await rename(probe, `${probe}x`);
    await rm(`${probe}x`, { recursive: true, force: true });
  } catch (error) {
    await rm(probe, { recursive: true, force: true }).catch(() => undefined);
    fail(`folders in ${parent} cannot be renamed (${reasonOf(error)})`);
  }
  try {
    await access(live, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail(`the current ${label}/ cannot be moved aside (${reasonOf(error)})`);
  }
}

/**
 * A fresh folder beside `liveDir` for this build to write into. Removes killed builds' leftovers
 * and checks that the output can be replaced first, so a build that could never publish stops
 * before rendering anything.
 */
export async function stageOutput(liveDir: string, options: OutputOptions = {}): Promise<StagedOutput> {
  const live = path.resolve(liveDir);
  const parent = path.dirname(live);
  const name = path.basename(live);
  const label = options.label ?? name;
  const rename = options.rename ?? renameFolder;
  const lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;

  await removeLeftovers(live, options.isRunning);
  await checkWritable(live, { label, rename });
  const stamp = stampFor(process.pid);
  const dir = path.join(parent, `${name}.building-${stamp}`);
  await mkdir(dir);

  const discard = async () => {
    await rm(dir, { recursive: true, force: true });
  };

  async function lock(): Promise<() => Promise<void>> {
    const lockPath = path.join(parent, `${name}.lock`);
    try {
      return await lockfile.lock(live, {
        lockfilePath: lockPath,
        realpath: false,
        retries: { retries: Math.ceil(lockWaitMs / 250), factor: 1, minTimeout: 250, maxTimeout: 250 },
        // The swap takes milliseconds; a lock left by a killed build is taken over after this.
        stale: 10_000,
        onCompromised: () => undefined,
      });
    } catch (error) {
      const params = { dir: label, lock: path.basename(lockPath), seconds: Math.round(lockWaitMs / 100) / 10 };
      const locked = (error as NodeJS.ErrnoException).code === 'ELOCKED';
      if (!locked) {
        const reason = { dir: label, reason: `its lock ${path.basename(lockPath)} cannot be made (${reasonOf(error)})` };
        throw new OutputError('output-not-writable', catalogue['output-not-writable'].message(reason), catalogue['output-not-writable'].hint?.(reason), true);
      }
      throw new OutputError('output-locked', catalogue['output-locked'].message(params), catalogue['output-locked'].hint?.(params), true);
    }
  }

  return {
    dir,
    discard,
    async commit(commitOptions: CommitOptions = {}) {
      let release: () => Promise<void>;
      try {
        release = await lock();
      } catch (error) {
        await discard();
        throw error;
      }
      const notes: string[] = [];
      try {
        const previous = path.join(parent, `${name}.previous-${stamp}`);
        let moved = false;
        try {
          await rename(live, previous);
          moved = true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            await discard();
            const params = { dir: label, reason: `the current ${label}/ cannot be moved aside: ${reasonOf(error)}` };
            throw new OutputError('output-swap-failed', catalogue['output-swap-failed'].message(params), catalogue['output-swap-failed'].hint?.(params), true);
          }
        }
        try {
          await rename(dir, live);
        } catch (error) {
          let previousAt: string | undefined;
          if (moved) {
            try {
              await rename(previous, live); // put the last good site back
            } catch {
              previousAt = path.basename(previous);
            }
          }
          await discard();
          const params = { dir: label, reason: reasonOf(error), previousAt };
          throw new OutputError('output-swap-failed', catalogue['output-swap-failed'].message(params), catalogue['output-swap-failed'].hint?.(params), previousAt === undefined);
        }
        // Published. From here on nothing may report the build as failed.
        if (!moved) return { notes };
        if (commitOptions.handOffDeletion && (await handOff(previous, `${name}.previous-{pid}-${Date.now().toString(36)}`, options.deleter))) return { notes };
        // Named after this process, so no other build removes it while this one does.
        const deleting = rm(previous, { recursive: true, force: true }).then(
          () => [],
          (error: unknown) => [catalogue['output-old-site-kept'].message({ dir: label, previousAt: path.basename(previous), reason: reasonOf(error) })],
        );
        if (commitOptions.deleteInBackground) return { notes, deleting };
        notes.push(...(await deleting));
        return { notes };
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}
