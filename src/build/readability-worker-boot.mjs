// The readability worker started from TypeScript source: tsx's loader is not inherited by worker
// threads, so register it here first (cache-easy-read.ts uses readability-worker.js when compiled).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./readability-worker.ts');

export default worker.default;
