import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dueReport, findDue, formatDueReport, ownerDiagnostics } from '../../src/history/due.js';
import { readNoticeText, type NoticeRecord } from '../../src/history/notice-source.js';
import type { OwnerTeamData } from '../../src/model/history.js';
import { REPO_ROOT } from '../helpers/project.js';
import { notice } from './git-repo.js';

const run = promisify(execFile);

function record(file: string, text: string): NoticeRecord {
  const result = readNoticeText(file, text);
  if (!result.ok) throw new Error(result.diagnostic.message);
  return result.notice;
}

const owners = new Map<string, OwnerTeamData>([
  ['test-council-data-protection', { name: 'Data Protection Team', email: 'dp@test.example.org', githubLabel: 'team: data protection' }],
  ['test-council-early-help', { name: 'Early Help', email: 'earlyhelp@test.example.org' }],
]);

const notices = [
  record('content/a.yaml', notice({ id: 'month-overdue', nextReview: '2026-02' })),
  record('content/b.yaml', notice({ id: 'due-on-the-day', nextReview: '2026-03-10' })),
  record('content/c.yaml', notice({ id: 'due-soon', nextReview: '2026-03-31' }).replace('owner: test-council-data-protection', 'owner: test-council-early-help')),
  record('content/d.yaml', notice({ id: 'not-yet', nextReview: '2026-06' })),
  record('content/e.yaml', notice({ id: 'draft', nextReview: '2020-01', status: 'draft' })),
  record('content/f.yaml', notice({ id: 'no-owner', nextReview: '2025-12-31' }).replace('owner: test-council-data-protection\n', '')),
  record('content/g.yaml', notice({ id: 'unknown-owner', nextReview: '2026-03-09' }).replace('owner: test-council-data-protection', 'owner: test-council-dat-protection')),
];

describe('review reminders: what is due', () => {
  const today = new Date('2026-03-10T23:30:00Z');

  it('lists published notices past or within the days of their review, most overdue first, with their owners', () => {
    const due = findDue(notices, owners, { today, withinDays: 30 });
    expect(due.map((d) => [d.id, d.dueBy, d.daysOverdue, d.overdue, d.owner?.label ?? d.unknownOwner ?? null])).toEqual([
      ['no-owner', '2025-12-31', 69, true, null],
      // A month means its last day: 2026-02 is overdue from 1 March.
      ['month-overdue', '2026-02-28', 10, true, 'team: data protection'],
      ['unknown-owner', '2026-03-09', 1, true, 'test-council-dat-protection'],
      ['due-on-the-day', '2026-03-10', 0, false, 'team: data protection'],
      ['due-soon', '2026-03-31', -21, false, 'owner: test-council-early-help'],
    ]);
    expect(findDue(notices, owners, { today, withinDays: 0 }).map((d) => d.id)).toEqual(['no-owner', 'month-overdue', 'unknown-owner', 'due-on-the-day']);
  });

  it('prints each notice with its owner and how overdue it is', () => {
    const lines = formatDueReport(findDue(notices, owners, { today, withinDays: 30 }), { today, withinDays: 30 });
    expect(lines.join('\n')).toBe(`Overdue for review, as of 10 March 2026: 3
  content/f.yaml  (no-owner)
    How we use your information
    69 days overdue (due by 31 December 2025)
    owner: no owner named
  content/a.yaml  (month-overdue)
    How we use your information
    10 days overdue (due by 28 February 2026)
    owner: Data Protection Team <dp@test.example.org>
  content/g.yaml  (unknown-owner)
    How we use your information
    1 day overdue (due by 9 March 2026)
    owner: 'test-council-dat-protection' (not in data/owners.yaml)

Due within 30 days: 2
  content/b.yaml  (due-on-the-day)
    How we use your information
    due today
    owner: Data Protection Team <dp@test.example.org>
  content/c.yaml  (due-soon)
    How we use your information
    due in 21 days (due by 31 March 2026)
    owner: Early Help <earlyhelp@test.example.org>`);
  });

  it('warns about published notices with no owner or an unknown one, at the right line', () => {
    expect(ownerDiagnostics(notices, owners).map((d) => [d.file, d.line, d.code, d.hint])).toEqual([
      ['content/f.yaml', 4, 'owner-missing', 'Add "owner: <team id>" after organisation:, with a team from data/owners.yaml.'],
      ['content/g.yaml', 5, 'owner-unknown', 'Add it to data/owners.yaml (name and email), or use one of: test-council-data-protection, test-council-early-help.'],
    ]);
  });

  it('lists the real notices that are overdue, each with a team from data/owners.yaml', async () => {
    const { due, diagnostics } = await dueReport(REPO_ROOT, { today: new Date('2026-11-29T00:00:00Z'), withinDays: 30 });
    expect(diagnostics).toEqual([]);
    // The two Data Protection Act 1998 notices are superseded (status: superseded, nextReview: unknown): no reminders.
    expect(due.filter((d) => d.overdue).map((d) => [d.id, d.owner?.name])).toEqual([
      ['kent-early-help', expect.stringContaining('Kent County Council')],
      ['kent-childrens-social-care', expect.stringContaining('Kent County Council')],
    ]);

    // npm run due exits 1 when any is overdue, 0 when none is, 2 on a wrong argument.
    const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
    const script = path.join(REPO_ROOT, 'scripts/due.ts');
    const exitCode = (args: string[]) => run(tsx, [script, ...args], { cwd: REPO_ROOT }).then(() => 0, (e: { code: number }) => e.code);
    expect(await exitCode(['--today', '2026-11-29'])).toBe(1);
    expect(await exitCode(['--today', '2018-06-01', '--within', '30'])).toBe(0);
    expect(await exitCode(['--today', '29/11/2026'])).toBe(2);
  });
});
