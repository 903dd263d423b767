/**
 * Renders PDF jobs across the cores: the main thread renders too, and worker threads join it
 * when there are enough jobs to pay for starting them (a worker takes a few hundred
 * milliseconds to load the renderer). Each runner takes the next job from one queue, so a slow
 * PDF does not hold up the others.
 *
 * Workers must load TypeScript when the build runs from source (under tsx, or vitest): tsx's
 * loader is not inherited by worker threads, so each worker registers it before importing
 * worker.ts. If workers cannot start, or one dies, its jobs are rendered on the main thread.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runJob, type JobResult, type PdfJob } from './jobs.js';
import type { FromWorker, ToWorker } from './worker.js';

/**
 * Below this many PDFs to render, starting workers costs more than it saves: a worker takes 0.3 to
 * 2 seconds to load the renderer (tsx, pdfkit, fonts), the time of 10 to 40 PDFs on the main thread.
 */
export const MIN_JOBS_FOR_WORKERS = 40;
/** Each worker should get at least this many jobs. */
const JOBS_PER_WORKER = 20;
const BOOT_TIMEOUT_MS = 30_000;

export interface PoolOptions {
  /** Threads in all, the main thread included. */
  concurrency: number;
  /** Whether the main thread renders too. Default: true. (False forces workers, for tests and measurements.) */
  mainThread?: boolean;
  /** Workers to start, instead of the number workerCount() chooses. */
  workers?: number;
  /** The worker module (for tests of a worker that cannot start). Default: worker.ts beside this file. */
  workerEntry?: string;
}

export interface PoolReport {
  /** One entry per job, in order: its result or its error. */
  outcomes: (JobResult | Error)[];
  /** Worker threads that rendered at least one job. */
  workers: number;
  /** Why workers were not used, when they were wanted but could not start. */
  workerProblem?: string;
}

// Runs in the worker before anything else: registers tsx when the renderer is TypeScript source.
const BOOT = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) {
    const { register } = await import(workerData.tsx);
    register();
  }
  await import(workerData.entry);
})().catch((error) => parentPort.postMessage({ type: 'boot-error', message: String((error && error.stack) || error) }));
`;

function tsxLoader(): string | undefined {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    try {
      const require = createRequire(import.meta.url);
      return pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    } catch {
      return undefined;
    }
  }
}

/** How many worker threads to start for `jobs` jobs. */
export function workerCount(jobs: number, concurrency: number): number {
  if (jobs < MIN_JOBS_FOR_WORKERS || concurrency < 2) return 0;
  return Math.max(0, Math.min(concurrency - 1, Math.floor(jobs / JOBS_PER_WORKER)));
}

export async function renderAll(jobs: readonly PdfJob[], options: PoolOptions): Promise<PoolReport> {
  const outcomes: (JobResult | Error | undefined)[] = new Array(jobs.length).fill(undefined);
  const queue = jobs.map((_, i) => i);
  let remaining = jobs.length;
  let workerProblem: string | undefined;
  let usedWorkers = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = (index: number, outcome: JobResult | Error) => {
    outcomes[index] = outcome;
    if (--remaining === 0) finish();
  };
  if (jobs.length === 0) finish();

  // --- Workers ---------------------------------------------------------------------------------------
  const workers: Worker[] = [];
  let startFailures = 0;
  const count = options.workers ?? workerCount(jobs.length, options.concurrency);
  const isSource = import.meta.url.endsWith('.ts');
  const entry = options.workerEntry ?? new URL(isSource ? './worker.ts' : './worker.js', import.meta.url).href;
  const tsx = isSource ? tsxLoader() : undefined;
  if (count > 0 && isSource && !tsx) workerProblem = 'tsx is not installed, so worker threads cannot load the TypeScript renderer';
  for (let w = 0; w < count && !workerProblem; w++) {
    let worker: Worker;
    try {
      worker = new Worker(BOOT, { eval: true, workerData: { entry, tsx } });
    } catch (error) {
      workerProblem = `worker threads cannot start: ${(error as Error).message}`;
      break;
    }
    workers.push(worker);
    let current: number | undefined;
    let ready = false;
    let rendered = 0;
    const timer = setTimeout(() => {
      if (!ready) {
        workerProblem ??= 'a worker thread took too long to start';
        void worker.terminate();
      }
    }, BOOT_TIMEOUT_MS);
    const next = () => {
      const index = queue.shift();
      current = index;
      if (index === undefined) {
        void worker.terminate();
        return;
      }
      worker.postMessage({ type: 'job', seq: index, job: jobs[index]! } satisfies ToWorker);
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          clearTimeout(timer);
          next();
          break;
        case 'done':
          if (rendered++ === 0) usedWorkers++;
          settle(message.seq, { bytes: message.bytes, pages: message.pages, warnings: message.warnings });
          next();
          break;
        case 'failed':
          settle(message.seq, new Error(message.message));
          next();
          break;
        case 'boot-error':
          workerProblem ??= `a worker thread could not load the renderer: ${message.message.split('\n')[0]}`;
          void worker.terminate();
          break;
      }
    });
    const giveBack = () => {
      clearTimeout(timer);
      if (!ready) {
        // This worker never started: if no worker can render, the main thread must.
        startFailures++;
        if (startFailures === workers.length) mainAllowed = true;
      }
      // A job the worker held when it stopped goes back to the queue, for the main thread.
      if (current !== undefined && outcomes[current] === undefined) {
        queue.unshift(current);
        current = undefined;
        mainAllowed = true;
      }
      void mainRunner();
    };
    worker.on('error', (error) => {
      workerProblem ??= `a worker thread stopped: ${error.message}`;
      giveBack();
    });
    worker.on('exit', giveBack);
  }

  // --- The main thread takes jobs too --------------------------------------------------------------
  let mainBusy = false;
  let mainAllowed = options.mainThread !== false || workers.length === 0;
  async function mainRunner(): Promise<void> {
    if (mainBusy || !mainAllowed) return;
    mainBusy = true;
    try {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        try {
          settle(index, await runJob(jobs[index]!));
        } catch (error) {
          settle(index, error instanceof Error ? error : new Error(String(error)));
        }
        // Let workers' messages in between two PDFs.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      mainBusy = false;
    }
  }
  void mainRunner();

  await done;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { outcomes: outcomes as (JobResult | Error)[], workers: usedWorkers, workerProblem };
}
