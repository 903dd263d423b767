/**
 * The weekly review reminders on GitHub: one open issue per notice that is due for review, labelled
 * review-due and with its owner's label (which is how the team is notified), kept up to date each
 * week, and closed once the notice has been reviewed (its nextReview moved on) or is no longer
 * published. Each issue carries a hidden marker with the notice id, so a retitled issue is still found.
 *
 * GitHub is reached through the small GitHubIssues interface: the workflow passes the REST version
 * below, tests pass one in memory.
 */
import { formatDate, isoDay } from '../text/dates.js';
import { dueInWords, ownerInWords, type DueNotice } from './due.js';

export const REVIEW_LABEL = 'review-due';

export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  labels: string[];
}

export interface IssueDraft {
  title: string;
  body: string;
  labels: string[];
}

export interface GitHubIssues {
  /** Open issues (not pull requests) that carry `label`. */
  listOpen(label: string): Promise<IssueRecord[]>;
  create(issue: IssueDraft): Promise<IssueRecord>;
  update(number: number, issue: IssueDraft): Promise<void>;
  /** Adds `comment`, then closes the issue as completed. */
  close(number: number, comment: string): Promise<void>;
}

export type ReminderAction =
  | { action: 'create'; id: string; title: string; number?: number }
  | { action: 'update' | 'unchanged'; id: string; title: string; number: number }
  | { action: 'close'; id: string; title: string; number: number; reason: string };

const MARKER = /<!--\s*review-reminder:\s*([^\s]+)\s*-->/;

export function markerFor(id: string): string {
  return `<!-- review-reminder: ${id} -->`;
}

/** The notice id an issue is about, from its marker. */
export function noticeIdOf(issue: Pick<IssueRecord, 'body'>): string | undefined {
  return MARKER.exec(issue.body ?? '')?.[1];
}

export function issueFor(notice: DueNotice, today: Date): IssueDraft {
  const when = notice.overdue ? 'overdue for review' : 'due for review';
  const [year, month, day] = isoDay(today).split('-').map(Number);
  const body = [
    markerFor(notice.id),
    `The privacy notice **${notice.title}** (\`${notice.id}\`) is ${when}: ${dueInWords(notice)}.`,
    '',
    `- File: \`${notice.file}\``,
    `- Next review: ${notice.nextReview}`,
    `- Owner: ${ownerInWords(notice)}`,
    '',
    'To review it:',
    '1. Read the notice against how the service handles information today.',
    '2. Change what is out of date. Set `lastUpdated` to the day the change is published, and add a change note under `changes:` (kind `major` when purposes, lawful basis, recipients, retention, rights, transfers or sources changed).',
    '3. Set `nextReview` to the date of the next review (usually a year on), even when nothing else changed.',
    '4. Open a pull request. This issue closes itself at the next weekly run once the notice is no longer due.',
    '',
    `_Checked on ${formatDate({ year: year!, month: month!, day: day!, iso: isoDay(today) })}. See docs/keeping-current.md._`,
  ].join('\n');
  return {
    title: `Review due: ${notice.title} (${notice.id})`,
    body,
    labels: [REVIEW_LABEL, ...(notice.owner ? [notice.owner.label] : [])],
  };
}

