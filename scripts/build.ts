/**
 * npm run build: builds _site/ from content/ and data/.
 * Exit code 0 when the site was built; 1 when content has errors (the previous _site/ is kept).
 */
import { build } from '../src/build/build.js';
import { printDiagnostics, printTimings } from '../src/build/report.js';

const root = process.cwd();
const result = await build({ root });
printDiagnostics(result.diagnostics);
if (result.failure) console.error(`\nThe build failed: ${result.failure}`);
if (!result.ok) {
  console.error('\nNothing was published: the previous _site/ is unchanged. Fix the errors above and build again.');
  process.exit(1);
}
printTimings(result.timings);
console.log(`\nBuilt ${result.site!.published.length} notices (${result.pages} pages) into ${result.outDir}.`);
