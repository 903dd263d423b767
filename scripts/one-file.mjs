/**
 * Makes one npm script, with the code and most packages it loads, into one CommonJS file
 * (.cache/code/bundles/<script>.cjs), for scripts/run.mjs. A command in a process of its own
 * spends about half a second finding, reading and linking some six hundred modules one by one
 * (Eleventy's among them); loaded as one file, a one-notice rebuild of 1,000 notices took about
 * 0.13 s less (README, Speed). Nothing else changes: each module keeps its own
 * address (import.meta.url, __dirname and __filename are written in as the module's own file, the
 * compiled copy in .cache/code for the project's code), so the code fingerprints of the caches, the
 * worker threads' files and the packages' own files are found where they are when the script runs
 * module by module.
 *
 * A script is not made into one file, and runs module by module as before, when it cannot be
 * without changing what it does: it awaits at its top level (CommonJS cannot), or a module it
 * loads uses import.meta other than its address, or resolves a file next to itself at run time.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Packages left to load as they are: the gate's browser and checkers (loaded only by the gate),
 * packages that start worker threads from files of their own, the PDF renderer (its worker
 * threads load it), and the import's document readers.
 */
const EXTERNAL = [
  'axe-core',
  'cheerio',
  'chokidar',
  'dompurify',
  'esbuild',
  'html-validate',
  'jsdom',
  'linkinator',
  'mammoth',
  'pa11y',
  'pa11y-ci',
  'pdfjs-dist',
  'pdfkit',
  'proper-lockfile',
  'puppeteer',
  'puppeteer-core',
  'sirv',
  'svg-to-pdfkit',
  'tinypool',
  'tsx',
  'vitest',
  'write-file-atomic',
];

const loaderFor = (file) => (/\.m?ts$/.test(file) ? 'ts' : 'js');

const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** A package of ES modules only: `import` gives it to CommonJS as a namespace, not as its exports. */
function esModulesOnly(code, name) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(code, 'node_modules', name, 'package.json'), 'utf8'));
    return manifest.type === 'module' && !JSON.stringify(manifest.exports ?? {}).includes('"require"');
  } catch {
    return false;
  }
}

/**
 * Bundles scripts/<name>.ts into `outfile`. `code`: the project's folder; `compiled`: where the
 * compiled copies of src/ and scripts/ are (the address each module of the project's code keeps).
 * Gives the files it was made from (relative to `code`), or throws with the reason it cannot be made.
 */
export async function bundleScript({ code, compiled, name, outfile }) {
  const { build, transform } = await import('esbuild');
  const compiledFor = (file) => {
    const relative = path.relative(code, file);
    return ['src', 'scripts'].includes(relative.split(path.sep)[0]) ? path.join(compiled, relative.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs')) : file;
  };
  const addresses = {
    name: 'addresses',
    setup(bundler) {
      // A package left out and imported by name is required: it must allow that, and give its
      // exports (a package of ES modules only gives CommonJS its namespace, so not its default export).
      const requireFromCode = createRequire(path.join(code, 'package.json'));
      bundler.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageOf(args.path);
        if (args.kind !== 'import-statement' || !EXTERNAL.includes(name)) return undefined;
        const importer = path.relative(code, args.importer);
        try {
          requireFromCode.resolve(args.path);
        } catch {
          return { errors: [{ text: `${importer} imports ${args.path}, which cannot be required` }] };
        }
        if (!esModulesOnly(code, name)) return undefined;
        const escaped = args.path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        const text = readFileSync(args.importer, 'utf8');
        if (new RegExp(`import\\s+[\\w$]+\\s*(,[^;]*)?from\\s*['"]${escaped}['"]`).test(text)) {
          return { errors: [{ text: `${importer} imports the default export of ${args.path}, a package of ES modules only` }] };
        }
        return undefined;
      });
      bundler.onLoad({ filter: /\.(m?ts|m?js|cjs)$/ }, async (args) => {
        let text = readFileSync(args.path, 'utf8');
        const own = compiledFor(args.path);
        const inPackage = args.path.includes(`${path.sep}node_modules${path.sep}`);
        let changed = false;
        if (text.includes('import.meta')) {
          text = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(own).href));
          changed = true;
          // What is left may be words in a string (a parser's), or a use CommonJS would leave empty:
          // esbuild tells which (it keeps its own warnings about packages quiet when it bundles them).
          if (text.includes('import.meta')) {
            const { warnings } = await transform(text, { loader: loaderFor(args.path), format: 'cjs', platform: 'node', logLevel: 'silent' });
            if (warnings.some((warning) => warning.id === 'empty-import-meta')) return { errors: [{ text: `${path.relative(code, args.path)} uses import.meta beyond its address` }] };
          }
        }
        if (inPackage && /\b__(dirname|filename)\b/.test(text)) {
          text = text.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(own))).replace(/\b__filename\b/g, JSON.stringify(own));
          changed = true;
        }
        if (inPackage && /require\.resolve\(\s*['"]\.\.?\//.test(text)) return { errors: [{ text: `${path.relative(code, args.path)} finds a file next to itself at run time` }] };
        if (!changed) return undefined;
        return { contents: text, loader: loaderFor(args.path), resolveDir: path.dirname(args.path) };
      });
    },
  };
  const result = await build({
    absWorkingDir: code,
    entryPoints: [path.join(code, 'scripts', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // import() stays import(): what it loads is an ES module, loaded as one.
    supported: { 'dynamic-import': true },
    external: EXTERNAL,
    plugins: [addresses],
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));
}

/** Each file's size, time and inode, to tell whether a bundle's inputs changed since it was made. */
export function stampsOf(code, files) {
  return Object.fromEntries(
    files.map((file) => {
      const info = statSync(path.join(code, file));
      return [file, [info.size, info.mtimeMs, info.ino]];
    }),
  );
}
