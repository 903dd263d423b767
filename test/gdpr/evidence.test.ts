import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceFor, lawfulBasesNamed, suggestCovers, type EvidenceContext } from '../../src/gdpr/evidence.js';
import { COVER_TAGS, ITEM_IDS, type ItemId } from '../../src/gdpr/ids.js';
import { evidenceContext, sectionText } from './notices.js';

const EARLY_HELP = 'content/kent-county-council/early-help.yaml';
const SOCIAL_CARE = 'content/kent-county-council/childrens-social-care.yaml';
const MODEL = 'content/model-local-authority/children-in-need.yaml';
const KENT_1998 = 'content/kent-county-council/children-in-need-dpa-1998.yaml';

const INVENTED: EvidenceContext = { organisationNames: ['Testshire Council', 'TC'], hasDpo: true };

/** A real section: [notice file, heading]. */
type Real = readonly [string, string];

interface Case {
  item: ItemId;
  /** Real text that carries the evidence (absent where no real notice has any). */
  realPass?: Real;
  /** Real text that does not. */
  realFail: Real;
  inventedPass: string;
  inventedFail: string;
  /** Words the failing reason must contain, so it tells the author what to add. */
  failReason?: RegExp;
}

const CASES: Case[] = [
  {
    item: 'controller',
    realPass: [KENT_1998, 'Local Authority'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'Testshire Council is the controller. Write to us at County Hall, Testtown TT1 1TT.',
    inventedFail: 'We are responsible for your information.',
    failReason: /does not name the organisation/,
  },
  {
    item: 'representative',
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'Our UK representative is Example Representation Ltd, 1 High Street, London SW1A 1AA.',
    inventedFail: 'We have a representative in the UK.',
    failReason: /no way to contact/,
  },
  {
    item: 'dpo',
    realPass: [EARLY_HELP, 'Contact'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'Our Data Protection Officer\nEmail: dpo@testshire.gov.uk',
    inventedFail: 'Our Data Protection Officer is Sam Smith.',
    failReason: /contact block for organisation\/dpo/,
  },
  {
    item: 'purposes',
    realPass: [EARLY_HELP, 'How we use your personal information'],
    realFail: [EARLY_HELP, 'Keeping your personal information secure'],
    inventedPass: 'We use your information to plan school transport.',
    inventedFail: 'We care about your privacy.',
  },
  {
    item: 'lawful-basis',
    realPass: [EARLY_HELP, 'Reasons we can collect and use your personal information'],
    realFail: [EARLY_HELP, 'Who we share your personal information with'],
    inventedPass: 'We rely on public task, because the Children Act 1989 gives us the duty.',
    inventedFail: 'We process your information lawfully and fairly.',
    failReason: /names no lawful basis/,
  },
  {
    item: 'legitimate-interests',
    realFail: [SOCIAL_CARE, 'Reasons we can collect and use your personal information'],
    inventedPass: 'We rely on legitimate interests to keep our buildings safe and to prevent fraud.',
    inventedFail: 'Some of our processing relies on legitimate interests.',
    failReason: /not which ones/,
  },
  {
    item: 'categories',
    realPass: [EARLY_HELP, 'Information collected by us'],
    realFail: [EARLY_HELP, 'Keeping your personal information secure'],
    inventedPass: 'We hold your name, date of birth and health needs.',
    inventedFail: 'We hold information about you.',
  },
  {
    item: 'recipients',
    realPass: [EARLY_HELP, 'Who we share your personal information with'],
    realFail: [EARLY_HELP, 'How long your personal data will be kept'],
    inventedPass: 'We share your information with your school and the NHS.',
    inventedFail: 'We keep your information safe.',
  },
  {
    item: 'transfers',
    // "have your information transferred electronically": a transfer, but not abroad and no safeguard.
    realFail: [EARLY_HELP, 'Your rights'],
    inventedPass: 'We do not transfer your personal information outside the UK.',
    inventedFail: 'Some of our suppliers store information overseas.',
    failReason: /neither says there are none nor names their safeguards/,
  },
  {
    item: 'retention',
    realPass: [EARLY_HELP, 'How long your personal data will be kept'],
    realFail: [EARLY_HELP, 'Keeping your personal information secure'],
    inventedPass: 'We keep adoption records for 100 years from the date of birth.',
    inventedFail: 'We keep your information for as long as necessary.',
    failReason: /says only "as long as necessary"/,
  },
  {
    item: 'rights.access',
    realPass: [EARLY_HELP, 'Your rights'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'You have the right of access to your personal data.',
    inventedFail: 'You have rights over your information.',
  },
  {
    item: 'rights.rectification',
    realPass: [MODEL, 'Your rights'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'You can ask us to put right anything that is wrong.',
    inventedFail: 'You have rights over your information.',
  },
  {
    item: 'rights.erasure',
    realPass: [EARLY_HELP, 'Your rights'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'You can ask us to erase your data.',
    inventedFail: 'You have rights over your information.',
  },
  {
    item: 'rights.restriction',
    realPass: [EARLY_HELP, 'Your rights'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'You can ask us to limit how we use your data while we check it.',
    inventedFail: 'You have rights over your information.',
  },
  {
    item: 'rights.objection',
    realPass: [MODEL, 'Your rights'],
    realFail: [EARLY_HELP, 'Who we are'],
    inventedPass: 'You have the right to object to how we use your information.',
    inventedFail: 'You have rights over your information.',
  },
  {
    item: 'rights.portability',
    realPass: [SOCIAL_CARE, 'Your rights'],
    // The model notice lists five rights but not portability.
    realFail: [MODEL, 'Your rights'],
    inventedPass: 'You can ask for your data in a machine-readable format.',
    inventedFail: 'You have rights over your information.',
    failReason: /data portability/,
  },
  {
    item: 'withdraw-consent',
    realPass: [SOCIAL_CARE, 'Your right to withdraw your consent'],
    realFail: [MODEL, 'Your rights'],
    inventedPass: 'If you agreed to this, you can change your mind at any time.',
    inventedFail: 'We may ask for your consent.',
  },
  {
    item: 'complain',
    realPass: [EARLY_HELP, 'Contact'],
    // Names the Information Commissioner's Office but gives no way to reach it.
    realFail: [MODEL, 'Complaints'],
    inventedPass: 'You can complain to the ICO at https://ico.org.uk/make-a-complaint/.',
    inventedFail: 'You can complain to the regulator on 0303 123 1113.',
    failReason: /does not name the Information Commissioner/,
  },
  {
    item: 'complain-to-us',
    realPass: [EARLY_HELP, 'Contact'],
    // "please contact us first", with no way to do it.
    realFail: [MODEL, 'Complaints'],
    inventedPass: 'If you are unhappy with how we used your information, fill in our complaints form. We reply within 30 days.',
    inventedFail: 'You can complain to the Information Commissioner on 0303 123 1113.',
    failReason: /only to the Information Commissioner/,
  },
  {
    item: 'source',
    realPass: [EARLY_HELP, 'Information collected by us'],
    realFail: [EARLY_HELP, 'How long your personal data will be kept'],
    inventedPass: 'Your school gives us your attendance record, which we receive from them each term.',
    inventedFail: 'We hold information about you.',
  },
  {
    item: 'statutory-requirement',
    realPass: [MODEL, 'Collecting this information'],
    realFail: [EARLY_HELP, 'Information collected by us'],
    inventedPass: 'You do not have to give us this information, but if you do not provide it we cannot offer a place.',
    inventedFail: 'Please give us your details.',
  },
  {
    item: 'automated-decisions',
    // "rights relating to automated decision making": named, but neither "none" nor how it works.
    realFail: [MODEL, 'Your rights'],
    inventedPass: 'We do not make decisions about you by automated means alone.',
    inventedFail: 'We use automated decision-making.',
    failReason: /neither says there are none/,
  },
];

describe('evidence rules: one per item, with real and invented text', () => {
  it('has a case for every item', () => {
    expect(CASES.map((c) => c.item).sort()).toEqual([...ITEM_IDS].sort());
  });

  it.each(CASES)('$item', (c) => {
    if (c.realPass) {
      const [file, heading] = c.realPass;
      const result = evidenceFor(c.item, sectionText(file, heading), evidenceContext(file));
      expect(result, `${file} '${heading}'`).toMatchObject({ evidence: true });
    }
    const [file, heading] = c.realFail;
    const real = evidenceFor(c.item, sectionText(file, heading), evidenceContext(file));
    expect(real.evidence, `${file} '${heading}': ${real.reason}`).toBe(false);

    expect(evidenceFor(c.item, c.inventedPass, INVENTED)).toMatchObject({ evidence: true });
    const invented = evidenceFor(c.item, c.inventedFail, INVENTED);
    expect(invented.evidence, invented.reason).toBe(false);
    if (c.failReason) expect(invented.reason).toMatch(c.failReason);
    expect(invented.reason.length).toBeGreaterThan(10);
  });
});

describe('details the rules look for', () => {
  it('retention: periods, ages, criteria and a retention schedule count; "as long as necessary" alone does not', () => {
    const retention = (text: string) => evidenceFor('retention', text, INVENTED).evidence;
    expect(retention('Date of birth +25 years')).toBe(true);
    expect(retention('We keep it until the child reaches the age of 25.')).toBe(true);
    expect(retention('We keep it for six years after the case closes.')).toBe(true);
    expect(retention('We use these criteria: whether the case is open and what the law requires.')).toBe(true);
    expect(retention('We keep it as long as necessary, in line with our data retention schedule.')).toBe(true);
    expect(retention('We keep it as long as necessary.')).toBe(false);
    expect(retention('We follow the Data Protection Act 2018.')).toBe(false);
  });

  it('complain: an email address alone is not a route to the Information Commissioner', () => {
    expect(evidenceFor('complain', 'Complain to the Information Commissioner. Email us at dp@testshire.gov.uk.', INVENTED).evidence).toBe(false);
    expect(evidenceFor('complain', 'Complain to the Information Commissioner, Wycliffe House, Wilmslow SK9 5AF.', INVENTED).evidence).toBe(true);
    expect(evidenceFor('complain', 'The Information Commissioner can be contacted on 0303 123 1113.', INVENTED).evidence).toBe(true);
  });

  it('dpo: a contact block for the DPO counts as its contact', () => {
    expect(evidenceFor('dpo', 'Contact\nData Protection Officer\nSessions House\nMaidstone\nME14 1XQ', INVENTED).evidence).toBe(true);
    const noData = evidenceFor('dpo', 'Contact our Data Protection Officer.', { ...INVENTED, hasDpo: false });
    expect(noData.reason).toMatch(/data\/organisations\.yaml has none/);
  });

  it('lawful bases: names the Article 6 bases a text relies on', () => {
    expect(lawfulBasesNamed(sectionText(EARLY_HELP, 'Reasons we can collect and use your personal information'))).toEqual(['legal-obligation', 'public-task']);
    expect(lawfulBasesNamed(sectionText(SOCIAL_CARE, 'Reasons we can collect and use your personal information'))).toEqual(['consent', 'legal-obligation', 'public-task']);
    expect(lawfulBasesNamed(sectionText(MODEL, 'Lawful basis for processing'))).toEqual(['legal-obligation', 'public-task']);
    expect(lawfulBasesNamed('We rely on legitimate interests and, for marketing, on your consent.')).toEqual(['consent', 'legitimate-interests']);
  });
});

describe('suggestCovers', () => {
  const suggest = (file: string, heading: string) => suggestCovers({ heading, text: sectionText(file, heading) }, evidenceContext(file));

  it('suggests the items an untagged section plainly covers', () => {
    expect(suggest(EARLY_HELP, 'How long your personal data will be kept')).toContain('retention');
    expect(suggest(EARLY_HELP, 'Your rights')).toContain('rights');
    expect(suggest(EARLY_HELP, 'Contact')).toEqual(expect.arrayContaining(['dpo', 'complain', 'complain-to-us']));
    expect(suggest(MODEL, 'Storing personal data')).toContain('retention');
  });

  it('does not suggest from a heading alone, nor for sections about something else', () => {
    expect(suggest(EARLY_HELP, 'About this notice')).toEqual([]);
    expect(suggest(EARLY_HELP, 'Keeping your personal information secure')).toEqual([]);
    expect(suggestCovers({ heading: 'How long we keep it', text: 'How long we keep it\nAs long as necessary.' }, INVENTED)).toEqual([]);
  });
});

describe('any text', () => {
  it('gets an answer and a reason from every rule, and only valid suggestions', () => {
    const tags = new Set<string>(COVER_TAGS);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (text, heading) => {
        for (const item of ITEM_IDS) {
          const result = evidenceFor(item, text, INVENTED);
          expect(typeof result.evidence).toBe('boolean');
          expect(result.reason).toMatch(/\w/);
        }
        expect(suggestCovers({ heading, text }, INVENTED).every((tag) => tags.has(tag))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
