/**
 * npm start [-- --port 8080] [--check]: the preview. Builds the site with npm run build itself
 * (load → easy read → PDF → HTML, and the accessibility check with --check) into
 * .cache/preview/site, serves it on http://127.0.0.1:<port>/ (pages, PDFs and the accessibility
 * statement), and builds again whenever something in content/, data/ or layouts/ changes, printing
 * the same diagnostics as the build. When a rebuild fails, the last good preview stays on screen.
 * Reload the page in the browser to see a rebuild. The builds run in this process, so a rebuild
 * does not load the code again: after one notice changed it redoes only that notice's work (the
 * rest comes from .cache/, and what the last build read of it is kept in memory). Layouts and data are read afresh each time; after changing src/ or
 * .eleventy.js, stop and start again.
 *   --port N    the port (0: any free port); default PORT or 8080
 *   --check     run the accessibility check on every rebuild (slower; no browser: the other checks run)
 */
import { environmentOrExit } from './start-up.js';
import chokidar from 'chokidar';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { build } from '../src/build/build.js';
import { CacheMemory } from '../src/build/cache.js';
import type { Site } from '../src/model/notice.js';
import { rehearsePdfs } from '../src/pdf/index.js';
import { printBuildOutcome, printDiagnostics } from '../src/build/report.js';
import { serveSite, type SiteServer } from '../src/check/index.js';
import { diagnostic } from '../src/diagnostics/catalogue.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';

const usage = 'Usage: npm start [-- --port 8080] [-- --check]';
function wrongArgument(detail: string): never {
  console.error(formatDiagnostic(diagnostic('check-wrong-argument', { detail, usage }, { file: 'npm start', line: 0, column: 0 })));
  process.exit(2);
}

let args: { port?: string; check: boolean };
try {
  args = parseArgs({ options: { port: { type: 'string' }, check: { type: 'boolean', default: false } } }).values;
} catch (error) {
  wrongArgument((error as Error).message);
}
const port = Number(args.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65_535) wrongArgument('--port must be a port number (0 for any free port).');

const environment = environmentOrExit();
const root = process.cwd();
const OUT = path.join('.cache', 'preview', 'site');
const outDir = path.join(root, OUT);
const WATCHED = ['content', 'data', 'layouts'];

let server: SiteServer | undefined;
let servedPrefix: string | undefined;
let everBuilt = false;
// Cache entries read by one build are kept in memory for the next, which then reads only what changed.
const memory = new CacheMemory();

/** The server follows the site's path prefix (data/site.yaml or PATH_PREFIX); it changes rarely. */
async function serveAt(pathPrefix: string): Promise<void> {
  if (server && servedPrefix === pathPrefix) return;
  const samePort = server ? Number(new URL(server.origin).port) : port;
  await server?.close();
  server = await serveSite(outDir, { pathPrefix, port: samePort });
  servedPrefix = pathPrefix;
  console.log(`Preview: ${server.url('/')}`);
}

function say(code: 'preview-kept-last-good' | 'preview-nothing-to-show'): void {
  const url = server?.url('/') ?? `http://127.0.0.1:${port}/`;
  console.error(formatDiagnostic(diagnostic(code, { url }, { file: OUT, line: 0, column: 0 })));
}

/** The folder the site is published in, as the build decides it: PATH_PREFIX, else data/site.yaml, else "/". */
async function pathPrefix(): Promise<string> {
  const fromEnv = environment.deployment.pathPrefix;
  let prefix = fromEnv || '/';
  if (!fromEnv) {
    try {
      const data = yaml.load(await readFile(path.join(root, 'data', 'site.yaml'), 'utf8')) as { pathPrefix?: unknown } | undefined;
      if (typeof data?.pathPrefix === 'string') prefix = data.pathPrefix;
    } catch {
      // No readable data/site.yaml: the build says why; serve at the root.
    }
  }
  return `/${prefix.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/** A build into the preview folder, printing what npm run build prints; the site when it published. */
async function runBuild(): Promise<Site | undefined> {
  const print = { githubActions: environment.githubActions };
  const result = await build({
    root,
    outDir: OUT,
    check: args.check,
    deployment: environment.deployment,
    requireBrowser: environment.ci,
    env: process.env,
    onLoaded: (diagnostics) => printDiagnostics(diagnostics, print),
    onProblems: (diagnostics) => printDiagnostics(diagnostics, print),
    // The new preview is shown at once; the old one is deleted while the reader looks at it.
    deletePreviousInBackground: true,
    memory,
  });
  void result.deleting?.then((notes) => notes.forEach((note) => console.error(`note: ${note}`)));
  return printBuildOutcome(result, OUT) ? result.site : undefined;
}

let rehearsed = false;

async function rebuild(): Promise<void> {
  const started = performance.now();
  const site = await runBuild();
  if (site) {
    everBuilt = true;
    await serveAt(await pathPrefix());
    console.log(`Preview rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    // While the first change is being made, the PDF renderer runs once, so that change's rebuild
    // does not pay for its first run.
    if (!rehearsed) {
      rehearsed = true;
      await rehearsePdfs(site);
    }
  } else {
    if (!server) await serveAt('/');
    say(everBuilt ? 'preview-kept-last-good' : 'preview-nothing-to-show');
  }
}

// One build at a time; changes made during a build start one more build after it.
let running: Promise<void> | undefined;
let pending = false;
function requestBuild(): void {
  if (running) {
    pending = true;
    return;
  }
  running = rebuild()
    .catch((error: unknown) => {
      console.error(`The preview stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      say(everBuilt ? 'preview-kept-last-good' : 'preview-nothing-to-show');
    })
    .finally(() => {
      running = undefined;
      if (pending) {
        pending = false;
        requestBuild();
      }
    });
}

let timer: NodeJS.Timeout | undefined;
// Chokidar, not fs.watch: Node 20's recursive fs.watch on Linux loses a file that an editor saves
// by writing a new file and renaming it over the old one, and then misses every later save of it.
const watcher = chokidar.watch(
  WATCHED.map((dir) => path.join(root, dir)),
  { ignoreInitial: true, atomic: true },
);
watcher.on('all', (_event, file) => {
  // Editors write several events per save: wait until they settle.
  clearTimeout(timer);
  timer = setTimeout(() => {
    console.log(`\nChanged: ${path.relative(root, file)}. Building the preview again.`);
    requestBuild();
  }, 200);
});

requestBuild();
await running;
console.log(`Watching ${WATCHED.join('/, ')}/ for changes. Stop with Ctrl+C.`);

async function stop(): Promise<void> {
  await watcher.close();
  clearTimeout(timer);
  await running;
  await server?.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
