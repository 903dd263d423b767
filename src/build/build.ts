/**
 * The build, stage by stage:
 *   load and validate → easy read (its checks and readability figures) → PDF → HTML → check
 * and only then is the new site swapped in for the old one. Any failure leaves the last good site
 * exactly as it was. Each stage is timed (wall time and peak memory) for the build log and
 * `npm run bench`.
 */
import path from 'node:path';
import { lastGateRun, runGate, type GateResult } from '../check/index.js';
import { accessibilityStatement } from '../check/statement.js';
import type { Deployment } from '../config.js';
import { checkEasyReads } from '../easyread/check.js';
import { writeReadabilityReport, type ReadabilityRow } from '../easyread/readability.js';
import { pageData, type NoticeDownloads } from '../html/view.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSite } from '../load/load-site.js';
import type { Site } from '../model/notice.js';
import { renderPdfs, type PdfReport } from '../pdf/index.js';
import { renderHtml } from './html.js';
import { stageOutput } from './output.js';

export type StageName = 'load and validate' | 'PDF' | 'HTML' | 'easy read' | 'check';

export interface StageTiming {
  stage: StageName;
  ms: number;
  /** Peak resident memory of the process so far, in bytes. */
  peakRss: number;
  note?: string;
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
  /**
   * Fail when no browser is found for the accessibility check. Default: true on CI (CI=true),
   * false on a person's machine, where the other checks still run and the build says how to
   * install a browser.
   */
  requireBrowser?: boolean;
  /** Check every page again, ignoring the check's cache. */
  checkAll?: boolean;
  /** Progress lines (the check's summary). Default: console.log. */
  log?: (line: string) => void;
  /** Where the site is deployed, overriding data/site.yaml (readEnvironment in src/config.ts). */
  deployment?: Deployment;
  /** Called as soon as content is loaded, so problems are shown before the slower stages run. */
  onLoaded?: (diagnostics: Diagnostic[]) => void;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
  site?: Site;
  outDir: string;
  pages: number;
  /** Set when a stage failed for a reason other than content diagnostics. */
  failure?: string;
  /** Readability figures of every published notice, full and easy read (also in reports/readability.json). */
  readability?: ReadabilityRow[];
  pdf?: PdfReport;
  /** Problems that did not stop the PDFs. */
  pdfWarnings?: string[];
  gate?: GateResult;
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export async function timed<T>(timings: StageTiming[], stage: StageName, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ stage, ms: performance.now() - start, peakRss: peakRss() });
  }
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? '_site');
  const log = options.log ?? console.log;
  const timings: StageTiming[] = [];

  const loaded = await timed(timings, 'load and validate', () => loadSite({ root, today: options.today, deployment: options.deployment }));
  // The easy-read checks are a stage of their own. They run even when loading found errors, so
  // one run lists every problem.
  const easyReadStart = performance.now();
  const easyRead = checkEasyReads(loaded);
  const easyReadTiming: StageTiming = { stage: 'easy read', ms: performance.now() - easyReadStart, peakRss: peakRss(), note: 'checks and readability; its pages are part of HTML' };
  timings.push(easyReadTiming);
  const diagnostics = [...loaded.diagnostics, ...easyRead.diagnostics];
  options.onLoaded?.(diagnostics);
  if (!loaded.site || hasErrors(diagnostics)) {
    return { ok: false, diagnostics, timings, outDir, pages: 0 };
  }
  const site = loaded.site;
  const result: BuildResult = { ok: false, diagnostics, timings, site, outDir, pages: 0 };

  const readabilityStart = performance.now();
  result.readability = await writeReadabilityReport(site, path.join(root, 'reports', 'readability.json'));
  easyReadTiming.ms += performance.now() - readabilityStart;
  easyReadTiming.peakRss = peakRss();

  const staged = await stageOutput(outDir);
  try {
    const pdfs = await timed(timings, 'PDF', () => renderPdfs(site, staged.dir, { root, onReport: (report) => (result.pdf = report) }));
    const downloads: Record<string, NoticeDownloads> = {};
    for (const [id, files] of pdfs) {
      downloads[id] = { full: files.full, easyRead: files.easyRead };
      result.pdfWarnings = [...(result.pdfWarnings ?? []), ...(files.warnings ?? [])];
    }

    const check = options.check ?? true;
    const requireBrowser = options.requireBrowser ?? process.env.CI === 'true';
    // The statement reports the check's last passing run. When this build's run changes that
    // record (a new day, more pages), the statement is rendered again and re-checked, so the
    // published statement is both current and checked. Two rounds at most.
    let record = await lastGateRun();
    for (let round = 1; ; round++) {
      const statement = accessibilityStatement(site, record);
      const data = { ...pageData(site, downloads, { accessibilityStatement: Boolean(statement) }), accessibilityStatement: statement };
      result.pages = await timed(timings, 'HTML', () => renderHtml(root, staged.dir, data));
      if (!check) break;
      const gate = await timed(timings, 'check', () =>
        // Round 2 re-checks only what changed: everything else was checked moments ago in round 1.
        runGate({ siteDir: staged.dir, pathPrefix: site.pathPrefix, all: options.checkAll && round === 1, requireBrowser, log }),
      );
      result.gate = gate;
      if (!gate.ok) {
        throw new Error(`the accessibility check found ${gate.counts.failures} problem${gate.counts.failures === 1 ? '' : 's'} on ${gate.counts.failedPages} page${gate.counts.failedPages === 1 ? '' : 's'} (listed above; full report in ${gate.reportPath ?? 'the JSON report'}).`);
      }
      const newRecord = await lastGateRun();
      if (!statement || round === 2 || JSON.stringify(accessibilityStatement(site, newRecord)) === JSON.stringify(statement)) break;
      record = newRecord;
    }
    mergeRepeatedStages(timings);

    await staged.commit();
    result.ok = true;
    return result;
  } catch (error) {
    await staged.discard();
    mergeRepeatedStages(timings);
    result.failure = error instanceof Error ? error.message : String(error);
    return result;
  }
}

/** A stage run twice (the statement's second round) is reported once, with both times added. */
function mergeRepeatedStages(timings: StageTiming[]): void {
  const merged: StageTiming[] = [];
  for (const timing of timings) {
    const earlier = merged.find((t) => t.stage === timing.stage);
    if (earlier) {
      earlier.ms += timing.ms;
      earlier.peakRss = Math.max(earlier.peakRss, timing.peakRss);
    } else merged.push({ ...timing });
  }
  timings.splice(0, timings.length, ...merged);
}
