import { describe, expect, it } from 'vitest';
import { atAGlance } from '../../src/gdpr/at-a-glance.js';
import {
  STATUSES,
  assessNotice,
  completenessJson,
  formatCompletenessTable,
  problemSeverity,
  reportProblems,
  type NoticeCompleteness,
} from '../../src/gdpr/completeness.js';
import type { NoticeFactsData } from '../../src/gdpr/facts.js';
import { ITEM_IDS } from '../../src/gdpr/ids.js';
import type { AssessInput, AssessSection } from '../../src/gdpr/input.js';
import { ITEMS } from '../../src/gdpr/items.js';
import { REAL_NOTICES, noticeFromYaml, realNotice, realNoticeText } from './notices.js';

const TODAY = { today: '2026-11-29' };
const EARLY_HELP = 'content/kent-county-council/early-help.yaml';

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineContaining(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line, i) => i >= after && line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

/** A notice written for a test: sections of [heading, covers, body text]. */
function invented(sections: [string, string[], string][], facts?: NoticeFactsData, law: AssessInput['law'] = 'uk-gdpr'): AssessInput {
  return {
    id: 'invented',
    file: 'content/invented.yaml',
    law,
    organisation: { name: 'Testshire Council', hasDpo: true },
    facts,
    sections: sections.map(([heading, covers, body], index): AssessSection => ({
      id: `section-${index}`,
      heading,
      covers,
      text: `${heading}\n${body}`,
      path: ['sections', index],
      sections: [],
    })),
  };
}

describe('the two "done when" cases', () => {
  it('removing covers: [retention] from the early help notice turns retention missing, with a warning naming the file and line', () => {
    const original = realNoticeText(EARLY_HELP);
    expect(assessNotice(realNotice(EARLY_HELP).input, undefined, TODAY).items.retention.status).toBe('present');

    const edited = original.replace('    covers: [retention]\n', '');
    expect(edited).not.toBe(original);
    const notice = noticeFromYaml(EARLY_HELP, edited);
    const report = assessNotice(notice.input, undefined, TODAY);
    expect(report.items.retention.status).toBe('missing');

    const [problem, ...others] = report.items.retention.problems;
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ kind: 'missing', item: 'retention', at: ['sections', 3] });
    const warning = `${report.file}:${notice.lineOf(problem!.at)} ${problemSeverity(problem!, report, { strict: false })}: ${problem!.message}`;
    const line = lineContaining(edited, 'heading: How long your personal data will be kept');
    expect(warning).toBe(
      `content/kent-county-council/early-help.yaml:${line} warning: no section covers retention (retention periods, or the criteria used to set them), ` +
        `but the section 'How long your personal data will be kept' seems to, as it gives a period: "until they reach the age of 25".`,
    );
    expect(problem!.hint).toBe("Add retention to the covers of 'How long your personal data will be kept'.");
    expect(problemSeverity(problem!, report, { strict: true })).toBe('error');
  });

  it('a section tagged retention that only says "as long as necessary" is partial, with a warning at its covers line', () => {
    const original = realNoticeText(EARLY_HELP);
    const edited = original
      .replace(/text: We will hold your personal information securely and retain it[^\n]*/, 'text: We will hold your personal information securely and keep it for as long as necessary.')
      .replace(/\n {6}- type: paragraph\n {8}text: Recording of incoming phone calls to Front Door are retained[^\n]*/, '');
    expect(edited).not.toMatch(/age of 25|\+ 3 months/);
    const notice = noticeFromYaml(EARLY_HELP, edited);
    const report = assessNotice(notice.input, undefined, TODAY);

    expect(report.items.retention.status).toBe('partial');
    expect(report.items.retention.problems).toEqual([
      {
        kind: 'tag-without-evidence',
        item: 'retention',
        at: ['sections', 3, 'covers'],
        message:
          `the tag retention on the section 'How long your personal data will be kept' is not backed by its text, which says only "as long as necessary": give the period ` +
          '(for example "until the child is 25") or the criteria that set it, or refer to the retention schedule.',
        hint: 'Make the section say it, or remove retention from its covers.',
      },
    ]);
    expect(notice.lineOf(['sections', 3, 'covers'])).toBe(lineContaining(edited, 'covers: [retention]'));
    // A partial item is a warning, strict or not: the tag is there, its text needs work.
    expect(problemSeverity(report.items.retention.problems[0]!, report, { strict: true })).toBe('warning');
  });
});

