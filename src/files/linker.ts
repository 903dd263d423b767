/**
 * Puts kept files into a new site (hard links to the cache's files, src/files/link-operations.mjs)
 * off the build's main thread. A rebuild of a large site links thousands of unchanged PDFs, pages
 * and notice.json files; each link is a quick system call, but together they cost a few hundred
 * milliseconds that the main thread can spend drawing what changed. Operations are queued, sent to
 * a worker thread in batches, and awaited together with settled().
 */
import { Worker } from 'node:worker_threads';
import { catalogue } from '../diagnostics/catalogue.js';
import { applyOperations, LINK, TOUCH, type LinkFailure } from './link-operations.mjs';
import { projectPath } from './project-paths.js';

export interface Linker {
  /** Queues putting `from` at `to` (as linkOrCopy: a hard link, else a copy; its folder made; what was there replaced). */
  link(from: string, to: string): void;
  /** Queues setting a file's times to now (a failure is ignored). */
  touch(file: string): void;
  /** Resolves once everything queued so far is done; rejects naming the file when a link could not be made. */
  settled(): Promise<void>;
  /** Drops what is still queued and stops the worker; waits until nothing more is done. */
  close(): Promise<void>;
}

export interface LinkerOptions {
  /** Files are named relative to this folder in an error (the project folder). */
  root?: string;
  /**
   * The worker starts once this many operations have been queued; fewer are done on this thread
   * (a worker takes longer to start than a few dozen links take).
   */
  workerFrom?: number;
  /** Operations sent to the worker in one message. */
  batchSize?: number;
}

/**
 * A worker costs this thread almost nothing to start, but takes ~60 ms (of another core) before it
 * links anything, and a thread's memory. A link costs ~20 µs, but a folder made for it ~0.4 ms
 * (measured on the build machine): 64 operations cost this thread at most ~25 ms.
 */
const WORKER_FROM = 64;
const BATCH_SIZE = 256;

/** A linker whose worker starts only when enough work is queued. */
export function startLinker(options: LinkerOptions = {}): Linker {
  const workerFrom = options.workerFrom ?? WORKER_FROM;
  const batchSize = Math.max(1, options.batchSize ?? BATCH_SIZE);
  let queued: string[] = [];
  let count = 0;
  let total = 0;
  let flushScheduled = false;
  let failure: Error | undefined;
  let closed = false;
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, () => void>();
  let lastSent: Promise<void> = Promise.resolve();

  const name = (file: string) => projectPath(options.root, file);
  const record = (problem: LinkFailure | undefined) => {
    if (!problem || failure) return;
    failure = linkError({ from: name(problem.from), to: name(problem.to), reason: problem.reason });
  };
  const stopped = (reason: string) => {
    if (!closed) failure ??= linkError({ from: 'the kept files', to: 'the new site', reason });
    for (const resolve of waiting.values()) resolve();
    waiting.clear();
    worker = undefined;
  };
  const startWorker = () => {
    // Without the TypeScript loader: the worker is plain JavaScript.
    const started = new Worker(new URL('./link-worker.mjs', import.meta.url), { execArgv: [] });
    started.on('message', ({ id, failure: problem }: { id: number; failure?: LinkFailure }) => {
      record(problem);
      waiting.get(id)?.();
      waiting.delete(id);
      // Idle, it does not keep the process alive.
      if (waiting.size === 0) started.unref();
    });
    started.on('error', (error) => stopped(`the linking thread failed: ${error.message}`));
    started.on('exit', (code) => stopped(`the linking thread stopped (exit code ${code})`));
    return started;
  };

  const flush = () => {
    flushScheduled = false;
    if (count === 0 || closed) return;
    const operations = queued;
    queued = [];
    count = 0;
    if (!worker && total < workerFrom) {
      record(applyOperations(operations));
      return;
    }
    worker ??= startWorker();
    worker.ref();
    const id = nextId++;
    lastSent = new Promise((resolve) => waiting.set(id, resolve));
    worker.postMessage({ id, operations });
  };
  const queue = (...operation: string[]) => {
    if (closed) throw new Error('the linker is closed');
    queued.push(...operation);
    count++;
    total++;
    if (count >= batchSize) flush();
    else if (!flushScheduled) {
      // The rest goes when this thread next waits (a loop of links is sent in full batches).
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  return {
    link: (from, to) => queue(LINK, from, to),
    touch: (file) => queue(TOUCH, file),
    async settled() {
      flush();
      // The worker answers batches in the order they were sent.
      await lastSent;
      if (failure) throw failure;
    },
    async close() {
      closed = true;
      queued = [];
      count = 0;
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}

/** The build's failure, with its code and words (never a stack trace). */
function linkError(params: { from: string; to: string; reason: string }): Error {
  const entry = catalogue['site-file-not-linked'];
  return new Error(`[site-file-not-linked] ${entry.message(params)} ${entry.hint?.(params) ?? ''}`.trim());
}

/** Runs `work` with `given`, or with a linker of its own that is settled (and closed) before returning. */
export async function withLinker<T>(given: Linker | undefined, work: (linker: Linker) => T | Promise<T>, options?: LinkerOptions): Promise<T> {
  if (given) return work(given);
  const linker = startLinker(options);
  try {
    const result = await work(linker);
    await linker.settled();
    return result;
  } finally {
    await linker.close();
  }
}
