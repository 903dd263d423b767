/**
 * Worker threads (PDFs, readability figures) start under the npm scripts, which load
 * scripts/start-up.ts with --import: workers do not inherit tsx's loader, so that import is left out.
 */
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/pdf/pool.js';

describe('worker threads', () => {
  it('leave out imports of TypeScript files, and keep every other Node option', () => {
    expect(workerExecArgv(['--require', 'pre.cjs', '--import', 'file:///x/loader.mjs', '--import', './scripts/start-up.ts', '--max-old-space-size=512'])).toEqual([
      '--require',
      'pre.cjs',
      '--import',
      'file:///x/loader.mjs',
      '--max-old-space-size=512',
    ]);
    expect(workerExecArgv(['--import=./scripts/start-up.ts', '--import=file:///a/b.mts', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
  });
});