describe('applicability from the facts a notice states', () => {
  const sections: [string, string[], string][] = [
    ['Who we are', ['controller', 'dpo'], 'Testshire Council. Data Protection Officer: dpo@testshire.gov.uk'],
    ['Your rights', ['rights'], 'You can ask to see your information, correct it, delete it, restrict or object to its use, and have it transferred electronically to another organisation.'],
  ];
  const status = (facts: NoticeFactsData | undefined, today = TODAY.today) => {
    const report = assessNotice(invented(sections, facts), facts, { today });
    return (id: (typeof ITEM_IDS)[number]) => report.items[id].status;
  };

  it('public task rules out portability and erasure; consent brings withdrawing consent and portability', () => {
    const publicTask = status({ lawfulBases: ['public-task'] });
    expect([publicTask('rights.portability'), publicTask('rights.erasure'), publicTask('rights.objection'), publicTask('withdraw-consent')]).toEqual([
      'not-applicable',
      'not-applicable',
      'present',
      'not-applicable',
    ]);
    const consent = status({ lawfulBases: ['consent'] });
    expect([consent('rights.portability'), consent('rights.erasure'), consent('rights.objection'), consent('withdraw-consent')]).toEqual([
      'present',
      'present',
      'not-applicable',
      'missing',
    ]);
  });

  it('legitimate interests must say which; the facts saying so covers the item', () => {
    expect(status({ lawfulBases: ['public-task'] })('legitimate-interests')).toBe('not-applicable');
    const report = assessNotice(invented(sections), { lawfulBases: ['legitimate-interests'], legitimateInterests: 'keeping our buildings and staff safe' }, TODAY);
    expect(report.items['legitimate-interests']).toMatchObject({ status: 'present', factsPath: ['legitimateInterests'] });
  });

  it('transfers and automated decisions: "none" is a statement and counts; silence is missing', () => {
    const none = assessNotice(invented(sections), { transfersAbroad: 'none', automatedDecisions: 'None.' }, TODAY);
    expect(none.items.transfers).toMatchObject({ status: 'present', factsPath: ['transfersAbroad'] });
    expect(none.items['automated-decisions'].status).toBe('present');

    const silent = assessNotice({ ...invented(sections), factsPath: ['facts'] }, { lawfulBases: ['public-task'] }, TODAY);
    expect(silent.items.transfers.status).toBe('missing');
    expect(silent.items.transfers.problems[0]).toMatchObject({ kind: 'missing', at: ['facts'], hint: expect.stringContaining('transfersAbroad: none') });

    const described = assessNotice(invented(sections), { transfersAbroad: 'our case system is hosted in Ireland under UK adequacy regulations' }, TODAY);
    expect(described.items.transfers.status).toBe('present');
    const vague = assessNotice({ ...invented(sections), factsPath: ['facts'] }, { transfersAbroad: 'some data goes to the USA' }, TODAY);
    expect(vague.items.transfers.status).toBe('partial');
    expect(vague.items.transfers.problems[0]).toMatchObject({ kind: 'tag-without-evidence', at: ['facts', 'transfersAbroad'] });
  });

  it('Article 13 or 14: where the data comes from decides categories, source and the statutory requirement', () => {
    const person = status({ collectedFrom: ['person'] });
    expect([person('categories'), person('source'), person('statutory-requirement')]).toEqual(['not-applicable', 'not-applicable', 'missing']);
    const others = status({ collectedFrom: ['others'] });
    expect([others('categories'), others('source'), others('statutory-requirement')]).toEqual(['missing', 'missing', 'not-applicable']);
  });

  it('an exemption makes the item exempt; complaining to the organisation applies from 19 June 2026', () => {
    const exempt = status({ exemptions: [{ item: 'source', reason: 'telling people would prejudice the prevention of crime' }] });
    expect(exempt('source')).toBe('exempt');
    expect(status({}, '2026-06-18')('complain-to-us')).toBe('not-applicable');
    expect(status({}, '2026-06-19')('complain-to-us')).toBe('missing');
  });

  it('the DPO item applies to public authorities and to any organisation with a DPO', () => {
    const report = assessNotice({ ...invented([]), organisation: { name: 'Testshire Trading Ltd', hasDpo: false } }, { publicAuthority: false }, TODAY);
    expect(report.items.dpo.status).toBe('not-applicable');
    expect(assessNotice(invented([]), {}, TODAY).items.dpo.status).toBe('missing');
  });

  it('suggests the tag when the tagged section lacks evidence and an untagged one has it', () => {
    const report = assessNotice(
      invented([
        ['Complaints', ['complain'], 'You can complain to the Information Commissioner.'],
        ['Contact us', [], 'The Information Commissioner: phone 0303 123 1113.'],
      ]),
      {},
      TODAY,
    );
    expect(report.items.complain.status).toBe('partial');
    expect(report.items.complain.problems.map((p) => [p.kind, p.at])).toEqual([
      ['tag-without-evidence', ['sections', 0, 'covers']],
      ['suggest-tag', ['sections', 1, 'covers']],
    ]);
  });
});

