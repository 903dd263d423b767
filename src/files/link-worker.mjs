/** The linker's worker thread (linker.ts): runs each batch it is sent, and answers with its first failure. */
import { parentPort } from 'node:worker_threads';
import { applyOperations } from './link-operations.mjs';

parentPort.on('message', ({ id, operations }) => parentPort.postMessage({ id, failure: applyOperations(operations) }));
