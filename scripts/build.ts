/**
 * npm run build: builds _site/ from content/ and data/, checks it, and publishes it.
 *   --no-check   skip the accessibility check (quicker while editing; CI and npm test always check)
 *   --all        check every page, ignoring the check's cache
 *   --out DIR    write the site somewhere other than _site/
 * Exit code 0 when the site was built and published; 1 when content has errors or a check failed
 * (the previous site is kept as it was).
 */
import { parseArgs } from 'node:util';
import { build } from '../src/build/build.js';
import { printBuildOutcome, printDiagnostics } from '../src/build/report.js';

let args;
try {
  args = parseArgs({
    options: {
      'no-check': { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      out: { type: 'string', default: '_site' },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run build [-- --no-check] [-- --all] [-- --out DIR]`);
  process.exit(2);
}

const result = await build({ root: process.cwd(), outDir: args.out, check: !args['no-check'], checkAll: args.all, onLoaded: (d) => printDiagnostics(d) });
process.exit(printBuildOutcome(result, args.out) ? 0 : 1);
