/**
 * Renders PDF jobs across the cores with a worker pool (tinypool). The main thread renders too,
 * and worker threads join it only when there are enough jobs to pay for starting them (a worker
 * takes a few hundred milliseconds to load the renderer). Every runner takes the next job from
 * one queue, so a slow PDF does not hold up the others. A job gives the same bytes on any thread.
 *
 * When the build runs from TypeScript source (tsx, vitest), workers load worker-boot.mjs, which
 * registers tsx before importing worker.ts. If a worker cannot start or dies, its job goes back
 * to the queue and the main thread renders it.
 */
import { Tinypool } from 'tinypool';
import { runJob, type JobResult, type PdfJob } from './jobs.js';
import type { WorkerOutcome } from './worker.js';

/**
 * Below this many PDFs to render, starting workers costs more than it saves: a worker takes 0.3 to
 * 2 seconds to load the renderer (tsx, pdfkit, fonts), the time of 10 to 40 PDFs on the main thread.
 */
export const MIN_JOBS_FOR_WORKERS = 40;
/** Each worker should get at least this many jobs. */
const JOBS_PER_WORKER = 20;

export interface PoolOptions {
  /** Threads in all, the main thread included. */
  concurrency: number;
  /** Whether the main thread renders too. Default: true. (False forces workers, for tests and measurements.) */
  mainThread?: boolean;
  /** Workers to start, instead of the number workerCount() chooses. */
  workers?: number;
  /** The worker module (for tests of a worker that cannot start). Default: worker.ts (through worker-boot.mjs) beside this file. */
  workerEntry?: string;
  /** Called as each job starts (so a stage's time limit can name the notice it was working on). */
  onStart?: (job: PdfJob) => void;
}

export interface PoolReport {
  /** One entry per job, in order: its result or its error. */
  outcomes: (JobResult | Error)[];
  /** Worker threads that rendered at least one job. */
  workers: number;
  /** Why workers were not used, when they were wanted but could not start. */
  workerProblem?: string;
}

/** How many worker threads to start for `jobs` jobs. */
export function workerCount(jobs: number, concurrency: number): number {
  if (jobs < MIN_JOBS_FOR_WORKERS || concurrency < 2) return 0;
  return Math.max(0, Math.min(concurrency - 1, Math.floor(jobs / JOBS_PER_WORKER)));
}

function defaultEntry(): string {
  const isSource = import.meta.url.endsWith('.ts');
  return new URL(isSource ? './worker-boot.mjs' : './worker.js', import.meta.url).href;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export async function renderAll(jobs: readonly PdfJob[], options: PoolOptions): Promise<PoolReport> {
  const outcomes: (JobResult | Error | undefined)[] = new Array(jobs.length).fill(undefined);
  const queue = jobs.map((_, i) => i);
  const count = Math.min(options.workers ?? workerCount(jobs.length, options.concurrency), jobs.length);
  let workerProblem: string | undefined;
  let usedWorkers = 0;

  let pool: Tinypool | undefined;
  if (count > 0) {
    try {
      pool = new Tinypool({ filename: options.workerEntry ?? defaultEntry(), minThreads: count, maxThreads: count, isolateWorkers: false });
      // A thread that fails to start is reported here as well as to the task it was given.
      pool.on('error', (error: unknown) => {
        workerProblem ??= `a worker thread could not start: ${asError(error).message.split('\n')[0]}`;
      });
    } catch (error) {
      workerProblem = `worker threads cannot start: ${asError(error).message}`;
    }
  }
  const threads = pool ? count : 0;

  /** One runner per worker thread: a failure of the thread itself (not of a job) ends the runner and returns the job to the queue. */
  async function workerRunner(): Promise<boolean> {
    let rendered = 0;
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      let outcome: WorkerOutcome;
      try {
        options.onStart?.(jobs[index]!);
        outcome = (await pool!.run(jobs[index]!)) as WorkerOutcome;
      } catch (error) {
        workerProblem ??= `a worker thread could not render: ${asError(error).message.split('\n')[0]}`;
        queue.unshift(index);
        return false;
      }
      outcomes[index] = 'error' in outcome ? new Error(outcome.error) : outcome.result;
      if (rendered++ === 0) usedWorkers++;
    }
    return true;
  }

  async function mainRunner(): Promise<void> {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      try {
        options.onStart?.(jobs[index]!);
        outcomes[index] = await runJob(jobs[index]!);
      } catch (error) {
        outcomes[index] = asError(error);
      }
      // Let the workers' results in between two PDFs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  try {
    const runners: Promise<unknown>[] = Array.from({ length: threads }, () => workerRunner());
    if (options.mainThread !== false || threads === 0) runners.push(mainRunner());
    await Promise.all(runners);
    // Jobs given back by workers that failed: the main thread renders them.
    if (queue.length) await mainRunner();
  } finally {
    await pool?.destroy();
  }
  return { outcomes: outcomes as (JobResult | Error)[], workers: usedWorkers, workerProblem };
}
