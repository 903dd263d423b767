/**
 * npm run check [-- --all] [--site _site] [--concurrency N] [--path-prefix /notices/] [--report FILE]
 *
 * The accessibility gate over a built site (npm run build first; the build runs it too): pa11y (axe
 * and HTML_CodeSniffer, WCAG 2.2 AA) on every page served from 127.0.0.1, html-validate, a link
 * check and PDF checks. Prints each problem with its code, page, rule, element and how to fix it, writes
 * reports/accessibility.json, and exits 1 on any failure (2 on wrong arguments).
 * Pages that passed before and have not changed come from .cache/check/; --all checks everything.
 */
import './start-up.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { readEnvironment } from '../src/config.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import { DEFAULT_CACHE_DIR, DEFAULT_REPORT_PATH, runGate } from '../src/check/index.js';
import { diagnostic } from '../src/diagnostics/catalogue.js';

const usage = 'Usage: npm run check -- [--all] [--site _site] [--concurrency N] [--path-prefix /folder/] [--report reports/accessibility.json] [--cache-dir .cache/check]';

function parse() {
  return parseArgs({
    options: {
      all: { type: 'boolean', default: false },
      site: { type: 'string', default: '_site' },
      concurrency: { type: 'string' },
      'path-prefix': { type: 'string' },
      report: { type: 'string', default: DEFAULT_REPORT_PATH },
      'cache-dir': { type: 'string', default: DEFAULT_CACHE_DIR },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  }).values;
}

function wrongArgument(detail: string): never {
  console.error(formatDiagnostic(diagnostic('check-wrong-argument', { detail, usage }, { file: 'npm run check', line: 0, column: 0 })));
  process.exit(2);
}

let args: ReturnType<typeof parse>;
try {
  args = parse();
} catch (error) {
  wrongArgument(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

/** SITE_URL and PATH_PREFIX (or the --path-prefix option): a bad value stops with one coded line. */
function deployment(env: NodeJS.ProcessEnv) {
  const { environment, diagnostics } = readEnvironment(env);
  if (diagnostics.length) {
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    process.exit(2);
  }
  return environment.deployment;
}

/** The folder the site is published in: --path-prefix, else PATH_PREFIX, else data/site.yaml, else "/". */
async function pathPrefix(): Promise<string> {
  if (args['path-prefix']) return deployment({ PATH_PREFIX: args['path-prefix'] }).pathPrefix ?? '/';
  const fromEnv = deployment(process.env).pathPrefix;
  if (fromEnv) return fromEnv;
  try {
    const data = yaml.load(await readFile(path.join(process.cwd(), 'data', 'site.yaml'), 'utf8')) as { pathPrefix?: unknown } | undefined;
    if (typeof data?.pathPrefix === 'string') return data.pathPrefix;
  } catch {
    // No data/site.yaml (checking some other folder): the site is served at the root.
  }
  return '/';
}

const concurrency = args.concurrency === undefined ? undefined : Number(args.concurrency);
if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) wrongArgument('--concurrency must be a whole number of 1 or more.');

const result = await runGate({
  siteDir: args.site,
  pathPrefix: await pathPrefix(),
  all: args.all,
  concurrency,
  reportPath: args.report,
  cacheDir: args['cache-dir'],
  env: process.env,
});
process.exit(result.ok ? 0 : 1);
