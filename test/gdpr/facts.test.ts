import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assessNotice } from '../../src/gdpr/completeness.js';
import { NoticeFacts, checkNoticeFacts, noticeFactsShape } from '../../src/gdpr/facts.js';
import { COVER_TAGS, ITEM_IDS } from '../../src/gdpr/ids.js';
import { fromNotice } from '../../src/gdpr/input.js';
import { ITEMS, itemsClaimedBy } from '../../src/gdpr/items.js';
import { COMPLETENESS_REPORT, writeCompletenessReport } from '../../src/gdpr/report-file.js';
import { GDPR_ITEM_IDS } from '../../src/model/gdpr.js';
import type { Notice, Organisation } from '../../src/model/notice.js';
import { realNotice } from './notices.js';

const messages = (value: unknown) => {
  const result = NoticeFacts.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('NoticeFacts', () => {
  it('accepts the facts a notice states at its top', () => {
    expect(
      messages({
        collectedFrom: ['person', 'others'],
        lawfulBases: ['public-task', 'legitimate-interests'],
        legitimateInterests: 'keeping our buildings and staff safe',
        transfersAbroad: 'none',
        automatedDecisions: 'none',
        exemptions: [{ item: 'rights.portability', reason: 'public task rules the right out' }],
      }),
    ).toEqual([]);
  });

  it('needs a reason for every exemption, and the interests when legitimate interests is a basis', () => {
    expect(messages({ exemptions: [{ item: 'source' }] })).toEqual(['exemptions.0.reason: Invalid input: expected string, received undefined']);
    expect(messages({ exemptions: [{ item: 'source', reason: 'exempt' }] })[0]).toMatch(/^exemptions\.0\.reason: the reason is missing or too short/);
    expect(messages({ exemptions: [{ item: 'rights', reason: 'not needed here at all' }] })[0]).toMatch(/^exemptions\.0\.item:/);
    expect(messages({ lawfulBases: ['legitimate-interests'] })).toEqual([
      'legitimateInterests: lawfulBases includes legitimate-interests, so say which interests: add legitimateInterests.',
    ]);
    expect(messages({ transfersAbroad: ' ' })[0]).toMatch(/^transfersAbroad: .* is empty: write "none", or describe it\./);
    expect(messages({ transfersAbroad: 'none', unknown: true })[0]).toMatch(/unknown|Unrecognized/i);
    expect(checkNoticeFacts({ exemptions: [{ item: 'source', reason: 'a b c' }, { item: 'source', reason: 'd e f' }] })).toEqual([
      { path: ['exemptions', 1, 'item'], message: 'source is exempted twice: keep one entry.' },
    ]);
  });

  it('describes every field for the JSON Schema that editors use', () => {
    const schema = z.toJSONSchema(NoticeFacts) as { properties: Record<string, { description?: string }> };
    expect(Object.keys(schema.properties)).toEqual(Object.keys(noticeFactsShape));
    for (const [field, property] of Object.entries(schema.properties)) expect(property.description, field).toMatch(/\w{3,}/);
  });
});

describe('the item catalogue', () => {
  it('lists the items in column order, each right on its own, and complain-to-us', () => {
    expect(ITEMS.map((item) => item.id)).toEqual([...ITEM_IDS]);
    expect(ITEM_IDS).not.toContain('rights');
    expect(ITEM_IDS).toEqual(expect.arrayContaining(['complain-to-us', 'rights.access', 'rights.portability', 'withdraw-consent']));
    // Every id of the model is still a tag; rights is claimed right by right.
    expect(COVER_TAGS).toEqual(expect.arrayContaining([...GDPR_ITEM_IDS]));
    expect(itemsClaimedBy('rights')).toEqual(['rights.access', 'rights.rectification', 'rights.erasure', 'rights.restriction', 'rights.objection', 'rights.portability']);
    expect(itemsClaimedBy('retention')).toEqual(['retention']);
  });
});

describe('fromNotice', () => {
  it('reads a resolved notice: plain headings, contact blocks as text (a DPO block says so), YAML paths', () => {
    const organisation = { id: 'test-council', source: 'data/organisations.yaml', name: 'Test Council', dataProtectionOfficer: { email: 'dpo@test.example.org' } } as Organisation;
    const notice: Pick<Notice, 'id' | 'source' | 'law' | 'organisation' | 'sections'> = {
      id: 'test',
      source: 'content/test.yaml',
      law: 'uk-gdpr',
      organisation,
      sections: [
        { id: 'intro', heading: 'About', level: 2, covers: [], body: [{ type: 'paragraph', text: 'Hello.' }], sections: [] },
        {
          id: 'contact',
          heading: 'Contact **us**',
          level: 2,
          covers: ['dpo'],
          body: [],
          sections: [
            {
              id: 'officer',
              heading: 'Our officer',
              level: 3,
              covers: [],
              body: [{ type: 'contact', contact: { ref: 'test-council/dpo', organisation, email: 'dpo@test.example.org' } }],
              sections: [],
            },
          ],
        },
      ],
    };
    const input = fromNotice(notice);
    expect(input.organisation).toEqual({ name: 'Test Council', shortName: undefined, hasDpo: true });
    expect(input.sections[1]).toMatchObject({ heading: 'Contact us', text: 'Contact us', path: ['sections', 1] });
    expect(input.sections[1]!.sections[0]).toMatchObject({ path: ['sections', 1, 'sections', 0], text: 'Our officer\nData Protection Officer\nEmail: dpo@test.example.org' });
    // The tag on the parent claims what its sub-section says.
    expect(assessNotice(input, {}, { today: '2026-11-29' }).items.dpo.status).toBe('present');
  });
});

describe('writeCompletenessReport', () => {
  it('writes reports/completeness.json in the shape of completenessJson', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'completeness-'));
    try {
      const report = assessNotice(realNotice('content/kent-county-council/early-help.yaml').input, undefined, { today: '2026-11-29' });
      const file = await writeCompletenessReport(root, [report]);
      expect(file).toBe(path.join(root, COMPLETENESS_REPORT));
      const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, string>>;
      expect(Object.keys(json)).toEqual(['kent-early-help']);
      expect(json['kent-early-help']!['rights.access']).toBe('present');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
