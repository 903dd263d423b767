/**
 * Renders PDF jobs across the cores with a worker pool (tinypool). Worker threads join when there
 * are enough jobs to pay for starting them (a worker takes a few hundred milliseconds to load the
 * renderer); below that the main thread renders alone. Every runner takes the next job from one
 * queue, so a slow PDF does not hold up the others. A job gives the same bytes on any thread.
 *
 * A job's content (its view) is made only when the job is handed out, and each worker holds at
 * most two jobs (one rendering, the next one waiting), so memory does not grow with the site.
 *
 * When the build runs from TypeScript source (tsx, vitest), workers load worker-boot.mjs, which
 * registers tsx before importing worker.ts. If a worker cannot start or dies, its job goes back
 * to the queue and the main thread renders it.
 */
import { Tinypool } from 'tinypool';
import type { JobResult, PdfJob } from './jobs.js';
import type { WorkerOutcome } from './worker.js';

/**
 * Below this many PDFs to render, starting workers costs more than it saves: a worker takes 0.3 to
 * 2 seconds to load the renderer (tsx, pdfkit, fonts), the time of 10 to 40 PDFs on the main thread.
 */
export const MIN_JOBS_FOR_WORKERS = 40;
/** Each worker should get at least this many jobs. */
const JOBS_PER_WORKER = 20;
/**
 * Jobs a worker holds at once: the one it renders and the next, so it never waits for the main
 * thread to hand it work (the main thread may be busy making the next job's view).
 */
const JOBS_IN_HAND = 4;

/**
 * A worker's heap. Rendering makes much short-lived garbage, and left alone V8 lets a worker's
 * heap grow to 250 MB or more before collecting it; a worker needs less than 100 MB (the fonts,
 * the words laid out, one PDF at a time). Capped, two workers add about 250 MB to the build
 * instead of about 400 MB, for a few per cent more time. A worker that still runs out of memory
 * stops, and the main thread renders its jobs.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24 };

/** A job, or a function that makes it when it is handed out (so views are not all held at once). */
export type JobSource = PdfJob | (() => PdfJob);

export interface PoolOptions {
  /** Threads that may render: worker threads, or the main thread when there are too few jobs for workers. */
  concurrency: number;
  /**
   * Whether the main thread renders too. Default: only when no worker runs. With workers, the
   * main thread makes the jobs and hands them out; rendering there as well would make the
   * workers wait for it between jobs, and its large heap (the whole site) makes its garbage
   * collection slower than a worker's.
   */
  mainThread?: boolean;
  /** Workers to start, instead of the number workerCount() chooses. */
  workers?: number;
  /** The worker module (for tests of a worker that cannot start). Default: worker.ts (through worker-boot.mjs) beside this file. */
  workerEntry?: string;
  /** Called each time a job is finished (rendered or failed), for progress. */
  onDone?: () => void;
  /** Called as each job starts (so a stage's time limit can name the notice it was working on). */
  onStart?: (job: PdfJob) => void;
  /** Once aborted, no job is handed out any more (those being rendered finish); their outcomes stay undefined. */
  signal?: AbortSignal;
  /**
   * A worker started earlier (startPdfWorker), which renders the jobs when there are too few for
   * a pool of their own. With enough for a pool, it is stopped first, so that it does not hold
   * memory beside the pool's threads. Whoever started it closes it.
   */
  worker?: PdfWorker;
}

/** One worker thread started before its jobs are known (startPdfWorker). */
export interface PdfWorker {
  readonly pool: Tinypool;
  /** Stops the thread; safe to call more than once. */
  close(): Promise<void>;
}

export interface PoolReport {
  /** One entry per job, in order: its result or its error. */
  outcomes: (JobResult | Error)[];
  /** Worker threads that rendered at least one job. */
  workers: number;
  /** Why workers were not used, when they were wanted but could not start. */
  workerProblem?: string;
}

/** How many worker threads to start for `jobs` jobs: one per core, when there are enough jobs to share. */
export function workerCount(jobs: number, concurrency: number): number {
  if (jobs < MIN_JOBS_FOR_WORKERS || concurrency < 2) return 0;
  return Math.max(0, Math.min(concurrency, Math.floor(jobs / JOBS_PER_WORKER)));
}

/**
 * Starts one worker thread now, before there is anything to render: it loads the renderer and
 * reads the fonts on the other core while the main thread loads and checks the notices. A build
 * in a process of its own that renders a few PDFs (npm run build after one notice changed) then
 * renders them there, instead of first loading the renderer on the main thread. Undefined when
 * worker threads cannot start (the main thread renders, as without it).
 */
export function startPdfWorker(options: { workerEntry?: string } = {}): PdfWorker | undefined {
  let pool: Tinypool;
  try {
    pool = workerPool(1, options.workerEntry);
  } catch {
    return undefined;
  }
  // A thread that fails to start fails its first job too, which then goes to the main thread.
  pool.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  return { pool, close: () => (closing ??= pool.destroy().catch(() => undefined)) };
}

