/**
 * One PDF to make: what a worker thread (or the main thread) needs, all plain data so it can be
 * posted to a worker. Rendering a job writes the PDF to the output and to the cache.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { storeInCache, type CacheEntry } from './cache.js';
import type { EasyReadView } from '../views/easy-read.js';
import type { NoticeView } from '../views/notice.js';
import { renderEasyRead, type PictureData } from './easy-read.js';
import { renderFullNotice, type RenderedPdf } from './full-notice.js';
import type { SiteInfo } from './inline.js';
import { pdfMessage } from './messages.js';

export type PdfKind = 'full' | 'easy-read';

/** What a PDF is drawn from: the same view the page is drawn from. */
export type PdfContent = { kind: 'full'; view: NoticeView } | { kind: 'easy-read'; view: EasyReadView };

export type PdfJob = PdfContent & {
  /** The notice's YAML file, for messages. */
  source: string;
  /** The document date, ISO (the notice's last update, so builds are reproducible). */
  date: string;
  site: SiteInfo;
  /** The PDF's own key (hex, viewKey in cache.ts): names the cached file, and its first 16 bytes are the document ID. */
  key: string;
  /** Pictures of the easy read, by key. */
  pictures?: Record<string, PictureData>;
  /** Where the PDF goes in the site. */
  outFile: string;
  /** The cache's folder (undefined: no cache). */
  cacheDir?: string;
  /** The notice's key for this PDF (cacheKey in cache.ts), under which the cache also names it. */
  noticeKey?: string;
};

export interface JobResult {
  bytes: number;
  pages: number;
  warnings: string[];
}

export async function renderJob(job: PdfJob): Promise<RenderedPdf> {
  const id = Buffer.from(job.key.slice(0, 32), 'hex');
  const date = new Date(job.date);
  return job.kind === 'full'
    ? renderFullNotice({ notice: job.view, site: job.site, id, date })
    : renderEasyRead({ view: job.view, site: job.site, id, date, pictures: job.pictures ?? {} });
}

export type { CacheEntry };

/** Renders a job and writes the PDF to the site (and the cache). Errors name the notice's source file. */
export async function runJob(job: PdfJob): Promise<JobResult> {
  let result: RenderedPdf;
  try {
    result = await renderJob(job);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(job.source)) throw new Error(message);
    const what = job.kind === 'full' ? 'PDF' : 'easy-read PDF';
    throw new Error(pdfMessage('pdf-not-made', { what, reason: message }, job.source));
  }
  await mkdir(path.dirname(job.outFile), { recursive: true });
  await writeFile(job.outFile, result.bytes);
  if (job.cacheDir) await storeInCache(job.cacheDir, job.key, result.bytes, { pages: result.pages, warnings: result.warnings }, job.noticeKey);
  return { bytes: result.bytes.length, pages: result.pages, warnings: result.warnings };
}
