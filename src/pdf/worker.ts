/**
 * A PDF worker thread's task (run by tinypool, see pool.ts): renders one job and writes the files.
 * A job's own failure is returned, not thrown, so the pool can tell it from a thread that failed.
 */
import { warmUp } from './fonts.js';
import { runJob, type JobResult, type PdfJob } from './jobs.js';

export type WorkerOutcome = { result: JobResult } | { error: string };

// Read and parse the fonts once, when the thread starts, so the first job is not slower than the rest.
warmUp();

export default async function renderInWorker(job: PdfJob): Promise<WorkerOutcome> {
  try {
    return { result: await runJob(job) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