/** `threads` PDF worker threads, started now, each holding up to JOBS_IN_HAND jobs. */
function workerPool(threads: number, workerEntry = defaultEntry()): Tinypool {
  return new Tinypool({
    filename: workerEntry,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: JOBS_IN_HAND,
    isolateWorkers: false,
    execArgv: workerExecArgv(),
    resourceLimits: WORKER_HEAP,
  });
}

function defaultEntry(): string {
  const isSource = import.meta.url.endsWith('.ts');
  return new URL(isSource ? './worker-boot.mjs' : './worker.js', import.meta.url).href;
}

/** V8's options for the heap and stack, which a worker thread refuses (ERR_WORKER_INVALID_EXEC_ARGV): it gets its own limits (resourceLimits). */
const PROCESS_ONLY = /^--(max-old-space-size|max-semi-space-size|max-young-generation-size|stack-size|v8-pool-size)$/;

/**
 * Node options for worker threads: the process's own, less any --import of a TypeScript file (the
 * npm scripts load scripts/start-up.ts so): worker threads do not inherit tsx's loader, so such an
 * import would stop every worker before its first job (worker-boot.mjs registers tsx itself); and
 * less V8's heap and stack sizes (the npm scripts that build set --max-semi-space-size), with
 * which a worker would not start at all.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (arg === '--import' && /\.[cm]?ts$/.test(execArgv[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (/^--import=.*\.[cm]?ts$/.test(arg)) continue;
    const [name, value] = arg.split('=', 2);
    if (PROCESS_ONLY.test(name!.replaceAll('_', '-'))) {
      // Its value is the next argument when not written after "=".
      if (value === undefined && /^\d+$/.test(execArgv[i + 1] ?? '')) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export async function renderAll(jobs: readonly JobSource[], options: PoolOptions): Promise<PoolReport> {
  const outcomes: (JobResult | Error | undefined)[] = new Array(jobs.length).fill(undefined);
  const queue = jobs.map((_, i) => i);
  // The build no longer needs them (src/build/build.ts: its content has errors).
  options.signal?.addEventListener('abort', () => queue.splice(0), { once: true });
  if (options.signal?.aborted) queue.splice(0);
  const count = Math.min(options.workers ?? workerCount(jobs.length, options.concurrency), jobs.length);
  let workerProblem: string | undefined;
  let usedWorkers = 0;
  const jobAt = (index: number): PdfJob => {
    const source = jobs[index]!;
    return typeof source === 'function' ? source() : source;
  };

  // Too few jobs for a pool of their own: a worker started earlier renders them, if there is one.
  const prepared = count === 0 && jobs.length > 0 ? options.worker : undefined;
  if (count > 0) await options.worker?.close();
  let pool: Tinypool | undefined = prepared?.pool;
  if (count > 0) {
    try {
      pool = workerPool(count, options.workerEntry);
      // A thread that fails to start is reported here as well as to the task it was given.
      pool.on('error', (error: unknown) => {
        workerProblem ??= `a worker thread could not start: ${asError(error).message.split('\n')[0]}`;
      });
    } catch (error) {
      workerProblem = `worker threads cannot start: ${asError(error).message}`;
    }
  }
  const threads = prepared ? 1 : pool ? count : 0;
  const rendering = new Set<number>();

  /**
   * A runner feeding the workers (JOBS_IN_HAND of them per worker): a failure of a thread itself
   * (not of a job) ends the runner and returns the job to the queue.
   */
  async function workerRunner(): Promise<boolean> {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      let outcome: WorkerOutcome;
      try {
        const job = jobAt(index);
        options.onStart?.(job);
        outcome = (await pool!.run(job)) as WorkerOutcome;
      } catch (error) {
        workerProblem ??= `a worker thread could not render: ${asError(error).message.split('\n')[0]}`;
        queue.unshift(index);
        return false;
      }
      outcomes[index] = 'error' in outcome ? new Error(outcome.error) : outcome.result;
      if (outcome.thread !== undefined && !rendering.has(outcome.thread)) {
        rendering.add(outcome.thread);
        usedWorkers++;
      }
      options.onDone?.();
    }
    return true;
  }

  async function mainRunner(): Promise<void> {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      try {
        const job = jobAt(index);
        options.onStart?.(job);
        // Loaded only when this thread renders: with workers, it never loads the renderer.
        const { runJob } = await import('./jobs.js');
        outcomes[index] = await runJob(job);
      } catch (error) {
        outcomes[index] = asError(error);
      }
      options.onDone?.();
      // Let the workers' results in between two PDFs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  try {
    const runners: Promise<unknown>[] = Array.from({ length: threads * JOBS_IN_HAND }, () => workerRunner());
    if (options.mainThread ?? threads === 0) runners.push(mainRunner());
    await Promise.all(runners);
    // Jobs given back by workers that failed: the main thread renders them.
    if (queue.length) await mainRunner();
  } finally {
    // A prepared worker is closed by whoever started it.
    if (!prepared) await pool?.destroy();
  }
  return { outcomes: outcomes as (JobResult | Error)[], workers: usedWorkers, workerProblem };
}
