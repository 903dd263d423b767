/**
 * Worker threads (PDFs, readability figures) start under the npm scripts, which load
 * scripts/start-up.ts with --import and give the builds a larger young generation: workers do not
 * inherit tsx's loader, and refuse V8's heap sizes, so both are left out.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/pdf/pool.js';
import { REPO_ROOT } from '../helpers/project.js';

describe('worker threads', () => {
  it("leave out imports of TypeScript files and V8's heap and stack sizes, and keep every other Node option", () => {
    expect(workerExecArgv(['--require', 'pre.cjs', '--import', 'file:///x/loader.mjs', '--import', './scripts/start-up.ts', '--max-old-space-size=512', '--max-semi-space-size', '32'])).toEqual([
      '--require',
      'pre.cjs',
      '--import',
      'file:///x/loader.mjs',
    ]);
    expect(workerExecArgv(['--import=./scripts/start-up.ts', '--import=file:///a/b.mts', '--enable-source-maps', '--max_semi_space_size=32', '--stack-size=900'])).toEqual(['--enable-source-maps']);
  });

  it('start under the options the npm scripts give Node (package.json)', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const options = [...new Set(Object.values(pkg.scripts).flatMap((command) => command.match(/(?<=^node )(?:--\S+ )+/)?.[0].trim().split(' ') ?? []))];
    expect(options).toContain('--max-semi-space-size=32');
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage("started")', { eval: true, execArgv: workerExecArgv(options) });
    try {
      await expect(new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))).resolves.toBe('started');
    } finally {
      await worker.terminate();
    }
  });
});
