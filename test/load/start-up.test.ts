/**
 * Environment mistakes are one line saying what to do, never a stack trace: a package that is
 * not installed (scripts/start-up.ts) and a bad environment variable (src/config.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingDependencyMessage, packageOf } from '../../src/config.js';
import { REPO_ROOT } from '../helpers/project.js';

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const START_UP = path.join(REPO_ROOT, 'scripts/start-up.ts');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'start-up-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, text: string, args: string[] = ['--import', START_UP], env: NodeJS.ProcessEnv = {}) {
  const file = path.join(dir, name);
  await writeFile(file, text);
  try {
    const { stdout, stderr } = await run(TSX, [...args, file], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const ONE_LINE = /^\(environment\) error \[dependency-missing\] the package (\S+) is not installed\.\n {4}Run npm ci \(in the project folder\), then try again\.\n$/;

describe('a package that is not installed', () => {
  it('imported by a script: one line, "run npm ci", exit code 2, no stack trace', async () => {
    const result = await script('imports.ts', "import x from 'no-such-package-for-this-test';\nconsole.log(x);\n");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toContain('no-such-package-for-this-test');
  });

  it('looked up while running (as the fonts are): the same line, with the package rather than the file', async () => {
    const result = await script('resolves.ts', `import { createRequire } from 'node:module';\nimport '${START_UP}';\ncreateRequire(import.meta.url).resolve('@fontsource/no-such-font/package.json');\n`, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toContain('the package @fontsource/no-such-font is not installed');
  });

  it('names the package of a module path, and leaves other errors alone', () => {
    expect(packageOf('@fontsource/atkinson-hyperlegible/files/x.woff2')).toBe('@fontsource/atkinson-hyperlegible');
    expect(packageOf('js-yaml')).toBe('js-yaml');
    expect(packageOf('./missing.js')).toBeUndefined();
    expect(packageOf('/abs/path.js')).toBeUndefined();
    expect(missingDependencyMessage(Object.assign(new Error("Cannot find module '/work/src/x.js'"), { code: 'ERR_MODULE_NOT_FOUND' }))).toBeUndefined();
    expect(missingDependencyMessage(new Error('something else'))).toBeUndefined();
    // Wrapped by a stage, without its code: still found.
    expect(missingDependencyMessage(new Error("content/a.yaml: the PDF could not be made: Cannot find module '@fontsource/atkinson-hyperlegible/files/x.woff2'\nRequire stack:\n- /x"))).toMatch(
      /^\(environment\) error \[dependency-missing\] the package @fontsource\/atkinson-hyperlegible is not installed\./,
    );
  });
});

describe('every npm script', () => {
  it('loads the start-up guard first', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // Through scripts/run.mjs, which loads the start-up guard before the script (test/scripts/run.test.ts).
    const scripts = (await readdir(path.join(REPO_ROOT, 'scripts'))).filter((file) => file.endsWith('.ts'));
    for (const [name, command] of Object.entries(pkg.scripts)) {
      if (!/scripts\//.test(command)) continue;
      // Node's own options may come first (the build's young generation, V8's threads: see package.json).
      const script = /^node (?:--[a-z0-9-]+=\d+ )*scripts\/run\.mjs ([a-z-]+)$/.exec(command)?.[1];
      expect(script, `${name}: ${command}`).toBeDefined();
      expect(scripts, name).toContain(`${script}.ts`);
    }
    for (const file of await readdir(path.join(REPO_ROOT, 'scripts'))) {
      if (!file.endsWith('.ts') || file === 'start-up.ts') continue;
      const text = await readFile(path.join(REPO_ROOT, 'scripts', file), 'utf8');
      const firstImport = /^import .*$/m.exec(text)?.[0] ?? '';
      expect(firstImport, file).toMatch(/from '\.\/start-up\.js';$|^import '\.\/start-up\.js';$/);
      expect(text, `${file} reads the environment through src/config.ts`).not.toMatch(/process\.env\.(SITE_URL|PATH_PREFIX)/);
    }
  });

  it('npm run check refuses a bad PATH_PREFIX in one line naming the variable', async () => {
    try {
      await run(TSX, ['--import', START_UP, path.join(REPO_ROOT, 'scripts/check.ts'), '--site', dir], { cwd: REPO_ROOT, env: { ...process.env, PATH_PREFIX: 'not a prefix!' } });
      expect.unreachable();
    } catch (error) {
      const e = error as { code: number; stderr: string };
      expect(e.code).toBe(2);
      expect(e.stderr).toMatch(/^\(environment\) error \[bad-path-prefix\] .*PATH_PREFIX/);
      expect(e.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
