/**
 * A PDF worker thread: renders the jobs the pool posts, one at a time, and writes the files.
 * Started by pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { warmUp } from './fonts.js';
import { runJob, type PdfJob } from './jobs.js';

export type ToWorker = { type: 'job'; seq: number; job: PdfJob };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; seq: number; bytes: number; pages: number; warnings: string[] }
  | { type: 'failed'; seq: number; message: string }
  | { type: 'boot-error'; message: string };

const port = parentPort;
if (port) {
  // Read and parse the fonts before saying ready, so the first job is not slower than the rest.
  warmUp();
  port.on('message', (message: ToWorker) => {
    runJob(message.job).then(
      (result) => port.postMessage({ type: 'done', seq: message.seq, ...result } satisfies FromWorker),
      (error: unknown) => port.postMessage({ type: 'failed', seq: message.seq, message: error instanceof Error ? error.message : String(error) } satisfies FromWorker),
    );
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
