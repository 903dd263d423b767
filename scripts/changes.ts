/**
 * npm run changes -- --since <git revision> [--today YYYY-MM-DD] [--format text|json|github]
 *
 * Compares every published notice with its version at the revision (see src/history/change-check.ts
 * and docs/keeping-current.md). Exit code 0: nothing to fix; 1: problems (each with file, line and
 * what to add); 2: the command was used wrongly, or git cannot answer (one line says why).
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, sortDiagnostics, summarise } from '../src/diagnostics/diagnostic.js';
import { toGithubAnnotation, toJsonLine } from '../src/diagnostics/format.js';
import { checkChangesSince } from '../src/history/change-check.js';
import { parseDayArgument } from '../src/text/dates.js';

const USAGE = 'Usage: npm run changes -- --since <git revision, e.g. main or HEAD~1> [--today YYYY-MM-DD] [--format text|json|github]';

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { since: { type: 'string' }, today: { type: 'string' }, format: { type: 'string', default: 'text' } }, strict: true }));
} catch (error) {
  usage(`${(error as Error).message}\n${USAGE}`);
}
if (!values.since) usage(`Say which version to compare with. ${USAGE}`);
const today = values.today === undefined ? new Date() : parseDayArgument(values.today);
if (!today) usage(`--today must be a day written YYYY-MM-DD (it is '${values.today}').`);
if (!['text', 'json', 'github'].includes(values.format ?? 'text')) usage(`--format must be text, json or github. ${USAGE}`);

const result = await checkChangesSince({ root: process.cwd(), since: values.since, today });
if (!result.ok) usage(result.usage);

const sorted = sortDiagnostics(result.diagnostics);
for (const d of sorted) {
  if (values.format === 'json') console.log(toJsonLine(d));
  else if (values.format === 'github') console.log(toGithubAnnotation(d));
  else console.log(formatDiagnostic(d));
}
if (values.format === 'text') {
  const first = result.firstPublished.length > 0 ? ` ${result.firstPublished.length} published for the first time (no change note needed).` : '';
  const outcome = sorted.length === 0 ? 'nothing to fix' : summarise(sorted);
  console.log(`${sorted.length > 0 ? '\n' : ''}Compared ${result.checked} published notice${result.checked === 1 ? '' : 's'} with ${values.since} (${result.commit.slice(0, 12)}): ${outcome}.${first}`);
}
process.exit(hasErrors(result.diagnostics) ? 1 : 0);
