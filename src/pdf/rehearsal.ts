/**
 * A rehearsal for a new process's PDF worker (pool.ts, startPdfWorker). A thread's first PDFs cost
 * several times the later ones (the fonts' shaping tables are read, the renderer's code is
 * compiled), so the worker renders, and throws away, a full PDF and an easy-read PDF kept from the
 * last build that rendered any, while the main thread is still loading the notices. The real PDFs
 * of what changed then render at full speed. The jobs are kept in the PDF cache folder with the
 * renderer's fingerprint: a rehearsal made by other code is not used. Nothing here can fail a build.
 */
import path from 'node:path';
import { readVerifiedSync, writeVerifiedSync } from '../files/verified-cache.js';
import { rendererFingerprint } from './cache.js';
import type { PdfJob } from './jobs.js';

/** A dot file, so pruning never takes it for an entry. */
const REHEARSAL_FILE = '.rehearsal.json';

interface Kept {
  renderer: string;
  jobs: PdfJob[];
}

/** Keeps `jobs` (one of each kind is enough) for the next process's worker to rehearse. */
export function keepRehearsal(cacheDir: string, jobs: readonly PdfJob[]): void {
  if (!jobs.length) return;
  try {
    // Only what the renderer reads: not where this build put the files.
    const kept: Kept = { renderer: rendererFingerprint(), jobs: jobs.map((job) => ({ ...job, outFile: '', cacheFile: undefined })) };
    writeVerifiedSync(path.join(cacheDir, REHEARSAL_FILE), JSON.stringify(kept));
  } catch {
    // Without it, the next process's first PDFs are only slower.
  }
}

/** The jobs kept for a rehearsal, when they were kept by this renderer; none otherwise. */
export function rehearsalJobs(cacheDir: string): PdfJob[] {
  try {
    const stored = readVerifiedSync(path.join(cacheDir, REHEARSAL_FILE));
    if (!stored) return [];
    const kept = JSON.parse(stored.toString('utf8')) as Kept;
    return kept.renderer === rendererFingerprint() && Array.isArray(kept.jobs) ? kept.jobs : [];
  } catch {
    return [];
  }
}

