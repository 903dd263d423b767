import { describe, expect, it } from 'vitest';
import { findDue } from '../../src/history/due.js';
import { readNoticeText, type NoticeRecord } from '../../src/history/notice-source.js';
import {
  REVIEW_LABEL,
  formatActions,
  gitHubRestIssues,
  markerFor,
  noticeIdOf,
  syncReminders,
  type GitHubIssues,
  type IssueDraft,
  type IssueRecord,
} from '../../src/history/reminders.js';
import type { OwnerTeamData } from '../../src/model/history.js';
import { notice } from './git-repo.js';

/** GitHub issues in memory: what the workflow would see and change. */
class FakeIssues implements GitHubIssues {
  issues: (IssueRecord & { state: 'open' | 'closed'; comments: string[] })[] = [];
  calls: string[] = [];
  async listOpen(label: string) {
    this.calls.push(`list ${label}`);
    return this.issues.filter((i) => i.state === 'open' && i.labels.includes(label)).map(({ number, title, body, labels }) => ({ number, title, body, labels: [...labels] }));
  }
  async create(draft: IssueDraft) {
    const issue = { number: this.issues.length + 1, ...draft, labels: [...draft.labels], state: 'open' as const, comments: [] };
    this.issues.push(issue);
    this.calls.push(`create #${issue.number}`);
    return { number: issue.number, title: issue.title, body: issue.body, labels: issue.labels };
  }
  async update(number: number, draft: IssueDraft) {
    Object.assign(this.issues.find((i) => i.number === number)!, { ...draft, labels: [...draft.labels] });
    this.calls.push(`update #${number}`);
  }
  async close(number: number, comment: string) {
    const issue = this.issues.find((i) => i.number === number)!;
    issue.comments.push(comment);
    issue.state = 'closed';
    this.calls.push(`close #${number}`);
  }
}

function record(file: string, text: string): NoticeRecord {
  const result = readNoticeText(file, text);
  if (!result.ok) throw new Error(result.diagnostic.message);
  return result.notice;
}

const owners = new Map<string, OwnerTeamData>([
  ['test-council-data-protection', { name: 'Data Protection Team', email: 'dp@test.example.org' }],
  ['test-council-early-help', { name: 'Early Help', email: 'earlyhelp@test.example.org', githubLabel: 'team: early help' }],
]);
const ownerLabels = new Set(['owner: test-council-data-protection', 'team: early help']);

function state(notices: NoticeRecord[], today: Date) {
  const due = findDue(notices, owners, { today, withinDays: 30 });
  const nextReviewOf = new Map(notices.map((n) => [n.id!, n.nextReview!.iso]));
  return { due, options: { today, ownerLabels, nextReviewOf } };
}

describe('review reminders on GitHub', () => {
  const week1 = new Date('2026-03-09T07:17:00Z');
  const week2 = new Date('2026-03-16T07:17:00Z');
  const week3 = new Date('2026-03-23T07:17:00Z');

  it('opens one issue per due notice, updates it weekly, moves it to a new owner and closes it once reviewed', async () => {
    const github = new FakeIssues();
    // Someone's own issue with the label is never touched.
    await github.create({ title: 'Discuss the review process', body: 'Ideas welcome.', labels: [REVIEW_LABEL] });

    const overdue = record('content/a.yaml', notice({ id: 'overdue-notice', nextReview: '2026-02' }));
    const soon = record('content/b.yaml', notice({ id: 'soon-notice', nextReview: '2026-04-01' }).replace('test-council-data-protection', 'test-council-early-help'));
    const later = record('content/c.yaml', notice({ id: 'later-notice', nextReview: '2027-01' }));

    let { due, options } = state([overdue, soon, later], week1);
    const first = await syncReminders(due, github, options);
    expect(formatActions(first)).toEqual([
      'opened #2: Review due: How we use your information (overdue-notice)',
      'opened #3: Review due: How we use your information (soon-notice)',
    ]);
    const opened = github.issues[1]!;
    expect(opened.labels).toEqual([REVIEW_LABEL, 'owner: test-council-data-protection']);
    expect(noticeIdOf(opened)).toBe('overdue-notice');
    expect(opened.body).toContain(markerFor('overdue-notice'));
    expect(opened.body).toContain('is overdue for review: 9 days overdue (due by 28 February 2026)');
    expect(opened.body).toContain('Owner: Data Protection Team <dp@test.example.org>');
    expect(github.issues[2]!.labels).toEqual([REVIEW_LABEL, 'team: early help']);

    // Run again the same day: nothing to change.
    expect((await syncReminders(due, github, options)).map((a) => a.action)).toEqual(['unchanged', 'unchanged']);

    // A week later, with a label someone added and a new owner for the overdue notice.
    opened.labels.push('in progress');
    const moved = record('content/a.yaml', notice({ id: 'overdue-notice', nextReview: '2026-02' }).replace('test-council-data-protection', 'test-council-early-help'));
    ({ due, options } = state([moved, soon, later], week2));
    const second = await syncReminders(due, github, options);
    expect(second.map((a) => `${a.action} #${'number' in a ? a.number : ''}`)).toEqual(['update #2', 'update #3']);
    expect(opened.labels).toEqual([REVIEW_LABEL, 'in progress', 'team: early help']);
    expect(opened.body).toContain('16 days overdue');

    // The overdue notice is reviewed (nextReview moved on): its reminder is closed with a comment.
    const reviewed = record('content/a.yaml', notice({ id: 'overdue-notice', nextReview: '2027-03' }));
    ({ due, options } = state([reviewed, soon, later], week3));
    const third = await syncReminders(due, github, options);
    expect(third.map((a) => a.action)).toEqual(['update', 'close']);
    expect(opened.state).toBe('closed');
    expect(opened.comments).toEqual(['The notice `overdue-notice` has been reviewed: its next review is now 2027-03. Closing this reminder.']);
    expect(github.issues[0]!.state).toBe('open');
    expect(github.calls.filter((c) => c.startsWith('close'))).toEqual(['close #2']);
  });

  it('closes the reminder of a notice that is no longer published, and duplicate reminders', async () => {
    const github = new FakeIssues();
    await github.create({ title: 'Review due: old', body: `${markerFor('withdrawn-notice')}\nOld.`, labels: [REVIEW_LABEL] });
    await github.create({ title: 'Review due: a', body: `${markerFor('overdue-notice')}\nA.`, labels: [REVIEW_LABEL] });
    await github.create({ title: 'Review due: a again', body: `${markerFor('overdue-notice')}\nA.`, labels: [REVIEW_LABEL] });
    const { due, options } = state([record('content/a.yaml', notice({ id: 'overdue-notice', nextReview: '2026-02' }))], week1);
    const actions = await syncReminders(due, github, { ...options, nextReviewOf: new Map() });
    expect(actions.map((a) => [a.action, 'number' in a ? a.number : undefined])).toEqual([
      ['update', 2],
      ['close', 1],
      ['close', 3],
    ]);
    expect(github.issues[0]!.comments[0]).toBe('The notice `withdrawn-notice` is no longer published. Closing this reminder.');
  });

  it('changes nothing on a dry run', async () => {
    const github = new FakeIssues();
    const { due, options } = state([record('content/a.yaml', notice({ id: 'overdue-notice', nextReview: '2026-02' }))], week1);
    const actions = await syncReminders(due, github, { ...options, dryRun: true });
    expect(formatActions(actions, true)).toEqual(['would open: Review due: How we use your information (overdue-notice)']);
    expect(github.calls).toEqual([`list ${REVIEW_LABEL}`]);
  });
});

