/**
 * npm run due [-- --within 30] [--today YYYY-MM-DD] [--json]
 *
 * Lists published notices past their review date, or due within the given days (default 30), with
 * the team that owns each. Exit code 1 when any notice is overdue (for scripts), 2 when the command
 * is used wrongly, 0 otherwise.
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { formatDiagnostic, sortDiagnostics } from '../src/diagnostics/diagnostic.js';
import { parseDayArgument } from '../src/text/dates.js';
import { dueReport, formatDueReport } from '../src/history/due.js';

const USAGE = 'Usage: npm run due [-- --within <days>] [--today YYYY-MM-DD] [--json]';

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { within: { type: 'string', default: '30' }, today: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true }));
} catch (error) {
  usage(`${(error as Error).message}\n${USAGE}`);
}
if (!/^\d{1,4}$/.test(values.within ?? '')) usage(`--within must be a whole number of days (it is '${values.within}'). ${USAGE}`);
const withinDays = Number(values.within);
const today = values.today === undefined ? new Date() : parseDayArgument(values.today);
if (!today) usage(`--today must be a day written YYYY-MM-DD (it is '${values.today}').`);

const { due, diagnostics } = await dueReport(process.cwd(), { today, withinDays });
if (values.json) {
  console.log(JSON.stringify(due, null, 2));
} else {
  for (const d of sortDiagnostics(diagnostics)) console.error(formatDiagnostic(d));
  if (diagnostics.length > 0) console.error('');
  for (const line of formatDueReport(due, { today, withinDays })) console.log(line);
}
process.exit(due.some((d) => d.overdue) ? 1 : 0);