describe('old-law notices', () => {
  it('are assessed but never fail the build, even in strict mode', () => {
    const report = assessNotice(realNotice('content/kent-county-council/children-in-need-dpa-1998.yaml').input, undefined, TODAY);
    expect(report.neverFails).toBe(true);
    expect(report.items.retention.status).toBe('missing');
    const problems = reportProblems(report);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => problemSeverity(p, report, { strict: true }))).not.toContain('error');
  });
});

describe('the real notices', () => {
  const reports = REAL_NOTICES.map((file) => assessNotice(realNotice(file).input, undefined, TODAY));
  const [earlyHelp, socialCare, model] = reports as [NoticeCompleteness, NoticeCompleteness, NoticeCompleteness];

  it('infers their facts from their own text', () => {
    expect(earlyHelp.facts).toEqual({ collectedFrom: ['person', 'others'], lawfulBases: ['legal-obligation', 'public-task'] });
    expect(socialCare.facts.lawfulBases).toEqual(['consent', 'legal-obligation', 'public-task']);
    expect(earlyHelp.factsInferred).toBe(true);
    expect(earlyHelp.factNotes.join('\n')).toMatch(/transfersAbroad and automatedDecisions: not stated/);
  });

  it('reports what each covers', () => {
    expect(completenessJson([earlyHelp])).toEqual({
      'kent-early-help': {
        controller: 'present',
        representative: 'not-applicable',
        dpo: 'present',
        purposes: 'present',
        'lawful-basis': 'present',
        'legitimate-interests': 'not-applicable',
        categories: 'present',
        recipients: 'present',
        transfers: 'missing',
        retention: 'present',
        'rights.access': 'present',
        'rights.rectification': 'present',
        'rights.erasure': 'not-applicable',
        'rights.restriction': 'present',
        'rights.objection': 'present',
        'rights.portability': 'not-applicable',
        'withdraw-consent': 'not-applicable',
        complain: 'present',
        'complain-to-us': 'present',
        source: 'present',
        'statutory-requirement': 'missing',
        'automated-decisions': 'missing',
      },
    });
    expect(socialCare.items['withdraw-consent'].status).toBe('present');
    expect(socialCare.items['rights.portability'].status).toBe('present');
    // The model notice names the ICO but gives no way to reach it, and has no controller or DPO details.
    expect([model.items.complain.status, model.items.controller.status, model.items.dpo.status]).toEqual(['partial', 'missing', 'missing']);
  });

  it('suggests tagging a contact section complain-to-us when it says how to complain but is not tagged', () => {
    const text = realNoticeText(EARLY_HELP).replace('covers: [controller, dpo, complain, complain-to-us]', 'covers: [controller, dpo, complain]');
    const untagged = assessNotice(noticeFromYaml(EARLY_HELP, text).input, undefined, TODAY);
    expect(untagged.items['complain-to-us'].problems[0]).toMatchObject({ kind: 'missing', at: ['sections', 8], hint: "Add complain-to-us to the covers of 'Contact'." });
    expect(earlyHelp.items['complain-to-us'].status).toBe('present');
  });
});

