/**
 * One PDF to make: what a worker thread (or the main thread) needs, all plain data so it can be
 * posted to a worker. Rendering a job writes the PDF to the output and to the cache.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Notice } from '../model/notice.js';
import { storeInCache, type CacheEntry } from './cache.js';
import { renderEasyRead, type PictureData } from './easy-read.js';
import { renderFullNotice, type RenderedPdf } from './full-notice.js';
import type { SiteInfo } from './inline.js';

export type PdfKind = 'full' | 'easy-read';

export interface PdfJob {
  kind: PdfKind;
  notice: Notice;
  site: SiteInfo;
  /** The cache key (hex): names the cached file, and its first 16 bytes are the document ID. */
  key: string;
  /** Pictures of the easy read, by key. */
  pictures?: Record<string, PictureData>;
  /** Where the PDF goes in the site. */
  outFile: string;
  /** Where the cache keeps it (undefined: no cache). */
  cacheFile?: string;
}

export interface JobResult {
  bytes: number;
  pages: number;
  warnings: string[];
}

export async function renderJob(job: PdfJob): Promise<RenderedPdf> {
  const id = Buffer.from(job.key.slice(0, 32), 'hex');
  return job.kind === 'full'
    ? renderFullNotice({ notice: job.notice, site: job.site, id })
    : renderEasyRead({ notice: job.notice, site: job.site, id, pictures: job.pictures ?? {} });
}

export type { CacheEntry };

/** Renders a job and writes the PDF to the site (and the cache). Errors name the notice's source file. */
export async function runJob(job: PdfJob): Promise<JobResult> {
  let result: RenderedPdf;
  try {
    result = await renderJob(job);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(job.notice.source)) throw new Error(message);
    const what = job.kind === 'full' ? 'PDF' : 'easy-read PDF';
    throw new Error(`${job.notice.source}: the ${what} could not be made: ${message}`);
  }
  await mkdir(path.dirname(job.outFile), { recursive: true });
  await writeFile(job.outFile, result.bytes);
  if (job.cacheFile) await storeInCache(job.cacheFile, result.bytes, { pages: result.pages, warnings: result.warnings });
  return { bytes: result.bytes.length, pages: result.pages, warnings: result.warnings };
}
