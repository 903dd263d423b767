/**
 * The gate's last successful run, for the accessibility statement's "how this site was tested".
 * Kept beside the result cache (.cache/check/last-run.json, never committed): it describes the
 * site as it was last checked on this machine or in this CI run.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GateResult } from './index.js';

export interface GateRunRecord {
  /** The day of the run, YYYY-MM-DD (a day, so the statement page changes at most once a day). */
  date: string;
  /** HTML pages that passed. */
  pages: number;
  pdfs: number;
  /** The browser pa11y drove, e.g. "Chrome/156.0.8078.79". */
  browser?: string;
  /** Tool versions: pa11y, axe-core, html_codesniffer, html-validate, pdfjs-dist … */
  tools: Record<string, string>;
  standard: string;
}

const FILE = 'last-run.json';

export async function writeLastRun(cacheDir: string, result: GateResult): Promise<void> {
  const record: GateRunRecord = {
    date: result.finishedAt.slice(0, 10),
    pages: result.counts.pages,
    pdfs: result.counts.pdfs,
    browser: result.browser?.replace(/\s*\(.*\)$/, ''),
    tools: result.tools,
    standard: 'WCAG 2.2 AA',
  };
  await mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, FILE);
  const previous = await lastGateRun(cacheDir);
  // Keep the recorded browser when this run took every page from the cache (no browser started).
  if (!record.browser && previous?.browser) record.browser = previous.browser;
  await writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${file}.${process.pid}.tmp`, file);
}

/** The last passing run of the gate, or undefined when the site has never passed it here. */
export async function lastGateRun(cacheDir = '.cache/check'): Promise<GateRunRecord | undefined> {
  try {
    const data = JSON.parse(await readFile(path.join(path.resolve(cacheDir), FILE), 'utf8')) as Partial<GateRunRecord>;
    if (typeof data.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.date) || typeof data.pages !== 'number' || !data.tools) return undefined;
    return { date: data.date, pages: data.pages, pdfs: data.pdfs ?? 0, browser: data.browser, tools: data.tools, standard: data.standard ?? 'WCAG 2.2 AA' };
  } catch {
    return undefined;
  }
}