describe('table and JSON', () => {
  const reports = REAL_NOTICES.map((file) => assessNotice(realNotice(file).input, undefined, TODAY));

  it('the table has notices as rows, items as short columns, one character per status, a legend and a key', () => {
    const lines = formatCompletenessTable(reports);
    expect(lines).toHaveLength(1 + reports.length + 2);
    const [head, ...rest] = lines;
    const heads = head!.trim().split(/\s+/);
    expect(heads).toEqual(['notice', ...ITEMS.map((item) => item.short)]);
    for (const [index, report] of reports.entries()) {
      const cells = rest[index]!.split(/\s+/).filter(Boolean);
      const marks = cells.slice(-ITEM_IDS.length);
      expect(marks.every((mark) => mark.length === 1)).toBe(true);
      expect(rest[index]!.startsWith(report.notice)).toBe(true);
      // Every column lines up under its head.
      expect(rest[index]!.length).toBeLessThanOrEqual(head!.length);
    }
    expect(rest[3]).toMatch(/^kent-children-in-need-dpa-1998 \(old law\)/);
    expect(lines[lines.length - 2]).toBe('✓ present  ~ partial  ✗ missing  · not applicable  E exempt');
    expect(lines[lines.length - 1]).toMatch(/^co controller, rp representative, dp dpo, .* ad automated-decisions$/);
    expect(new Set(ITEMS.map((item) => item.short)).size).toBe(ITEMS.length);
  });

  it('the JSON is { notice id: { item id: status } }, with rights right by right', () => {
    const json = completenessJson(reports);
    expect(Object.keys(json)).toEqual(reports.map((report) => report.notice));
    for (const statuses of Object.values(json)) {
      expect(Object.keys(statuses)).toEqual([...ITEM_IDS]);
      expect(Object.values(statuses).every((status) => STATUSES.includes(status))).toBe(true);
    }
    expect(Object.keys(json['kent-early-help']!)).toEqual(expect.arrayContaining(['rights.access', 'rights.portability', 'complain-to-us']));
    expect(Object.keys(json['kent-early-help']!)).not.toContain('rights');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('at a glance', () => {
  it('one line per covered item, in reading order, each pointing to the first section that covers it', () => {
    const { input } = realNotice(EARLY_HELP);
    const glance = atAGlance(input, assessNotice(input, undefined, TODAY));
    expect(glance.map((entry) => [entry.item, entry.sectionId])).toEqual([
      ['controller', 'who-we-are'],
      ['categories', 'information-collected-by-us'],
      ['purposes', 'how-we-use-your-personal-information'],
      ['recipients', 'who-we-share-your-personal-information-with'],
      ['retention', 'how-long-your-personal-data-will-be-kept'],
      ['rights', 'your-rights'],
      ['complain', 'contact'],
    ]);
    expect(glance[0]!.text).toBe('Kent County Council is responsible for your information.');
    expect(glance[5]!.text).toBe('You can ask to see or correct your information and restrict or object to how we use it.');
    expect(glance.every((entry) => entry.text.split(/\s+/).length <= 25)).toBe(true);
  });

  it('leaves out what the notice does not cover with evidence', () => {
    const { input } = realNotice('content/model-local-authority/children-in-need.yaml');
    const items = atAGlance(input, assessNotice(input, undefined, TODAY)).map((entry) => entry.item);
    // No controller details, and the complaint sections name the ICO without a way to reach it.
    expect(items).toEqual(['categories', 'purposes', 'recipients', 'retention', 'rights']);
  });

  it('says where to complain when the notice covers both routes', () => {
    const input = invented([
      ['Complaints', ['complain', 'complain-to-us'], 'If you are unhappy, use our complaints form. You can also complain to the ICO on 0303 123 1113.'],
    ]);
    const glance = atAGlance(input, assessNotice(input, {}, TODAY));
    expect(glance).toEqual([{ item: 'complain', label: 'How to complain', text: 'Complain to us first, or to the Information Commissioner.', sectionId: 'section-0' }]);
  });
});
