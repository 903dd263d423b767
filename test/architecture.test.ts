/**
 * The project's import rules (.dependency-cruiser.cjs), checked with dependency-cruiser:
 * no import circle between files of src/, none between its top-level folders, and every package
 * imported by src/, scripts/ and test/ declared in package.json and resolvable. A small project
 * made here with one of each mistake shows the rules catch them.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/project.js';

const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');

async function cruiseIn(root: string, folders: string[], collapse?: string): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(CONFIG);
  // Paths are reported relative to baseDir, which the rules' ^src/ patterns expect.
  const result = await cruise(folders, { ...options, baseDir: root, validate: true, ...(collapse ? { collapse } : {}), tsConfig: { fileName: path.join(root, 'tsconfig.json') } });
  return result.output as ICruiseResult;
}

function violations(result: ICruiseResult): string[] {
  return result.summary.violations.map((v) => {
    const cycle = v.cycle?.length ? ` (circle: ${[v.from, ...v.cycle.map((c) => (typeof c === 'string' ? c : c.name))].join(' → ')})` : '';
    return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
  });
}

/** Circles in the folder graph (files collapsed to src/<folder>), each as "a → b → a". */
function folderCircles(result: ICruiseResult): string[] {
  const edges = new Map<string, string[]>();
  for (const module of result.modules) {
    if (!module.source.startsWith('src/')) continue;
    edges.set(module.source, module.dependencies.map((d) => d.resolved).filter((to) => to.startsWith('src/') && to !== module.source));
  }
  const circles = new Set<string>();
  const walk = (start: string, at: string, trail: string[]) => {
    for (const next of edges.get(at) ?? []) {
      if (next === start) circles.add([...trail, start].join(' → '));
      else if (!trail.includes(next) && next > start) walk(start, next, [...trail, next]);
    }
  };
  for (const folder of [...edges.keys()].sort()) walk(folder, folder, [folder]);
  return [...circles].sort();
}

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('the import rules of this project', () => {
  it('no circle between files, every package declared and every import resolved (src/, scripts/, test/)', async () => {
    expect(violations(await cruiseIn(REPO_ROOT, ['src', 'scripts', 'test']))).toEqual([]);
  }, 120_000);

  it('no circle between the top-level folders of src/', async () => {
    expect(folderCircles(await cruiseIn(REPO_ROOT, ['src'], '^src/[^/]+'))).toEqual([]);
  }, 120_000);
});

describe('what the npm scripts run', () => {
  it('imports only code that scripts/run.mjs compiles (src/ and scripts/), never a test file', async () => {
    const result = await cruiseIn(REPO_ROOT, ['scripts']);
    const outside = result.modules
      .filter((module) => module.source.startsWith('scripts/'))
      .flatMap((module) => module.dependencies.filter((d) => !d.coreModule && !d.resolved.includes('node_modules/') && !/^(src|scripts)\//.test(d.resolved)).map((d) => `${module.source} → ${d.resolved}`));
    expect(outside).toEqual([]);
  }, 120_000);
});

describe('what a build loads before it needs it', () => {
  it('loads the easy-read checks (retext-pos, retext-passive), the PDF renderer (pdfkit), the page renderer (Eleventy) and the accessibility check only when it uses them', async () => {
    const result = await cruiseIn(REPO_ROOT, ['src']);
    // Imports that load a module as the importing one loads: not import(), not types.
    const edges = new Map(result.modules.map((module) => [module.source, module.dependencies.filter((d) => !d.dynamic && !d.dependencyTypes.includes('type-only')).map((d) => d.resolved)]));
    const reached = new Set<string>();
    const visit = (source: string) => {
      if (reached.has(source)) return;
      reached.add(source);
      for (const next of edges.get(source) ?? []) visit(next);
    };
    visit('src/build/build.ts');
    expect(reached.has('src/build/cache-easy-read.ts')).toBe(true);
    expect([...reached].filter((file) => /retext-pos|retext-passive|\/pdfkit\/|@11ty\/eleventy\/|src\/easyread\/check\.ts|src\/easyread\/prose\.ts|src\/build\/html\.ts|src\/check\/runner\.ts/.test(file))).toEqual([]);
  });
});

describe('the rules catch each mistake', () => {
  it('a file circle, a folder circle, an undeclared package and an import that resolves to nothing', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'notices-architecture-'));
    temps.push(root);
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'fixture', type: 'module', dependencies: { 'js-yaml': '*' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
      'src/a/one.ts': "import { two } from './two.js';\nexport const one = () => two;\n",
      'src/a/two.ts': "import { one } from './one.js';\nimport { three } from '../b/three.js';\nexport const two = () => [one, three];\n",
      'src/b/three.ts': "import { two } from '../a/two.js';\nimport yaml from 'js-yaml';\nimport pad from 'left-pad';\nimport { nothing } from './missing.js';\nexport const three = () => [two, yaml, pad, nothing];\n",
      // Two installed packages; only js-yaml is declared.
      'node_modules/js-yaml/package.json': JSON.stringify({ name: 'js-yaml', version: '1.0.0', main: 'index.js' }),
      'node_modules/js-yaml/index.js': 'module.exports = {};\n',
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.0.0', main: 'index.js' }),
      'node_modules/left-pad/index.js': 'module.exports = {};\n',
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    const found = violations(await cruiseIn(root, ['src']));
    expect(found.some((v) => v.startsWith('no-circular: src/a/one.ts → src/a/two.ts'))).toBe(true);
    expect(found).toContain('no-non-package-json: src/b/three.ts → node_modules/left-pad/index.js');
    expect(found.some((v) => v.startsWith('not-to-unresolvable: src/b/three.ts → ./missing.js'))).toBe(true);
    expect(found.some((v) => v.includes('js-yaml'))).toBe(false);
    expect(folderCircles(await cruiseIn(root, ['src'], '^src/[^/]+'))).toEqual(['src/a → src/b → src/a']);
  }, 120_000);
});
