/**
 * npm run build: builds _site/ from content/ and data/, checks it, and publishes it.
 *   --no-check      skip the accessibility check (quicker while editing; CI and npm test always check)
 *   --check-in-shards  skip it here because CI checks the built site in shards before publishing it
 *                   (npm run check -- --shard i/n, then --merge): the accessibility statement still says how it is tested
 *   --all           check every page, ignoring the check's cache
 *   --out DIR       write the site somewhere other than _site/
 *   --format json   content problems as one JSON object per line on stdout (the rest goes to stderr)
 * SITE_URL and PATH_PREFIX override where the site is deployed (see src/config.ts). Under GitHub
 * Actions each problem is also printed as an annotation on the pull request's lines.
 * Exit code 0 when the site was built and published; 1 when content has errors or a check failed
 * (the previous site is kept as it was); 2 when the options or the environment are wrong.
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { build } from '../src/build/build.js';
import { printBuildOutcome, printDiagnostics } from '../src/build/report.js';
import { readEnvironment, readOutputFormat } from '../src/config.js';

let args;
try {
  args = parseArgs({
    options: {
      'no-check': { type: 'boolean', default: false },
      'check-in-shards': { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      out: { type: 'string', default: '_site' },
      format: { type: 'string' },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run build [-- --no-check] [-- --all] [-- --out DIR] [-- --format json]`);
  process.exit(2);
}

const { environment, diagnostics: environmentProblems } = readEnvironment(process.env);
const { format, diagnostics: formatProblems } = readOutputFormat(args.format);
const print = { format, githubActions: environment.githubActions };
if (environmentProblems.length || formatProblems.length) {
  printDiagnostics([...environmentProblems, ...formatProblems], print);
  process.exit(2);
}

// Not a top-level await: a script without one can be loaded as one file (scripts/run.mjs).
void build({
  root: process.cwd(),
  outDir: args.out,
  check: !args['no-check'] && !args['check-in-shards'],
  checkedElsewhere: args['check-in-shards'],
  checkAll: args.all,
  deployment: environment.deployment,
  requireBrowser: environment.ci,
  env: process.env,
  // The previous _site/ is deleted by a process of its own, after this command has ended.
  handOffDeletion: true,
  // The PDFs of what changed are rendered on a thread that starts loading the renderer now.
  preparePdfWorker: true,
  // In JSON, progress lines go to stderr so that stdout holds only the diagnostics.
  log: format === 'json' ? console.error : console.log,
  onLoaded: (d) => printDiagnostics(d, print),
  onProblems: (d) => printDiagnostics(d, print),
}).then((result) => process.exit(printBuildOutcome(result, args.out, { format }) ? 0 : 1));
