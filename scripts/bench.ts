/**
 * npm run bench: how long a build of many notices takes, stage by stage.
 *
 *   npm run bench                      1,000 notices
 *   npm run bench -- --notices 200     another number
 *   npm run bench -- --check           include the accessibility check (slow: a browser per page)
 *   npm run bench -- --keep            keep the generated project (its path is printed)
 *
 * It makes a throwaway project of N notices, copies of the real ones in content/ under new ids,
 * then runs a cold build (no caches) and a rebuild after one notice changed. Each build runs in
 * its own process, so its peak memory is its own. For every stage (load and validate, HTML,
 * easy read, PDF, check) it prints the wall time and the process's peak resident memory at the
 * end of the stage.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { build, type StageName, type StageTiming } from '../src/build/build.js';
import { renderPdfs, type PdfReport } from '../src/pdf/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAGES: StageName[] = ['load and validate', 'HTML', 'easy read', 'PDF', 'check'];
const RESULT = 'BENCH-RESULT ';

interface RunResult {
  label: string;
  ok: boolean;
  failure?: string;
  notices: number;
  timings: (StageTiming & { note?: string })[];
  totalMs: number;
  peakRss: number;
  pdf?: PdfReport;
}

let args: { notices: string; check: boolean; keep: boolean; run?: string; label: string };
try {
  args = parseArgs({
    options: {
      notices: { type: 'string', default: '1000' },
      check: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      run: { type: 'string' },
      label: { type: 'string', default: 'build' },
    },
  }).values as typeof args;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run bench [-- --notices N] [-- --check] [-- --keep]`);
  process.exit(2);
}

if (args.run) await runOnce(args.run, args.label);
else await main();

/** One build in this process (a child of the bench), reported as one JSON line. */
async function runOnce(root: string, label: string): Promise<void> {
  process.chdir(root);
  const started = performance.now();
  const result = await build({ root, check: args.check });
  const timings: RunResult['timings'] = [...result.timings];
  let pdf: PdfReport | undefined = result.pdf;
  // Until the build makes the PDFs itself, the bench times the PDF stage on the built site.
  if (result.ok && result.site && !timings.some((t) => t.stage === 'PDF')) {
    const start = performance.now();
    await renderPdfs(result.site, result.outDir, { root, onReport: (report) => (pdf = report) });
    timings.push({ stage: 'PDF', ms: performance.now() - start, peakRss: process.resourceUsage().maxRSS * 1024, note: 'run by the bench after the build' });
  }
  const out: RunResult = {
    label,
    ok: result.ok,
    failure: result.failure ?? (result.ok ? undefined : result.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')),
    notices: result.site?.published.length ?? 0,
    timings,
    totalMs: performance.now() - started,
    peakRss: process.resourceUsage().maxRSS * 1024,
    pdf,
  };
  console.log(RESULT + JSON.stringify(out));
}

async function main(): Promise<void> {
  const count = Number(args.notices);
  if (!Number.isInteger(count) || count < 1) {
    console.error(`--notices must be a whole number of 1 or more (it is '${args.notices}').`);
    process.exit(2);
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'notices-bench-'));
  try {
    const sources = await makeProject(root, count);
    console.log(`Bench: ${count} notices (copies of ${sources} real notices) in ${root}, ${os.availableParallelism()} cores.`);

    const cold = await child(root, 'cold build');
    // Change one notice: its page and PDFs must be made again, the others need not be.
    const first = path.join(root, 'content', 'bench', 'notice-00001.yaml');
    const notice = yaml.load(await readFile(first, 'utf8')) as { title: string };
    notice.title = `${notice.title} (changed)`;
    await writeFile(first, yaml.dump(notice, { lineWidth: -1 }));
    const rebuild = await child(root, 'rebuild, 1 notice changed');
    print([cold, rebuild]);
  } finally {
    if (args.keep) console.log(`\nThe project is kept in ${root}.`);
    else await rm(root, { recursive: true, force: true });
  }
}

/** A project folder: the repository's data, layouts and code, and `count` copies of its notices. */
async function makeProject(root: string, count: number): Promise<number> {
  for (const item of ['data', 'layouts', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO, item), path.join(root, item), { recursive: true });
  }
  for (const item of ['src', 'node_modules']) await symlink(path.join(REPO, item), path.join(root, item));
  const files = (await readdir(path.join(REPO, 'content'), { recursive: true })).filter((f) => /\.ya?ml$/.test(f)).sort();
  const notices = await Promise.all(files.map((f) => readFile(path.join(REPO, 'content', f), 'utf8')));
  if (notices.length === 0) throw new Error('content/ has no notices to copy.');
  await mkdir(path.join(root, 'content', 'bench'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    const source = notices[(i - 1) % notices.length]!;
    const id = `notice-${String(i).padStart(5, '0')}`;
    await writeFile(path.join(root, 'content', 'bench', `${id}.yaml`), source.replace(/^id: .*$/m, `id: ${id}`));
  }
  return notices.length;
}

/** Runs one build in a child process (same Node options, so tsx loads the TypeScript). */
function child(root: string, label: string): Promise<RunResult> {
  const script = fileURLToPath(import.meta.url);
  const argv = [...process.execArgv, script, '--run', root, '--label', label, ...(args.check ? ['--check'] : [])];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (!line) return reject(new Error(`the ${label} did not finish (exit code ${code}):\n${stderr.slice(-3000)}`));
      resolve(JSON.parse(line.slice(RESULT.length)) as RunResult);
    });
  });
}

function print(runs: RunResult[]): void {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  const header = ['stage', ...runs.flatMap((r) => [`${r.label}: time`, 'peak memory'])];
  const rows: string[][] = [];
  const notes = new Set<string>();
  for (const stage of STAGES) {
    rows.push([
      stage,
      ...runs.flatMap((run) => {
        const timing = run.timings.find((t) => t.stage === stage);
        if (timing?.note) notes.add(`${stage}: ${timing.note}`);
        if (timing) return [seconds(timing.ms), mb(timing.peakRss)];
        return [stage === 'check' && !args.check ? 'skipped' : 'not run', ''];
      }),
    ]);
  }
  rows.push(['total', ...runs.flatMap((run) => [seconds(run.totalMs), mb(run.peakRss)])]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log('\nPeak memory is the process\'s peak resident set size at the end of the stage (each build is its own process).');
  for (const note of notes) console.log(`Note: ${note}.`);
  if (!args.check) console.log('The accessibility check is skipped; add --check to include it.');
  for (const run of runs) {
    if (!run.ok) console.log(`\n${run.label} FAILED: ${run.failure ?? 'see above'}`);
    const pdf = run.pdf;
    const timing = run.timings.find((t) => t.stage === 'PDF');
    if (pdf && timing) {
      const total = pdf.rendered + pdf.fromCache;
      const per = pdf.fromCache === 0 && pdf.rendered ? ` (${(timing.ms / pdf.rendered).toFixed(1)} ms per PDF)` : total ? ` (the stage took ${(timing.ms / total).toFixed(1)} ms per PDF, cache look-ups and copies included)` : '';
      console.log(`${run.label}: ${run.notices} notices; PDFs: ${pdf.rendered} rendered${per}, ${pdf.fromCache} from the cache, ${pdf.workers} worker thread${pdf.workers === 1 ? '' : 's'} besides the main thread${pdf.workerProblem ? ` (workers: ${pdf.workerProblem})` : ''}.`);
    }
  }
}
