/**
 * npm run validate: checks every notice and data file, and the easy-read versions, and reports
 * every problem, without building.
 *   --format json   one JSON object per problem on stdout (for editors and tools)
 * Under GitHub Actions each problem is also printed as an annotation on the pull request's lines.
 * Exit code 1 when there is any error; 2 when the options or the environment are wrong.
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { readEnvironment, readOutputFormat } from '../src/config.js';
import { printDiagnostics } from '../src/build/report.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { checkEasyReads } from '../src/easyread/check.js';
import { loadSite } from '../src/load/load-site.js';
import { checkCompleteness } from '../src/gdpr/stage.js';

let args;
try {
  args = parseArgs({ options: { format: { type: 'string' } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run validate [-- --format json]`);
  process.exit(2);
}
const { environment, diagnostics: environmentProblems } = readEnvironment(process.env);
const { format, diagnostics: formatProblems } = readOutputFormat(args.format);
const print = { format, githubActions: environment.githubActions, out: console.log };
if (environmentProblems.length || formatProblems.length) {
  printDiagnostics([...environmentProblems, ...formatProblems], print);
  process.exit(2);
}

const loaded = await loadSite({ root: process.cwd(), deployment: environment.deployment });
// The UK GDPR completeness report's problems too (the build also prints its table and writes reports/completeness.json).
const completeness = loaded.site ? checkCompleteness(loaded.site, loaded.notices.map((n) => n.source), { today: new Date() }).diagnostics : [];
const diagnostics = [...loaded.diagnostics, ...checkEasyReads(loaded).diagnostics, ...completeness];
printDiagnostics(diagnostics, print);
if (hasErrors(diagnostics)) process.exit(1);
const done = `All ${loaded.site!.notices.length} notices are valid (${loaded.site!.published.length} published).`;
if (format === 'json') console.error(done);
else console.log(done);
