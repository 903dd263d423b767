/**
 * scripts/one-file.mjs: a script made into one CommonJS file keeps every module's own address
 * (its import.meta.url, __dirname and __filename), and a script that cannot be made into one file
 * without changing what it does is refused with the reason, so scripts/run.mjs runs it module by
 * module instead. Each test works in a small project of its own.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.js';

const execute = promisify(execFile);

interface OneFile {
  bundleScript(options: { code: string; compiled: string; name: string; outfile: string }): Promise<string[]>;
  stampsOf(code: string, files: string[]): Record<string, [number, number, number]>;
}
const load = async (): Promise<OneFile> => (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'one-file.mjs')).href)) as OneFile;

let code: string;
const compiled = () => path.join(code, '.cache', 'code');
const outfile = () => path.join(code, '.cache', 'code', 'bundles', 'main.cjs');

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(code, file)), { recursive: true });
  await writeFile(path.join(code, file), text);
}

/** A package of the project's own (in its node_modules) with one module. */
async function writePackage(name: string, module: string, type: 'module' | 'commonjs' = 'module'): Promise<void> {
  await write(`node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', type, main: 'index.js' }));
  await write(`node_modules/${name}/index.js`, module);
}

beforeEach(async () => {
  code = await mkdtemp(path.join(os.tmpdir(), 'one-file-'));
  await write('package.json', JSON.stringify({ type: 'module' }));
  // esbuild, found from the project as scripts/run.mjs finds it.
  await mkdir(path.join(code, 'node_modules'), { recursive: true });
  await symlink(path.join(REPO_ROOT, 'node_modules', 'esbuild'), path.join(code, 'node_modules', 'esbuild'));
  await write('src/where.ts', 'export const where = (): string => import.meta.url;\n');
});
afterEach(async () => {
  await rm(code, { recursive: true, force: true });
});

describe('bundleScript', () => {
  it('makes one file in which each module keeps its own address, and lists the files it holds', async () => {
    await writePackage('esm-package', 'export const esmAddress = import.meta.url;\n');
    await writePackage('cjs-package', 'exports.folder = __dirname;\nexports.file = __filename;\n', 'commonjs');
    await write(
      'scripts/main.ts',
      "import { where } from '../src/where.js';\nimport { esmAddress } from 'esm-package';\nimport cjs from 'cjs-package';\nconsole.log(JSON.stringify({ script: import.meta.url, src: where(), esmAddress, folder: cjs.folder, file: cjs.file }));\n",
    );
    const { bundleScript } = await load();
    const inputs = await bundleScript({ code, compiled: compiled(), name: 'main', outfile: outfile() });
    expect(inputs).toEqual(expect.arrayContaining(['scripts/main.ts', 'src/where.ts', path.join('node_modules', 'esm-package', 'index.js'), path.join('node_modules', 'cjs-package', 'index.js')]));

    const { stdout } = await execute(process.execPath, [outfile()], { cwd: code });
    expect(JSON.parse(stdout)).toEqual({
      // The project's code keeps the address of its compiled copy (where its workers and fingerprints are found).
      script: pathToFileURL(path.join(compiled(), 'scripts', 'main.js')).href,
      src: pathToFileURL(path.join(compiled(), 'src', 'where.js')).href,
      // A package keeps its own file's.
      esmAddress: pathToFileURL(path.join(code, 'node_modules', 'esm-package', 'index.js')).href,
      folder: path.join(code, 'node_modules', 'cjs-package'),
      file: path.join(code, 'node_modules', 'cjs-package', 'index.js'),
    });
  });

  it('refuses a script that awaits at its top level', async () => {
    await write('scripts/main.ts', "import { where } from '../src/where.js';\nawait Promise.resolve();\nconsole.log(where());\n");
    const { bundleScript } = await load();
    await expect(bundleScript({ code, compiled: compiled(), name: 'main', outfile: outfile() })).rejects.toThrow(/top-level await/i);
  });

  it('refuses a module that reads import.meta beyond its address', async () => {
    await writePackage('dirname-package', 'export const folder = import.meta.dirname;\n');
    await write('scripts/main.ts', "import { folder } from 'dirname-package';\nconsole.log(folder);\n");
    const { bundleScript } = await load();
    await expect(bundleScript({ code, compiled: compiled(), name: 'main', outfile: outfile() })).rejects.toThrow(/dirname-package.*import\.meta beyond its address/);
  });

  it('refuses a package that finds a file next to itself at run time', async () => {
    await writePackage('data-package', "module.exports = require('node:fs').readFileSync(require.resolve('./data.txt'), 'utf8');\n", 'commonjs');
    await write('scripts/main.ts', "import data from 'data-package';\nconsole.log(data);\n");
    const { bundleScript } = await load();
    await expect(bundleScript({ code, compiled: compiled(), name: 'main', outfile: outfile() })).rejects.toThrow(/data-package.*finds a file next to itself/);
  });
});

describe('stampsOf', () => {
  it('gives each file its size, time and inode, and throws for a file that has gone', async () => {
    await write('a.txt', 'four');
    const { stampsOf } = await load();
    const stamps = stampsOf(code, ['a.txt']);
    expect(stamps['a.txt']![0]).toBe(4);
    await write('a.txt', 'seven!!');
    expect(stampsOf(code, ['a.txt'])['a.txt']![0]).toBe(7);
    expect(() => stampsOf(code, ['gone.txt'])).toThrow();
  });
});
