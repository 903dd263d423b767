import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyMessages } from '../../src/diagnostics/codes/history.js';
import { listNoticeFiles, readNoticeText } from '../../src/history/notice-source.js';
import { readOwners } from '../../src/load/owners.js';
import { ChangeEntry, OwnersFile, ownerLabel } from '../../src/model/history.js';
import { NoticeFile } from '../../src/model/schema.js';
import { REPO_ROOT } from '../helpers/project.js';

describe('change notes and owners in the schema', () => {
  it('accepts a complete change note and rejects a partial or mistyped one', () => {
    expect(ChangeEntry.safeParse({ date: '2026-11-29', note: 'We keep records for 25 years.', kind: 'major' }).success).toBe(true);
    expect(ChangeEntry.safeParse({ date: '2026-11', note: 'x', kind: 'major' }).success).toBe(false);
    expect(ChangeEntry.safeParse({ date: '2026-11-29', note: 'x', kind: 'big' }).success).toBe(false);
    expect(ChangeEntry.safeParse({ date: '2026-11-29', note: 'x', kind: 'minor', by: 'me' }).success).toBe(false);
  });

  it('lets a notice name its owner and list its changes', () => {
    const notice = {
      id: 'x',
      title: 't',
      organisation: 'o',
      owner: 'team',
      summary: 's',
      status: 'published',
      lastUpdated: '2026-11-29',
      nextReview: '2027-11',
      changes: [{ date: '2026-11-29', note: 'First published.', kind: 'minor' }],
      sections: [{ heading: 'h' }],
    };
    expect(NoticeFile.safeParse(notice).success).toBe(true);
    expect(NoticeFile.safeParse({ ...notice, changes: [{ date: '2026-11-29' }] }).success).toBe(false);
  });

  it('checks data/owners.yaml, and every published notice names a team in it', async () => {
    const { owners, diagnostics } = await readOwners(REPO_ROOT);
    expect(diagnostics).toEqual([]);
    expect(owners.size).toBeGreaterThanOrEqual(3);
    for (const file of await listNoticeFiles(REPO_ROOT)) {
      const result = readNoticeText(file, await readFile(path.join(REPO_ROOT, file), 'utf8'));
      expect(result.ok && owners.has(result.notice.owner ?? ''), `${file} owner`).toBe(true);
    }
    expect(OwnersFile.safeParse({ team: { name: 'T', email: 'not-an-email' } }).success).toBe(false);
    expect(ownerLabel('team', undefined)).toBe('owner: team');
    expect(ownerLabel('team', { githubLabel: 'x' })).toBe('x');
  });

  it('has a message for each code, with a hint, from its example', () => {
    for (const [code, entry] of Object.entries(historyMessages)) {
      const message = (entry.message as (p: unknown) => string)(entry.example);
      expect(message, code).toMatch(/^[a-z].*\.$/s);
      expect((entry.hint as (p: unknown) => string)(entry.example), code).toBeTruthy();
    }
  });
});
