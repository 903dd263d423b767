/**
 * A PDF worker thread's task (run by tinypool, see pool.ts): renders one job and writes the files.
 * A job's own failure is returned, not thrown, so the pool can tell it from a thread that failed.
 */
import { threadId } from 'node:worker_threads';
import { warmUp } from './fonts.js';
import { runJob, type JobResult, type PdfJob } from './jobs.js';

/** The outcome of a job, and the thread that rendered it (so the pool can count the threads used). */
export type WorkerOutcome = ({ result: JobResult } | { error: string }) & { thread?: number };

// Read and parse the fonts once, when the thread starts, so the first job is not slower than the rest.
warmUp();

export default async function renderInWorker(job: PdfJob): Promise<WorkerOutcome> {
  try {
    return { result: await runJob(job), thread: threadId };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), thread: threadId };
  }
}
