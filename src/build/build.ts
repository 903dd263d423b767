/**
 * The build, stage by stage: load and validate → PDFs → HTML → swap the new site in.
 * Each stage is timed (wall time and peak memory) so `npm run bench` and the build log can show
 * where the time goes.
 */
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../load/diagnostics.js';
import { loadSite } from '../load/load-site.js';
import type { Site } from '../model/notice.js';
import { pageData, type NoticeDownloads } from '../html/view.js';
import { renderHtml } from './html.js';
import { stageOutput } from './output.js';
import { writeReadabilityReport, type ReadabilityRow } from '../easyread/readability.js';

export type StageName = 'load and validate' | 'PDF' | 'HTML' | 'easy read' | 'check';

export interface StageTiming {
  stage: StageName;
  ms: number;
  /** Peak resident memory of the process so far, in bytes. */
  peakRss: number;
}

export interface BuildOptions {
  /** The project folder (content/, data/, layouts/). The process must run from it. */
  root: string;
  /** Where the site goes. Default: <root>/_site. */
  outDir?: string;
  /** "Today", for review-date warnings. */
  today?: Date;
  /** Run the accessibility check on the new site before publishing it. Default: true. */
  check?: boolean;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
  site?: Site;
  outDir: string;
  pages: number;
  /** Readability figures of every published notice, full and easy read (also in reports/readability.json). */
  readability?: ReadabilityRow[];
  /** Set when a stage failed for a reason other than content diagnostics. */
  failure?: string;
}

export async function timed<T>(timings: StageTiming[], stage: StageName, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ stage, ms: performance.now() - start, peakRss: process.resourceUsage().maxRSS * 1024 });
  }
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? '_site');
  const timings: StageTiming[] = [];

  const loaded = await timed(timings, 'load and validate', () => loadSite(root, { today: options.today }));
  if (!loaded.site || hasErrors(loaded.diagnostics)) {
    return { ok: false, diagnostics: loaded.diagnostics, timings, outDir, pages: 0 };
  }
  const site = loaded.site;

  const staged = await stageOutput(outDir);
  try {
    const downloads: Record<string, NoticeDownloads> = {};
    const pages = await timed(timings, 'HTML', () => renderHtml(root, staged.dir, pageData(site, downloads)));
    await staged.commit();
    const readability = await writeReadabilityReport(site, path.join(root, 'reports', 'readability.json'));
    return { ok: true, diagnostics: loaded.diagnostics, timings, site, outDir, pages, readability };
  } catch (error) {
    await staged.discard();
    return { ok: false, diagnostics: loaded.diagnostics, timings, site, outDir, pages: 0, failure: error instanceof Error ? error.message : String(error) };
  }
}
