/**
 * Runs one of the npm scripts (scripts/<name>.ts) from JavaScript compiled ahead of time:
 *
 *   node scripts/run.mjs <name> [arguments]
 *
 * A command loads several hundred modules. Compiling the TypeScript among them as they load would
 * cost it more than half a second every time; compiled once, they load as plain JavaScript.
 * The compiled copy of src/ and scripts/ is kept in .cache/code/ (safe to delete). On every run
 * each source file's SHA-256 is compared with the one its copy was made from, and each copy's with
 * the one it had when it was made (about 20 ms for the whole code); only the files that changed,
 * or whose copy is missing or damaged, are compiled again, with esbuild, as tsx (which the tests
 * use) compiles them. The script's own code loads scripts/start-up.ts first, so a
 * missing package is one line saying what to do.
 *
 * The build (and the benchmark that times it) then runs as one file: the script, the project's
 * code and most packages in .cache/code/bundles/<script>.cjs (scripts/one-file.mjs), made again
 * when the code, esbuild or a package file in it changes. Loading one file instead of some six
 * hundred modules takes a one-notice rebuild about 0.13 s less. When a script cannot be made into
 * one file, it runs module by module as above.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CODE = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(CODE, '.cache', 'code');
const FOLDERS = ['src', 'scripts'];
/** Changed when the way files are compiled changes, so every copy is made again. */
const FORMAT = 2;

