/**
 * scripts/run.mjs, which every npm script goes through: it runs a script from the compiled copy
 * of src/ and scripts/ in .cache/code/, compiling again exactly the files whose bytes changed.
 * Each test works on a copy of the code with a small script of its own.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.js';

const execute = promisify(execFile);
let code: string;

beforeAll(async () => {
  code = await mkdtemp(path.join(os.tmpdir(), 'run-script-'));
  for (const item of ['src', 'scripts', 'package.json', 'tsconfig.json']) await cp(path.join(REPO_ROOT, item), path.join(code, item), { recursive: true });
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(code, 'node_modules'));
  await writeFile(path.join(code, 'src', 'greeting.ts'), "export const greeting = (name: string): string => `hello, ${name}`;\n");
  await writeFile(
    path.join(code, 'scripts', 'greet.ts'),
    "import './start-up.js';\nimport { greeting } from '../src/greeting.js';\nconsole.log(JSON.stringify({ said: greeting(process.argv[2] ?? 'nobody'), script: process.argv[1], skipsEleventysResolver: process.env.ELEVENTY_SKIP_ESM_RESOLVER }));\n",
  );
});
afterAll(async () => {
  await rm(code, { recursive: true, force: true });
});

async function run(...args: string[]) {
  try {
    const { stdout, stderr } = await execute(process.execPath, [path.join(code, 'scripts', 'run.mjs'), ...args], { cwd: code, env: { ...process.env, ELEVENTY_SKIP_ESM_RESOLVER: undefined } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const copy = (file: string) => path.join(code, '.cache', 'code', file);
const modified = async (file: string) => (await stat(copy(file))).mtimeMs;

describe('node scripts/run.mjs <script>', () => {
  it('compiles the code into .cache/code/ and runs the script from there with its own arguments', async () => {
    const result = await run('greet', 'Kent');
    expect(result.stderr).toBe('');
    // Eleventy's resolver for its own watch mode is left out (scripts/run.mjs says why).
    expect(JSON.parse(result.stdout)).toEqual({ said: 'hello, Kent', script: copy('scripts/greet.js'), skipsEleventysResolver: 'true' });
    expect(existsSync(copy('src/build/build.js'))).toBe(true);
    // Plain JavaScript files are copied as they are, for the workers that load them by name.
    expect(await readFile(copy('src/files/link-worker.mjs'), 'utf8')).toBe(await readFile(path.join(code, 'src/files/link-worker.mjs'), 'utf8'));
  });

  it('compiles nothing again while nothing changed, and only the file that changed when one does', async () => {
    await run('greet');
    const before = { build: await modified('src/build/build.js'), greeting: await modified('src/greeting.js'), manifest: await modified('manifest.json') };
    await run('greet');
    expect(await modified('manifest.json')).toBe(before.manifest);
    await writeFile(path.join(code, 'src', 'greeting.ts'), "export const greeting = (name: string): string => `good morning, ${name}`;\n");
    const result = await run('greet', 'Hampshire');
    expect(JSON.parse(result.stdout).said).toBe('good morning, Hampshire');
    expect(await modified('src/build/build.js')).toBe(before.build);
    expect(await modified('src/greeting.js')).toBeGreaterThan(before.greeting);
  });

  it('compiles a file again when its copy is damaged or missing', async () => {
    await run('greet');
    await writeFile(copy('src/greeting.js'), 'export const greeting = (');
    expect(JSON.parse((await run('greet', 'Kent')).stdout).said).toMatch(/, Kent$/);
    await unlink(copy('src/greeting.js'));
    expect(JSON.parse((await run('greet', 'Kent')).stdout).said).toMatch(/, Kent$/);
  });

  it('removes the copy of a source file that was deleted', async () => {
    await writeFile(path.join(code, 'src', 'unused.ts'), 'export const unused = 1;\n');
    await run('greet');
    expect(existsSync(copy('src/unused.js'))).toBe(true);
    await unlink(path.join(code, 'src', 'unused.ts'));
    await run('greet');
    expect(existsSync(copy('src/unused.js'))).toBe(false);
  });

  it('stops on a mistake in the code with its file, line and what to do, and no stack trace', async () => {
    const good = await readFile(path.join(code, 'src', 'greeting.ts'), 'utf8');
    await writeFile(path.join(code, 'src', 'greeting.ts'), 'export const greeting = (name: string): string => `hi ${name}`;\nconst broken = ;\n');
    try {
      const result = await run('greet');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^src\/greeting\.ts:2:16: error: Unexpected ";"\n/);
      expect(result.stderr).toContain('Fix the line above');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await writeFile(path.join(code, 'src', 'greeting.ts'), good);
    }
    expect(JSON.parse((await run('greet', 'Kent')).stdout).said).toMatch(/, Kent$/);
  });

  it('runs the script from its TypeScript, with a note, when .cache/code/ cannot be written', async () => {
    await rm(path.join(code, '.cache'), { recursive: true, force: true });
    // A file where the folder should be: nothing can be written under it.
    await writeFile(path.join(code, '.cache'), 'not a folder');
    try {
      const result = await run('greet', 'Kent');
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^note: the compiled code cannot be written to \.cache\/code\/ \((ENOTDIR|EEXIST)[^)]*\), so this runs from the TypeScript/);
      expect(JSON.parse(result.stdout)).toMatchObject({ said: expect.stringMatching(/, Kent$/), script: path.join(code, 'scripts', 'greet.ts') });
    } finally {
      await rm(path.join(code, '.cache'), { force: true });
    }
    // Writable again: compiled as before.
    expect(JSON.parse((await run('greet')).stdout).script).toBe(copy('scripts/greet.js'));
  });

  it('names the scripts there are when asked for one that does not exist', async () => {
    const result = await run('buidl');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^There is no script called 'buidl'\. Usage: node scripts\/run\.mjs <script> \[arguments\], where <script> is one of: .*\bbuild\b.*\bgreet\b/);
    expect((await run()).code).toBe(2);
  });

  it('runs the build as one file, made once and made again when the code changes', async () => {
    const bundle = copy('bundles/build.cjs');
    const result = await run('build', '--no-such-option');
    // The build script ran (it read its arguments) from the one file.
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option '--no-such-option'\nUsage: npm run build/);
    expect(JSON.parse(await readFile(copy('bundles/build.json'), 'utf8'))).not.toHaveProperty('unbundled');
    const made = await modified('bundles/build.cjs');
    expect(existsSync(bundle)).toBe(true);
    await run('build', '--no-such-option');
    expect(await modified('bundles/build.cjs')).toBe(made);
    // A bundle cut short (a full disk, a killed copy) is made again, not run.
    const whole = await readFile(bundle);
    await writeFile(bundle, whole.subarray(0, 1000));
    expect((await run('build', '--no-such-option')).stderr).toMatch(/^Unknown option '--no-such-option'/);
    expect((await readFile(bundle)).equals(whole)).toBe(true);
    // A change to the code: made again, with it.
    const file = path.join(code, 'src', 'build', 'batches.ts');
    const before = await readFile(file, 'utf8');
    try {
      await writeFile(file, `${before}\nexport const marker = 'changed for this test';\n`);
      const key = JSON.parse(await readFile(copy('bundles/build.json'), 'utf8')).key;
      const unchangedSince = await modified('bundles/build.cjs');
      expect((await run('build', '--no-such-option')).code).toBe(2);
      expect(await modified('bundles/build.cjs')).not.toBe(unchangedSince);
      expect(JSON.parse(await readFile(copy('bundles/build.json'), 'utf8')).key).not.toBe(key);
    } finally {
      await writeFile(file, before);
    }
  });

  it('runs the build module by module, as before, when it cannot be made into one file', async () => {
    const file = path.join(code, 'scripts', 'build.ts');
    const before = await readFile(file, 'utf8');
    try {
      // CommonJS cannot await at its top level.
      await writeFile(file, `${before}\nawait Promise.resolve();\n`);
      const result = await run('build', '--no-such-option');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^Unknown option '--no-such-option'\nUsage: npm run build/);
      expect(JSON.parse(await readFile(copy('bundles/build.json'), 'utf8')).unbundled).toMatch(/top-level await/i);
      // Nothing half made is left.
      expect((await readdir(copy('bundles'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      await writeFile(file, before);
    }
    // Back as it was: one file again.
    expect((await run('build', '--no-such-option')).code).toBe(2);
    expect(JSON.parse(await readFile(copy('bundles/build.json'), 'utf8'))).not.toHaveProperty('unbundled');
  });

  it('says in one line that a package is not installed when a script imports one that is missing', async () => {
    await writeFile(path.join(code, 'scripts', 'needs.ts'), "import './start-up.js';\nimport missing from 'no-such-package-for-this-test';\nconsole.log(missing);\n");
    const result = await run('needs');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\(environment\) error \[dependency-missing\] the package no-such-package-for-this-test is not installed\.\n {4}Run npm ci \(in the project folder\), then try again\.\n$/);
  });
});
