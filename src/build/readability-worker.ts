/**
 * A worker thread's task for the readability figures (run by tinypool, see cache-easy-read.ts):
 * the figures of each text list, as readability() in src/easyread/readability.ts counts them. The
 * texts are plain strings, so the main thread goes on with the easy-read checks meanwhile.
 */
import { readability, type ReadabilityFigures } from '../easyread/readability.js';

export default function countInWorker(batch: { texts: string[][] }): ReadabilityFigures[] {
  return batch.texts.map((texts) => readability(texts));
}
