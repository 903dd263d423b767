/**
 * npm test: every test, then the real thing.
 *  1. the unit and integration tests (vitest);
 *  2. a fresh build of the default content into a temporary folder, which runs the whole
 *     accessibility gate on it, exactly as `npm run build` does.
 * Ends with one plain line, "N passed, N failed", that CI records.
 */
import './start-up.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { build } from '../src/build/build.js';
import { printBuildOutcome, printDiagnostics } from '../src/build/report.js';
import { readEnvironment } from '../src/config.js';

const root = process.cwd();
const reportFile = path.join(root, 'reports', 'vitest.json');

function runVitest(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
      stdio: 'inherit',
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTotalTests: number;
}

let passed = 0;
let failed = 0;

console.log('== Unit and integration tests (vitest)\n');
const vitestExit = await runVitest();
try {
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as VitestJson;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (vitestExit !== 0 && report.numFailedTests === 0) failed += 1; // e.g. a file that failed to load
} catch {
  console.error(`vitest wrote no report to ${reportFile}: counting the run as one failure.`);
  failed += 1;
}

console.log('\n== Fresh build of the default content, with the accessibility gate\n');
const outDir = await mkdtemp(path.join(os.tmpdir(), 'notices-site-'));
try {
  // --all: the gate checks every page afresh, as on a clean checkout, whatever the local cache holds.
    // Only the CI flag matters here: the fresh build must not depend on where the site is deployed.
  const { environment } = readEnvironment(process.env);
  const result = await build({ root, outDir: path.join(outDir, '_site'), check: true, checkAll: true, requireBrowser: environment.ci, env: process.env, onLoaded: (d) => printDiagnostics(d) });
  if (printBuildOutcome(result, 'site')) {
    passed += 1;
    console.log('Build and accessibility gate passed.');
  } else {
    failed += 1;
    console.error('Build or accessibility gate FAILED.');
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