describe('the GitHub REST client', () => {
  /** A fetch that records requests and answers from a script, never the network. */
  function fakeFetch(answers: { status: number; body?: unknown }[]) {
    const requests: { url: string; method: string; headers: Record<string, string>; body?: unknown }[] = [];
    const impl = (async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const answer = answers.shift() ?? { status: 500, body: { message: 'unexpected' } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
    }) as typeof fetch;
    return { impl, requests };
  }

  it('lists open issues page by page without pull requests, creates, updates and closes with a comment', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => ({ number: i + 1, title: `t${i}`, body: null, labels: [{ name: REVIEW_LABEL }], ...(i === 0 ? { pull_request: {} } : {}) }));
    const { impl, requests } = fakeFetch([
      { status: 200, body: page1 },
      { status: 200, body: [{ number: 101, title: 'last', body: 'b', labels: ['x'] }] },
      { status: 201, body: { number: 102, title: 'new', body: 'body', labels: [{ name: REVIEW_LABEL }] } },
      { status: 200, body: {} },
      { status: 201, body: {} },
      { status: 200, body: {} },
    ]);
    const api = gitHubRestIssues({ token: 'test-token', repository: 'council/notices', apiUrl: 'https://github.test/api/', fetchImpl: impl });
    const open = await api.listOpen(REVIEW_LABEL);
    expect(open).toHaveLength(100);
    expect(open[0]).toEqual({ number: 2, title: 't1', body: '', labels: [REVIEW_LABEL] });
    expect(open[99]).toEqual({ number: 101, title: 'last', body: 'b', labels: ['x'] });
    expect(await api.create({ title: 'new', body: 'body', labels: [REVIEW_LABEL] })).toEqual({ number: 102, title: 'new', body: 'body', labels: [REVIEW_LABEL] });
    await api.update(102, { title: 'new', body: 'changed', labels: [REVIEW_LABEL] });
    await api.close(102, 'Reviewed.');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://github.test/api/repos/council/notices/issues?state=open&labels=review-due&per_page=100&page=1',
      'GET https://github.test/api/repos/council/notices/issues?state=open&labels=review-due&per_page=100&page=2',
      'POST https://github.test/api/repos/council/notices/issues',
      'PATCH https://github.test/api/repos/council/notices/issues/102',
      'POST https://github.test/api/repos/council/notices/issues/102/comments',
      'PATCH https://github.test/api/repos/council/notices/issues/102',
    ]);
    expect(requests[0]!.headers.Authorization).toBe('Bearer test-token');
    expect(requests.slice(4).map((r) => r.body)).toEqual([{ body: 'Reviewed.' }, { state: 'closed', state_reason: 'completed' }]);
  });

  it('reports what GitHub said when a call fails', async () => {
    const { impl } = fakeFetch([{ status: 403, body: { message: 'Resource not accessible by integration' } }]);
    const api = gitHubRestIssues({ token: 't', repository: 'council/notices', fetchImpl: impl });
    await expect(api.listOpen(REVIEW_LABEL)).rejects.toThrow(/GitHub answered 403 .*Resource not accessible/);
    expect(() => gitHubRestIssues({ token: 't', repository: 'not a repository' })).toThrow(/owner\/name/);
  });
});
