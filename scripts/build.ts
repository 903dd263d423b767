/**
 * npm run build: builds _site/ from content/ and data/.
 *   --no-check   skip the accessibility check (quicker while editing; CI and npm test always check)
 *   --out DIR    write the site somewhere other than _site/
 * Exit code 0 when the site was built; 1 when content has errors or a check failed (the previous
 * site is kept).
 */
import { parseArgs } from 'node:util';
import { build } from '../src/build/build.js';
import { printDiagnostics, printTimings } from '../src/build/report.js';
import { formatReadability } from '../src/easyread/readability.js';

let args;
try {
  args = parseArgs({ options: { 'no-check': { type: 'boolean', default: false }, out: { type: 'string', default: '_site' } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run build [-- --no-check] [-- --out DIR]`);
  process.exit(2);
}

const result = await build({ root: process.cwd(), outDir: args.out, check: !args['no-check'] });
printDiagnostics(result.diagnostics);
if (result.failure) console.error(`\nThe build failed: ${result.failure}`);
if (!result.ok) {
  console.error(`\nNothing was published: the previous ${args.out}/ is unchanged. Fix the problems above and build again.`);
  process.exit(1);
}
printTimings(result.timings);
if (result.readability) console.log(['', ...formatReadability(result.readability), 'Written to reports/readability.json.'].join('\n'));
console.log(`\nBuilt ${result.site!.published.length} notices (${result.pages} pages) into ${result.outDir}.`);
