// A PDF worker started from TypeScript source: tsx's loader is not inherited by worker threads,
// so register it here before loading the renderer (pool.ts uses worker.js directly when compiled).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');

export default worker.default;
