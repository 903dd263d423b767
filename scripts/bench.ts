/**
 * npm run bench: how long a build of many notices takes, stage by stage, beside plain Eleventy and
 * headless Chromium on the same machine in the same run.
 *
 *   npm run bench                                  1,000 notices
 *   npm run bench -- --notices 200                 another number
 *   npm run bench -- --check 50                    also the accessibility check on 50 notices, cold and after one change
 *   npm run bench -- --json reports/bench.json     also write the figures as JSON
 *   npm run bench -- --no-baseline                 skip plain Eleventy and Chromium
 *   npm run bench -- --keep                        keep the generated projects (their paths are printed)
 *   npm run bench -- --repeat 5                    time each one-notice rebuild, and plain Eleventy, 5 times (default 3)
 *
 * It makes a throwaway project of N notices made from the real ones in content/, each with its own
 * text (scripts/bench/generate.ts), then runs a cold build (no caches) and a rebuild after one
 * sentence of one notice changed, each in a process of its own, as npm run build runs. Then the
 * same rebuild as the preview (npm start) does it: in a process that has built the site once
 * already, so the code is loaded. A shared machine is noisy: each rebuild, and plain Eleventy, is
 * timed --repeat times (a different sentence changed each time), and the median is reported, with
 * every sample in the JSON. Peak memory is that of the whole process tree (worker threads and the
 * browser included), sampled from /proc.
 */
import './start-up.js';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type StageName, type StageTiming } from '../src/build/build.js';
import { CacheMemory } from '../src/build/cache.js';
import { previousOutputs } from '../src/build/output.js';
import { rehearsePdfs } from '../src/pdf/index.js';
import { writeJsonAtomic } from '../src/files/write-atomic.js';
import { codeRoot } from '../src/files/project-paths.js';
import type { PdfReport } from '../src/pdf/index.js';
import { benchNotice, changeOneSentence } from './bench/generate.js';
import { timeChromiumPdf, timeEleventy, writeMarkdownSite } from './bench/baseline.js';
import { watchTreeMemory } from './bench/process-tree.js';

const REPO = codeRoot();
const STAGES: StageName[] = ['load and validate', 'HTML', 'easy read', 'PDF', 'check'];
const RESULT = 'BENCH-RESULT ';

interface RunResult {
  label: string;
  ok: boolean;
  failure?: string;
  notices: number;
  timings: (StageTiming & { note?: string })[];
  /** The build itself, from the moment its code is loaded. */
  totalMs: number;
  /** The whole process, start-up included: what a person waits for, and how plain Eleventy is timed. */
  wallMs?: number;
  /** From the process's start to the build's: Node starting and the build's code loading. */
  startUpMs?: number;
  /** Peak memory of the build's whole process tree, browser included, as PSS (scripts/bench/process-tree.ts). */
  peakRss: number;
  /** The same peak as the sum of every process's RSS (shared pages counted once per process). */
  peakRssSum?: number;
  pdf?: PdfReport;
  checkedPages?: number;
}

interface Args {
  notices: string;
  repeat: string;
  check?: string;
  json?: string;
  keep: boolean;
  'no-baseline': boolean;
  run?: string;
  label: string;
  'with-check': boolean;
  preview: boolean;
}