/** Source files in src/ and scripts/, relative to the code's folder (declarations are left out). */
function sources() {
  const files = [];
  for (const folder of FOLDERS) {
    for (const name of readdirSync(path.join(CODE, folder), { recursive: true, encoding: 'utf8' })) {
      const file = path.join(folder, name);
      if (/\.(ts|mts|js|mjs|cjs|json)$/.test(name) && !/\.d\.[cm]?ts$/.test(name) && file !== path.join('scripts', 'run.mjs')) files.push(file);
    }
  }
  return files.sort();
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A file's bytes, or none when it is missing. */
function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Where a source file's compiled copy goes: TypeScript becomes .js, as its importers name it. */
const compiledName = (file) => file.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs');

function writeAtomic(file, bytes) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

/** What every copy depends on besides its own source: this file's format, esbuild's version and tsconfig.json. */
function settings() {
  const require = createRequire(import.meta.url);
  let esbuild = 'missing';
  try {
    esbuild = JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  } catch {
    // Reported when a file must be compiled and esbuild cannot be loaded.
  }
  return { format: FORMAT, esbuild, tsconfig: readFileSync(path.join(CODE, 'tsconfig.json'), 'utf8') };
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(path.join(OUT, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** A compile error as the build prints content errors: the file and line, what is wrong, what to do. */
function compileFailure(file, error) {
  const lines = (error.errors ?? []).map((e) => {
    const where = e.location ? `${file}:${e.location.line}:${e.location.column + 1}` : file;
    return `${where}: error: ${e.text}`;
  });
  if (!lines.length) lines.push(`${file}: error: ${error.message}`);
  return `${lines.join('\n')}\n    The build's own code has a mistake, so no command can run. Fix the line above (or undo the change to it), then try again.`;
}

/**
 * Brings .cache/code/ up to date with src/ and scripts/; exits with a message when a file does not
 * compile. Gives each source file's hash and the settings the copies were made with, or why the
 * copy cannot be written (a read-only or full disk).
 */
async function compile() {
  try {
    return await compileInto();
  } catch (error) {
    if (!error?.code) throw error;
    return { unwritable: `${error.code}${error.path ? ` at ${path.relative(CODE, error.path)}` : ''}` };
  }
}

async function compileInto() {
  const current = settings();
  const manifest = readManifest();
  const sameSettings = manifest && JSON.stringify(manifest.settings) === JSON.stringify(current);
  const files = {};
  const stale = [];
  for (const file of sources()) {
    const bytes = readFileSync(path.join(CODE, file));
    const source = sha256(bytes);
    const kept = sameSettings ? manifest.files[file] : undefined;
    // A copy is used only when it was made from these bytes and is still the copy that was made.
    if (kept?.source === source && kept.copy === sha256(readIfThere(path.join(OUT, compiledName(file))))) files[file] = kept;
    else {
      files[file] = { source };
      stale.push([file, bytes]);
    }
  }
  const removed = manifest ? Object.keys(manifest.files).filter((file) => !(file in files)) : [];
  if (!stale.length && !removed.length && sameSettings) return { files, settings: current };

  let transformSync;
  if (stale.some(([file]) => /\.m?ts$/.test(file))) {
    try {
      ({ transformSync } = await import('esbuild'));
    } catch {
      console.error('(environment) error [dependency-missing] the package esbuild is not installed.\n    Run npm ci (in the project folder), then try again.');
      process.exit(2);
    }
  }
  const { compilerOptions } = JSON.parse(current.tsconfig);
  for (const [file, bytes] of stale) {
    let output = bytes;
    if (/\.m?ts$/.test(file)) {
      try {
        output = transformSync(bytes.toString('utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file, tsconfigRaw: { compilerOptions } }).code;
      } catch (error) {
        console.error(compileFailure(file, error));
        process.exit(1);
      }
    }
    writeAtomic(path.join(OUT, compiledName(file)), output);
    files[file].copy = sha256(output);
  }
  for (const file of removed) rmSync(path.join(OUT, compiledName(file)), { force: true });
  // Written last: a run stopped half way compiles the rest next time.
  writeAtomic(path.join(OUT, 'manifest.json'), JSON.stringify({ settings: current, files }));
  return { files, settings: current };
}

/**
 * The scripts that run as one file (scripts/one-file.mjs): a build in a process of its own, and
 * the benchmark that times one. The others load module by module; for them start-up matters less.
 */
const ONE_FILE = new Set(['build', 'bench']);
/** Changed when the way a script is made into one file changes, so every bundle is made again. */
const BUNDLE_FORMAT = 1;

/**
 * The script as one file in .cache/code/bundles/, made again when the code, esbuild or a package
 * file it holds changed (`compiled`: what compile() gave); undefined when it cannot be made (the script then loads module by
 * module, as it would without this, and the reason is kept so it is not tried again until
 * something changes).
 */
async function oneFile(name, { files, settings: current }) {
  const dir = path.join(OUT, 'bundles');
  const bundle = path.join(dir, `${name}.cjs`);
  // What npm last installed: a package added since (one the script could not be bundled without) is then tried again.
  let installed = 'none';
  try {
    const info = statSync(path.join(CODE, 'node_modules', '.package-lock.json'));
    installed = `${info.size} ${info.mtimeMs} ${info.ino}`;
  } catch {
    // No record of an install: the packages' own files still count.
  }
  const key = sha256(JSON.stringify({ format: BUNDLE_FORMAT, node: process.versions.modules, esbuild: current.esbuild, installed, sources: Object.entries(files).map(([file, { source }]) => [file, source]) }));
  let made;
  try {
    made = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  } catch {
    // Not made yet, or unreadable: made now.
  }
  const { stampsOf, bundleScript } = await import('./one-file.mjs');
  if (made?.key === key) {
    let same = false;
    try {
      same = JSON.stringify(stampsOf(CODE, Object.keys(made.inputs))) === JSON.stringify(made.inputs);
    } catch {
      // An input has gone: made again.
    }
    if (same) return made.unbundled ? undefined : bundle;
  }
  let inputs = [];
  let unbundled;
  try {
    inputs = await bundleScript({ code: CODE, compiled: OUT, name, outfile: `${bundle}.${process.pid}.tmp` });
    renameSync(`${bundle}.${process.pid}.tmp`, bundle);
  } catch (error) {
    rmSync(`${bundle}.${process.pid}.tmp`, { force: true });
    unbundled = error?.errors?.[0]?.text ?? error?.message ?? String(error);
  }
  try {
    // The packages' files (the project's own are in the key, by their hashes), and the bundle
    // itself: one cut short or replaced since is made again.
    const stamped = inputs.filter((input) => input.startsWith(`node_modules${path.sep}`));
    if (!unbundled) stamped.push(path.relative(CODE, bundle));
    writeAtomic(path.join(dir, `${name}.json`), JSON.stringify({ key, inputs: stampsOf(CODE, stamped), ...(unbundled ? { unbundled } : {}) }));
  } catch {
    // Made again next time.
  }
  return unbundled ? undefined : bundle;
}

const [name, ...rest] = process.argv.slice(2);
const scripts = readdirSync(path.join(CODE, 'scripts')).filter((file) => file.endsWith('.ts') && file !== 'start-up.ts').map((file) => file.slice(0, -3));
if (!name || !scripts.includes(name)) {
  console.error(`${name ? `There is no script called '${name}'.` : 'Which script?'} Usage: node scripts/run.mjs <script> [arguments], where <script> is one of: ${scripts.join(', ')}.`);
  process.exit(2);
}
const compiled = await compile();
// Eleventy registers a module resolver (on a thread of its own, in Node 20) that every later import
// then goes through, to reload files its own watch mode saw change. The build never uses that mode
// (the preview watches the files itself and runs Eleventy afresh), so the resolver only costs time.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= 'true';
let from = OUT;
let extension = 'js';
if (compiled.unwritable) {
  // Nothing is lost: the script runs from its TypeScript, compiled as each module loads.
  console.error(`note: the compiled code cannot be written to .cache/code/ (${compiled.unwritable}), so this runs from the TypeScript, which takes longer to start.`);
  const { register } = await import('tsx/esm/api');
  register();
  from = CODE;
  extension = 'ts';
}
const script = path.join(from, 'scripts', `${name}.${extension}`);
// The script reads its own arguments, as if it had been run directly.
process.argv = [process.argv[0], script, ...rest];
const bundle = compiled.files && ONE_FILE.has(name) ? await oneFile(name, compiled) : undefined;
if (bundle) {
  createRequire(import.meta.url)(bundle);
} else {
  await import(pathToFileURL(path.join(from, 'scripts', `start-up.${extension}`)).href);
  await import(pathToFileURL(script).href);
}
