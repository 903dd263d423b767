/**
 * npm run check [-- --all] [--site _site] [--concurrency N] [--path-prefix /notices/] [--report FILE]
 * npm run check -- --shard 2/3          checks one deterministic third of the site (report: reports/shard-2-of-3.json)
 * npm run check -- --merge reports/shard-*.json   merges the shards' reports into reports/accessibility.json
 * npm run check -- --plan [--pages-per-shard 400]  prints how many shards the site needs, as JSON (for CI)
 *
 * The accessibility gate over a built site (npm run build first; the build runs it too): pa11y (axe-core,
 * WCAG 2.2 AA) on every page served from 127.0.0.1, html-validate, a link
 * check and PDF checks. Prints each problem with its code, page, rule, element and how to fix it, writes
 * reports/accessibility.json, and exits 1 on any failure (2 on wrong arguments).
 * Pages that passed before and have not changed come from .cache/check/; --all checks everything.
 */
import './start-up.js';
import { readFile } from 'node:fs/promises';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { readEnvironment } from '../src/config.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import { DEFAULT_CACHE_DIR, DEFAULT_REPORT_PATH, formatSummary, mergeGateResults, parseShard, planShards, runGate, type GateResult } from '../src/check/index.js';
import { writeJsonAtomic } from '../src/files/write-atomic.js';
import { loadSite } from '../src/load/load-site.js';
import { diagnostic } from '../src/diagnostics/catalogue.js';

const usage =
  'Usage: npm run check -- [--all] [--site _site] [--concurrency N] [--path-prefix /folder/] [--report reports/accessibility.json] [--cache-dir .cache/check] [--shard i/n]\n' +
  '       npm run check -- --merge reports/shard-*.json [--report reports/accessibility.json]\n' +
  '       npm run check -- --plan [--pages-per-shard 400]';

function parse() {
  return parseArgs({
    options: {
      all: { type: 'boolean', default: false },
      site: { type: 'string', default: '_site' },
      concurrency: { type: 'string' },
      'path-prefix': { type: 'string' },
      report: { type: 'string' },
      shard: { type: 'string' },
      merge: { type: 'boolean', default: false },
      plan: { type: 'boolean', default: false },
      'pages-per-shard': { type: 'string' },
      'cache-dir': { type: 'string', default: DEFAULT_CACHE_DIR },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
}

function wrongArgument(detail: string): never {
  console.error(formatDiagnostic(diagnostic('check-wrong-argument', { detail, usage }, { file: 'npm run check', line: 0, column: 0 })));
  process.exit(2);
}

let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (error) {
  wrongArgument(error instanceof Error ? error.message : String(error));
}
const args = parsed.values;
if (parsed.positionals.length && !args.merge) wrongArgument(`unexpected ${parsed.positionals.join(' ')}: only --merge takes file names.`);
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

/** --merge: one report and statement from the shards' reports. */
async function merge(files: string[]): Promise<never> {
  if (files.length === 0) wrongArgument('--merge needs the shard reports, e.g. npm run check -- --merge reports/shard-*.json');
  const reports: { file: string; result: GateResult }[] = [];
  for (const file of files) {
    try {
      reports.push({ file, result: JSON.parse(await readFile(file, 'utf8')) as GateResult });
    } catch (error) {
      wrongArgument(`cannot read the shard report ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const merged = mergeGateResults(reports);
  const reportPath = path.resolve(args.report ?? DEFAULT_REPORT_PATH);
  await writeJsonAtomic(reportPath, merged);
  merged.reportPath = reportPath;
  console.log(`Merged ${files.length} shard report${files.length === 1 ? '' : 's'}: ${files.join(', ')}.`);
  for (const line of formatSummary(merged)) console.log(line);
  process.exit(merged.ok ? 0 : 1);
}

/**
 * --plan: how many shards the site needs, from its content (no build): one page per published
 * notice, one per easy read, one per organisation, and the site's own pages. Prints JSON such as
 * {"pages":2015,"shards":5,"matrix":["1/5",…]} and, under GitHub Actions, writes it to the step's outputs.
 */
async function plan(): Promise<never> {
  const perShard = Number(args['pages-per-shard'] ?? 400);
  if (!Number.isInteger(perShard) || perShard < 1) wrongArgument('--pages-per-shard must be a whole number of 1 or more.');
  const loaded = await loadSite({ root: process.cwd() });
  const site = loaded.site;
  const pages = site ? site.published.length + site.published.filter((n) => n.easyRead).length + site.organisations.size + 4 : 0;
  const { shards, matrix } = planShards(pages, perShard);
  const out = { pages, pagesPerShard: perShard, shards, matrix };
  console.log(JSON.stringify(out));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `shards=${shards}\nmatrix=${JSON.stringify(matrix)}\n`);
  process.exit(0);
}

if (args.merge) await merge(parsed.positionals);
if (args.plan) await plan();

const shard = args.shard === undefined ? undefined : parseShard(args.shard);
if (args.shard !== undefined && !shard) wrongArgument(`--shard ${args.shard}: give it as i/n, for example --shard 2/3 (1 ≤ i ≤ n).`);

const concurrency = args.concurrency === undefined ? undefined : Number(args.concurrency);
if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) wrongArgument('--concurrency must be a whole number of 1 or more.');

const result = await runGate({
  siteDir: args.site,
  pathPrefix: await pathPrefix(),
  all: args.all,
  concurrency,
  reportPath: args.report ?? (shard && shard.count > 1 ? `reports/shard-${shard.index}-of-${shard.count}.json` : DEFAULT_REPORT_PATH),
  cacheDir: args['cache-dir'],
  env: process.env,
  shard,
});
process.exit(result.ok ? 0 : 1);
