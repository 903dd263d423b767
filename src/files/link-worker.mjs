/** The linker's worker thread (linker.ts): runs each batch it is sent, and answers with its first failure. */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { applyOperations } from './link-operations.mjs';

// Its links are needed only when the new site is complete, so on a busy machine this thread gives
// way to the build's own (Linux: a thread's own nice value, found through /proc/thread-self).
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // Elsewhere it keeps the process's priority.
}

parentPort.on('message', ({ id, operations }) => parentPort.postMessage({ id, failure: applyOperations(operations) }));
