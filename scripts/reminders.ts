/**
 * npm run reminders [-- --within 30] [--today YYYY-MM-DD] [--dry-run]
 *
 * Opens or updates one GitHub issue per notice due for review, and closes the reminders of notices
 * that were reviewed (src/history/reminders.ts). Run weekly by .github/workflows/review-reminders.yml,
 * with GITHUB_TOKEN and GITHUB_REPOSITORY from the workflow. --dry-run prints what it would do,
 * without a token, listing from an empty set of issues.
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import { parseDayArgument } from '../src/text/dates.js';
import { dueReport } from '../src/history/due.js';
import { readNotices } from '../src/history/notice-source.js';
import { readOwners } from '../src/load/owners.js';
import { formatActions, gitHubRestIssues, syncReminders, type GitHubIssues } from '../src/history/reminders.js';
import { ownerLabel } from '../src/model/history.js';

const USAGE = 'Usage: npm run reminders [-- --within <days>] [--today YYYY-MM-DD] [--dry-run]';

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { within: { type: 'string', default: '30' }, today: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, strict: true }));
} catch (error) {
  usage(`${(error as Error).message}\n${USAGE}`);
}
if (!/^\d{1,4}$/.test(values.within ?? '')) usage(`--within must be a whole number of days (it is '${values.within}').`);
const today = values.today === undefined ? new Date() : parseDayArgument(values.today);
if (!today) usage(`--today must be a day written YYYY-MM-DD (it is '${values.today}').`);
const dryRun = values['dry-run'] ?? false;

const root = process.cwd();
const token = process.env.GITHUB_TOKEN;
const repository = process.env.GITHUB_REPOSITORY;
if (!dryRun && (!token || !repository)) usage('Set GITHUB_TOKEN and GITHUB_REPOSITORY (the workflow does), or pass --dry-run to see what would be done.');

const { due, diagnostics } = await dueReport(root, { today, withinDays: Number(values.within) });
for (const d of diagnostics) console.error(formatDiagnostic(d));
const { notices } = await readNotices(root);
const { owners } = await readOwners(root);

const offline: GitHubIssues = {
  listOpen: async () => [],
  create: async () => ({ number: 0, title: '', body: '', labels: [] }),
  update: async () => undefined,
  close: async () => undefined,
};
const issues = dryRun ? offline : gitHubRestIssues({ token: token!, repository: repository!, apiUrl: process.env.GITHUB_API_URL || undefined });
try {
  const actions = await syncReminders(due, issues, {
    today,
    dryRun,
    ownerLabels: new Set([...owners].map(([id, team]) => ownerLabel(id, team))),
    nextReviewOf: new Map(notices.filter((n) => n.status === 'published' && n.id && n.nextReview).map((n) => [n.id!, n.nextReview!.iso])),
  });
  if (dryRun) console.log('Dry run: nothing was sent to GitHub.');
  for (const line of formatActions(actions, dryRun)) console.log(line);
} catch (error) {
  console.error(`The reminders could not be brought up to date: ${(error as Error).message}`);
  process.exit(1);
}