export interface SyncOptions {
  today: Date;
  /** Every team label (data/owners.yaml), so a label of a previous owner is taken off. */
  ownerLabels: ReadonlySet<string>;
  /** Why a notice that is not due any more is closed: its next review date now, when still published. */
  nextReviewOf: ReadonlyMap<string, string>;
  /** Work out the actions without calling GitHub. */
  dryRun?: boolean;
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Opens, updates and closes issues so that exactly the due notices have an open reminder. */
export async function syncReminders(due: readonly DueNotice[], issues: GitHubIssues, options: SyncOptions): Promise<ReminderAction[]> {
  const open = await issues.listOpen(REVIEW_LABEL);
  const byNotice = new Map<string, IssueRecord>();
  const duplicates: IssueRecord[] = [];
  for (const issue of open) {
    const id = noticeIdOf(issue);
    if (!id) continue; // opened by a person: not ours to close
    if (byNotice.has(id)) duplicates.push(issue);
    else byNotice.set(id, issue);
  }

  const actions: ReminderAction[] = [];
  const dueIds = new Set(due.map((d) => d.id));
  for (const notice of due) {
    const draft = issueFor(notice, options.today);
    const existing = byNotice.get(notice.id);
    if (!existing) {
      const created = options.dryRun ? undefined : await issues.create(draft);
      actions.push({ action: 'create', id: notice.id, title: draft.title, number: created?.number });
      continue;
    }
    // Keep labels people added (e.g. "in progress"); replace only the owner's.
    const labels = [...new Set([...existing.labels.filter((l) => !options.ownerLabels.has(l)), ...draft.labels])];
    const next = { ...draft, labels };
    if (existing.title === next.title && existing.body === next.body && sameLabels(existing.labels, labels)) {
      actions.push({ action: 'unchanged', id: notice.id, title: next.title, number: existing.number });
      continue;
    }
    if (!options.dryRun) await issues.update(existing.number, next);
    actions.push({ action: 'update', id: notice.id, title: next.title, number: existing.number });
  }

  const stale = [...[...byNotice].filter(([id]) => !dueIds.has(id)), ...duplicates.map((issue) => [noticeIdOf(issue)!, issue] as const)];
  for (const [id, issue] of stale) {
    const nextReview = options.nextReviewOf.get(id);
    const reason = !dueIds.has(id)
      ? nextReview
        ? `The notice \`${id}\` has been reviewed: its next review is now ${nextReview}. Closing this reminder.`
        : `The notice \`${id}\` is no longer published. Closing this reminder.`
      : `Another open issue already reminds about \`${id}\`. Closing this one.`;
    if (!options.dryRun) await issues.close(issue.number, reason);
    actions.push({ action: 'close', id, title: issue.title, number: issue.number, reason });
  }
  return actions;
}

export function formatActions(actions: readonly ReminderAction[], dryRun = false): string[] {
  if (actions.length === 0) return ['No notice is due for review, and no reminder is open.'];
  const verbs = dryRun
    ? { create: 'would open', update: 'would update', unchanged: 'unchanged', close: 'would close' }
    : { create: 'opened', update: 'updated', unchanged: 'unchanged', close: 'closed' };
  return actions.map((a) => {
    const number = 'number' in a && a.number !== undefined ? ` #${a.number}` : '';
    const verb = verbs[a.action];
    return `${verb}${number}: ${a.title}`;
  });
}

// --- GitHub's REST API ------------------------------------------------------------------------------

export interface RestOptions {
  token: string;
  /** owner/name, as in GITHUB_REPOSITORY. */
  repository: string;
  apiUrl?: string;
  fetchImpl?: typeof fetch;
}

interface RestIssue {
  number: number;
  title: string;
  body: string | null;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
}

function toRecord(issue: RestIssue): IssueRecord {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l.length > 0),
  };
}

/** GitHubIssues over the REST API (https://docs.github.com/en/rest/issues/issues). */
export function gitHubRestIssues(options: RestOptions): GitHubIssues {
  if (!/^[\w.-]+\/[\w.-]+$/.test(options.repository)) throw new Error(`the repository must be written owner/name (it is '${options.repository}').`);
  const base = `${(options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '')}/repos/${options.repository}`;
  const send = options.fetchImpl ?? fetch;
  async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await send(url, {
      method,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${options.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'notice-site-review-reminders',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      throw new Error(`GitHub answered ${response.status} to ${method} ${url.replace(base, '')}: ${detail.slice(0, 300)}`);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  return {
    async listOpen(label) {
      const found: IssueRecord[] = [];
      for (let page = 1; ; page++) {
        const batch = await call<RestIssue[]>('GET', `${base}/issues?state=open&labels=${encodeURIComponent(label)}&per_page=100&page=${page}`);
        found.push(...batch.filter((issue) => !issue.pull_request).map(toRecord));
        if (batch.length < 100) return found;
      }
    },
    async create(issue) {
      return toRecord(await call<RestIssue>('POST', `${base}/issues`, issue));
    },
    async update(number, issue) {
      await call('PATCH', `${base}/issues/${number}`, issue);
    },
    async close(number, comment) {
      await call('POST', `${base}/issues/${number}/comments`, { body: comment });
      await call('PATCH', `${base}/issues/${number}`, { state: 'closed', state_reason: 'completed' });
    },
  };
}