let args: Args;
try {
  args = parseArgs({
    options: {
      notices: { type: 'string', default: '1000' },
      repeat: { type: 'string', default: '3' },
      check: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'no-baseline': { type: 'boolean', default: false },
      run: { type: 'string' },
      label: { type: 'string', default: 'build' },
      'with-check': { type: 'boolean', default: false },
      preview: { type: 'boolean', default: false },
    },
  }).values as Args;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run bench [-- --notices N] [-- --check M] [-- --json FILE] [-- --repeat R] [-- --no-baseline] [-- --keep]`);
  process.exit(2);
}

// Not a top-level await: a script without one can be loaded as one file (scripts/run.mjs).
void (args.run ? runOnce(args.run, args.label) : main());

/**
 * One build in this process (a child of the bench), reported as one JSON line. With --preview, as
 * npm start rebuilds: the site is built once, untimed, then one notice changes and the build that
 * follows in the same process is the one reported.
 */
async function runOnce(root: string, label: string): Promise<void> {
  // As npm start does, the preview shows its new site before the old one is deleted; as npm run
  // build does, a new process hands the old one to a process of its own to delete.
  const memory = args.preview ? new CacheMemory() : undefined;
  const run = () => build({ root, check: args['with-check'], env: process.env, log: () => {}, progress: false, deletePreviousInBackground: args.preview, handOffDeletion: !args.preview, preparePdfWorker: !args.preview, memory });
  if (args.preview) {
    const first = await run();
    if (!first.ok) throw new Error(`the preview's first build failed: ${first.failure ?? 'see its diagnostics'}`);
    await first.deleting;
    // As npm start does while it waits for the first change (scripts/serve.ts).
    await rehearsePdfs(first.site!);
    await changeNotice(root);
  }
  const started = performance.now();
  const result = await run();
  const totalMs = performance.now() - started;
  await result.deleting;
  const out: RunResult = {
    label,
    ok: result.ok,
    failure: result.failure ?? (result.ok ? undefined : result.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')),
    notices: result.site?.published.length ?? 0,
    timings: result.timings,
    totalMs,
    startUpMs: args.preview ? undefined : started,
    peakRss: process.resourceUsage().maxRSS * 1024,
    pdf: result.pdf,
    checkedPages: result.gate?.counts.pages,
  };
  console.log(RESULT + JSON.stringify(out));
  // Ends as npm run build ends (scripts/build.ts): at once, not after Node has wound down the
  // threads and processes the build used, which the command does not wait for either.
  process.exit(result.ok ? 0 : 1);
}

function wholeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${flag} must be a whole number of 1 or more (it is '${value}').`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const count = wholeNumber(args.notices, '--notices');
  const checkCount = args.check === undefined ? 0 : wholeNumber(args.check, '--check');
  const repeats = wholeNumber(args.repeat, '--repeat');
  const sources = await realNotices();
  const made: string[] = [];
  try {
    const root = await makeProject(sources, count);
    made.push(root);
    console.log(`Bench: ${count} notices (made from ${sources.length} real notices, each with its own text) in ${root}, ${os.availableParallelism()} cores.`);
    const cold = await child(root, 'cold build', false);
    const rebuilds: RunResult[] = [];
    for (let i = 0; i < repeats; i++) {
      await changeNotice(root);
      rebuilds.push(await child(root, 'rebuild, 1 notice changed', false));
    }
    const previews: RunResult[] = [];
    for (let i = 0; i < repeats; i++) {
      const preview = await child(root, 'rebuild in npm start', false, true);
      // Its process is not new: its whole time is the build's.
      preview.wallMs = preview.totalMs;
      previews.push(preview);
    }
    const rebuild = medianRun(rebuilds);
    const preview = medianRun(previews);
    const runs = [cold, rebuild, preview];

    let check: { pages: number; seconds: number; rebuildSeconds: number; peakRssMb: number; peakRssSumMb: number; runs: RunResult[] } | undefined;
    if (checkCount) {
      const checkRoot = await makeProject(sources, checkCount);
      made.push(checkRoot);
      const checkCold = await child(checkRoot, `check of ${checkCount} notices, cold`, true);
      await changeNotice(checkRoot);
      const checkAgain = await child(checkRoot, 'check, 1 notice changed', true);
      const stage = (run: RunResult) => (run.timings.find((t) => t.stage === 'check')?.ms ?? 0) / 1000;
      check = {
        pages: checkCold.checkedPages ?? 0,
        seconds: stage(checkCold),
        rebuildSeconds: stage(checkAgain),
        peakRssMb: mb(Math.max(checkCold.peakRss, checkAgain.peakRss)),
        peakRssSumMb: mb(Math.max(checkCold.peakRssSum ?? 0, checkAgain.peakRssSum ?? 0)),
        runs: [checkCold, checkAgain],
      };
      runs.push(checkCold, checkAgain);
    }

    const baseline = args['no-baseline'] ? undefined : await measureBaseline(root, sources, count, repeats);
    print(runs, check, baseline, { rebuild: wallSamples(rebuilds), preview: wallSamples(previews) });

    if (args.json) {
      const summary = (run: RunResult) => ({
        seconds: round(run.totalMs / 1000),
        wallSeconds: round(wallOf(run) / 1000),
        ...(run.startUpMs === undefined ? {} : { startUpSeconds: round(run.startUpMs / 1000) }),
        stages: Object.fromEntries(run.timings.map((t) => [t.stage, round(t.ms / 1000)])),
        peakRssMb: mb(run.peakRss),
        peakRssSumMb: mb(run.peakRssSum ?? 0),
        ok: run.ok,
      });
      await writeJsonAtomic(path.resolve(args.json), {
        notices: count,
        cores: os.availableParallelism(),
        cold: summary(cold),
        rebuild: { ...summary(rebuild), samples: wallSamples(rebuilds) },
        previewRebuild: { ...summary(preview), samples: wallSamples(previews) },
        ...(check ? { check: { pages: check.pages, seconds: round(check.seconds), rebuildSeconds: round(check.rebuildSeconds), secondsPerPage: check.pages ? round(check.seconds / check.pages) : null, peakRssMb: check.peakRssMb, peakRssSumMb: check.peakRssSumMb } } : {}),
        ...(baseline
          ? {
              baseline,
              // Whole processes, start-up included, as plain Eleventy is timed.
              ratios: {
                coldToEleventyPlusChromiumPdfs: baseline.htmlPlusChromiumPdfSeconds ? round(wallOf(cold) / 1000 / baseline.htmlPlusChromiumPdfSeconds) : null,
                rebuildToPlainEleventy: round(wallOf(rebuild) / 1000 / baseline.eleventyMarkdownSeconds),
                previewRebuildToPlainEleventy: round(preview.totalMs / 1000 / baseline.eleventyMarkdownSeconds),
              },
            }
          : {}),
      });
      console.log(`\nWritten to ${args.json}.`);
    }
    if (runs.some((r) => !r.ok)) process.exitCode = 1;
  } finally {
    if (args.keep) console.log(`\nKept: ${made.join(', ')}`);
    else await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** A run's whole time in milliseconds: its process's, start-up included, or the build's alone when its process is not new. */
function wallOf(run: RunResult): number {
  return run.wallMs ?? run.totalMs;
}

/** The item whose value is the median (the lower middle one of an even number). */
function median<T>(items: readonly T[], value: (item: T) => number): T {
  return [...items].sort((a, b) => value(a) - value(b))[Math.floor((items.length - 1) / 2)]!;
}

/** Of several runs of the same build, the one whose whole time is the median. */
function medianRun(runs: readonly RunResult[]): RunResult {
  return median(runs, wallOf);
}

/** Each run's whole time in seconds, in the order they ran. */
function wallSamples(runs: readonly RunResult[]): number[] {
  return runs.map((run) => round(wallOf(run) / 1000));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

async function realNotices(): Promise<string[]> {
  const files = (await readdir(path.join(REPO, 'content'), { recursive: true })).filter((f) => /\.ya?ml$/.test(f)).sort();
  const notices = await Promise.all(files.map((f) => readFile(path.join(REPO, 'content', f), 'utf8')));
  if (notices.length === 0) {
    console.error('content/ has no notices to make the bench notices from.');
    process.exit(2);
  }
  return notices;
}

/** A project folder: the repository's data, layouts and code, and `count` notices of their own. */
async function makeProject(sources: readonly string[], count: number): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'notices-bench-'));
  for (const item of ['data', 'layouts', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    if (existsSync(path.join(REPO, item))) await cp(path.join(REPO, item), path.join(root, item), { recursive: true });
  }
  // The build's own code runs from REPO; the project needs only its packages.
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  await mkdir(path.join(root, 'content', 'bench'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    await writeFile(path.join(root, 'content', 'bench', `notice-${String(i).padStart(5, '0')}.yaml`), benchNotice(sources, i));
  }
  return root;
}

async function changeNotice(root: string): Promise<void> {
  const first = path.join(root, 'content', 'bench', 'notice-00001.yaml');
  await writeFile(first, changeOneSentence(await readFile(first, 'utf8')));
}

/** Runs one build in a child process, started as the npm scripts start (scripts/run.mjs, with this process's Node options). */
function child(root: string, label: string, withCheck: boolean, preview = false): Promise<RunResult> {
  const argv = [...process.execArgv, path.join(REPO, 'scripts', 'run.mjs'), 'bench', '--run', root, '--label', label, ...(withCheck ? ['--with-check'] : []), ...(preview ? ['--preview'] : [])];
  console.log(`Running the ${label}...`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const memory = watchTreeMemory(proc.pid!);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', async (code) => {
      const treePeaks = await memory.stop();
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (!line) return reject(new Error(`the ${label} did not finish (exit code ${code}):\n${stderr.slice(-3000)}`));
      const result = JSON.parse(line.slice(RESULT.length)) as RunResult;
      result.wallMs = performance.now() - started;
      result.peakRssSum = Math.max(result.peakRss, treePeaks.peakRssSumBytes);
      result.peakRss = Math.max(result.peakRss, treePeaks.peakPssBytes);
      // The previous site is still being deleted by the process it was handed to: the next run
      // starts once it is gone, so that no run is timed while another's deletion competes with it.
      await previousSitesGone(root);
      resolve(result);
    });
  });
}

/** Resolves once no previous site is left in `root` (src/build/output.ts names them), or after a minute. */
async function previousSitesGone(root: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await previousOutputs(path.join(root, '_site'))).length) await new Promise((wake) => setTimeout(wake, 100));
}

interface Baseline {
  eleventyMarkdownSeconds: number;
  /** Each run of plain Eleventy, in seconds (eleventyMarkdownSeconds is their median). */
  eleventyMarkdownSamples: number[];
  chromiumPdfMsPerPage?: number;
  chromiumPdfSecondsForAll?: number;
  chromiumSampledPages?: number;
  htmlPlusChromiumPdfSeconds?: number;
  chromiumProblem?: string;
}

async function measureBaseline(root: string, sources: readonly string[], count: number, repeats: number): Promise<Baseline> {
  console.log('Running plain Eleventy on the same notices as Markdown...');
  const plain = await mkdtemp(path.join(os.tmpdir(), 'notices-bench-eleventy-'));
  try {
    const notices = Array.from({ length: count }, (_, i) => benchNotice(sources, i + 1));
    await writeMarkdownSite(plain, notices);
    const eleventyBin = path.join(REPO, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
    // Timed as often as the rebuilds, and its median compared with theirs.
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) samples.push(round(await timeEleventy(plain, eleventyBin)));
    const baseline: Baseline = { eleventyMarkdownSeconds: median(samples, (seconds) => seconds), eleventyMarkdownSamples: samples };
    const executable = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
    if (!existsSync(executable)) {
      baseline.chromiumProblem = `no browser at ${executable}`;
      return baseline;
    }
    console.log('Running headless Chromium page.pdf on a sample of the built pages...');
    const sample = Array.from({ length: Math.min(count, 20) }, (_, i) => path.join(plain, '_site', `notice-${i + 1}`, 'index.html')).filter((f) => existsSync(f));
    try {
      const ms = await timeChromiumPdf(sample, executable);
      baseline.chromiumPdfMsPerPage = round(ms);
      baseline.chromiumSampledPages = sample.length;
      baseline.chromiumPdfSecondsForAll = round((ms * count) / 1000);
      baseline.htmlPlusChromiumPdfSeconds = round(baseline.eleventyMarkdownSeconds + (ms * count) / 1000);
    } catch (error) {
      baseline.chromiumProblem = (error as Error).message.split('\n')[0];
    }
    return baseline;
  } finally {
    if (!args.keep) await rm(plain, { recursive: true, force: true });
    void root;
  }
}

function print(
  runs: RunResult[],
  check: { pages: number; seconds: number; rebuildSeconds: number; peakRssMb: number; peakRssSumMb: number } | undefined,
  baseline: Baseline | undefined,
  samples: { rebuild: number[]; preview: number[] },
): void {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const header = ['stage', ...runs.flatMap((r) => [r.label, 'peak'])];
  const rows: string[][] = [];
  const stages = [...new Set(runs.flatMap((r) => r.timings.map((t) => t.stage)))] as StageName[];
  for (const stage of stages) {
    rows.push([stage, ...runs.flatMap((run) => {
      const timing = run.timings.find((t) => t.stage === stage);
      return timing ? [seconds(timing.ms), `${mb(timing.peakRss)} MB`] : ['not run', ''];
    })]);
  }
  rows.push(['total (tree peak)', ...runs.flatMap((run) => [seconds(run.totalMs), `${mb(run.peakRss)} MB`])]);
  rows.push(['whole process, start-up included', ...runs.flatMap((run) => [seconds(wallOf(run)), ''])]);
  rows.push(['of which start-up (loading the code)', ...runs.flatMap((run) => [run.startUpMs === undefined ? '' : seconds(run.startUpMs), ''])]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log("\nA stage's peak is the build process's own; the total's is the whole process tree (workers and browser included), as PSS, which counts memory the processes share once.");
  const list = (values: number[]) => values.map((v) => `${v.toFixed(2)} s`).join(', ');
  console.log(`Each rebuild column is the run with the median whole time of ${samples.rebuild.length}: ${list(samples.rebuild)} (npm run build); ${list(samples.preview)} (in npm start).`);
  for (const run of runs) {
    if (!run.ok) console.log(`\n${run.label} FAILED: ${run.failure ?? 'see above'}`);
    if (run.pdf) console.log(`${run.label}: PDFs ${run.pdf.rendered} rendered, ${run.pdf.fromCache} from the cache, ${run.pdf.workers} worker thread${run.pdf.workers === 1 ? '' : 's'}.`);
  }
  if (check) console.log(`\nCheck: ${check.pages} pages in ${check.seconds.toFixed(1)} s (${check.pages ? (check.seconds / check.pages).toFixed(2) : '?'} s a page); after one change ${check.rebuildSeconds.toFixed(1)} s; peak ${check.peakRssMb} MB (PSS; ${check.peakRssSumMb} MB as a sum of RSS).`);
  if (baseline) {
    console.log(`\nBeside it, on this machine now: plain Eleventy renders the same notices from Markdown in ${baseline.eleventyMarkdownSeconds.toFixed(2)} s (median of ${list(baseline.eleventyMarkdownSamples)}).`);
    if (baseline.chromiumPdfMsPerPage !== undefined) {
      console.log(`Headless Chromium prints a page to PDF in ${baseline.chromiumPdfMsPerPage.toFixed(0)} ms (mean of ${baseline.chromiumSampledPages} pages): ${baseline.chromiumPdfSecondsForAll!.toFixed(1)} s for every notice; with the HTML, ${baseline.htmlPlusChromiumPdfSeconds!.toFixed(1)} s.`);
    } else if (baseline.chromiumProblem) console.log(`Chromium was not measured: ${baseline.chromiumProblem}.`);
    // The ratios the targets are stated in, each from whole processes (start-up included) in this one run.
    const [cold, rebuild, preview] = runs;
    const wall = (run: RunResult | undefined) => (run ? wallOf(run) / 1000 : NaN);
    if (baseline.htmlPlusChromiumPdfSeconds) console.log(`Cold build / (Eleventy + Chromium PDFs): ${(wall(cold) / baseline.htmlPlusChromiumPdfSeconds).toFixed(2)}.`);
    console.log(`One-notice rebuild / plain Eleventy: ${(wall(rebuild) / baseline.eleventyMarkdownSeconds).toFixed(2)} (npm run build, a new process); ${(wall(preview) / baseline.eleventyMarkdownSeconds).toFixed(2)} (in npm start).`);
  }
}
