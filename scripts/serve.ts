/**
 * npm start [-- --port 8080] [--check]: the preview. Builds the site with npm run build itself
 * (load → easy read → PDF → HTML, and the accessibility check with --check) into
 * .cache/preview/site, serves it on http://127.0.0.1:<port>/ (pages, PDFs and the accessibility
 * statement), and builds again whenever something in content/, data/ or layouts/ changes, printing
 * the same diagnostics as the build. When a rebuild fails, the last good preview stays on screen.
 * Reload the page in the browser to see a rebuild. Each build runs in a fresh process, as
 * npm run build does, so a changed layout is read afresh and a long session does not grow.
 *   --port N    the port (0: any free port); default PORT or 8080
 *   --check     run the accessibility check on every rebuild (slower; no browser: the other checks run)
 */
import { environmentOrExit } from './start-up.js';
import { spawn } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
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

const BUILD_SCRIPT = fileURLToPath(new URL('./build.ts', import.meta.url));

/** npm run build into the preview folder; its output (diagnostics, timings) goes straight to the terminal. */
function runBuild(): Promise<boolean> {
  const argv = [...process.execArgv, BUILD_SCRIPT, '--out', OUT, ...(args.check ? [] : ['--no-check'])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: 'inherit', env: process.env });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function rebuild(): Promise<void> {
  const started = performance.now();
  if (await runBuild()) {
    everBuilt = true;
    await serveAt(await pathPrefix());
    console.log(`Preview rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
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
const watchers: FSWatcher[] = WATCHED.filter((dir) => existsSync(path.join(root, dir))).map((dir) =>
  watch(path.join(root, dir), { recursive: true }, (_event, file) => {
    // Editors write several events per save: wait until they settle.
    clearTimeout(timer);
    timer = setTimeout(() => {
      console.log(`\nChanged: ${path.join(dir, String(file ?? ''))}. Building the preview again.`);
      requestBuild();
    }, 200);
  }),
);

requestBuild();
await running;
console.log(`Watching ${WATCHED.join('/, ')}/ for changes. Stop with Ctrl+C.`);

async function stop(): Promise<void> {
  for (const watcher of watchers) watcher.close();
  clearTimeout(timer);
  await running;
  await server?.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
