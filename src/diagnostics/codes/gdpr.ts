/**
 * Messages of the legal checks: the UK GDPR Article 13/14 completeness report (src/gdpr/), honest
 * dates and law banners, superseded notices, contact details typed into text (src/load/), and the
 * easy read's ways to get help (src/easyread/check.ts).
 */
import { define } from '../define.js';

const NOTICE = 'content/kent-county-council/early-help.yaml';

export const gdprMessages = {
  'gdpr-item-missing': define<{ item: string; message: string; hint?: string }>({
    severity: 'warning',
    summary: 'A UK GDPR Article 13/14 item that the notice must give is not covered by any section (an error when data/site.yaml sets completeness: { strict: true }; never for old-law notices).',
    message: (p) => `${p.item} is missing: ${p.message}`,
    hint: (p) => p.hint,
    example: {
      item: 'retention',
      message: 'no section covers retention (retention periods, or the criteria used to set them; Article 13(2)(a), 14(2)(a)).',
      hint: 'Write a section that covers it and add retention to its covers, or list it under exemptions with the reason.',
    },
    exampleAt: { file: NOTICE, line: 17, column: 1, path: 'sections' },
  }),
  'gdpr-tag-without-evidence': define<{ item: string; message: string; hint?: string }>({
    severity: 'warning',
    summary: "A section's covers tag claims an item its text does not back (the item is then partial).",
    message: (p) => `${p.item} is only partly covered: ${p.message}`,
    hint: (p) => p.hint,
    example: {
      item: 'retention',
      message: "the tag retention on the section 'How long we keep it' is not backed by its text, which says \"as long as necessary\" but gives no period or criteria.",
      hint: 'Make the section say it, or remove retention from its covers.',
    },
    exampleAt: { file: NOTICE, line: 105, column: 13, path: 'sections[4].covers' },
  }),
  'gdpr-suggest-tag': define<{ item: string; message: string; hint?: string }>({
    severity: 'warning',
    summary: 'A section plainly covers an item but is not tagged with it.',
    message: (p) => `${p.message}`,
    hint: (p) => p.hint,
    example: {
      item: 'complain-to-us',
      message: "the section 'Contact us' seems to cover complain-to-us, as it says how to complain to the organisation.",
      hint: 'Add complain-to-us to its covers.',
    },
    exampleAt: { file: NOTICE, line: 176, column: 13, path: 'sections[8].covers' },
  }),
  'review-date-unknown': define<{ writtenBefore?: string }>({
    severity: 'warning',
    summary: "A notice's review date is unknown (nextReview: unknown), so nobody can tell whether it is current.",
    message: (p) => `the review date of this notice is unknown${p.writtenBefore ? ` (it was written before ${p.writtenBefore})` : ''}.`,
    hint: () => 'Ask the organisation when it was last reviewed; review it, then set lastUpdated and nextReview to real dates.',
    example: { writtenBefore: '2018-05-25' },
    exampleAt: { file: 'content/kent-county-council/children-in-need-dpa-1998.yaml', line: 14, column: 13, path: 'nextReview' },
  }),
  'law-not-described': define<{ law: string }>({
    severity: 'error',
    summary: 'A notice is written under a law that data/laws.yaml does not describe, so its banner cannot be shown.',
    message: (p) => `this notice is written under ${p.law}, which data/laws.yaml does not describe.`,
    hint: (p) => `Add ${p.law} to data/laws.yaml (name, banner, history, asWritten), as dpa-1998 is there.`,
    example: { law: 'dpa-1998' },
    exampleAt: { file: 'content/kent-county-council/children-in-need-dpa-1998.yaml', line: 10, column: 6, path: 'law' },
  }),
  'unknown-replacement': define<{ given: string; suggestion?: string }>({
    severity: 'error',
    summary: "A superseded notice's replacedBy is neither a notice of this site nor a web address.",
    message: (p) => `replacedBy '${p.given}' is not the id of a notice on this site, nor an https:// address.`,
    hint: (p) => p.suggestion ?? 'Give the id of the notice that replaces it (e.g. kent-childrens-social-care), or the full address of the current notice.',
    example: { given: 'kent-childrens-social-cre', suggestion: "Did you mean 'kent-childrens-social-care'?" },
    exampleAt: { file: 'content/kent-county-council/children-in-need-dpa-1998.yaml', line: 11, column: 13, path: 'replacedBy' },
  }),
  'contact-typed-in-text': define<{ typed: string; ref: string }>({
    severity: 'warning',
    summary: 'A paragraph types an email address or phone number that data/ already holds.',
    message: (p) => `this paragraph types ${p.typed}, which is in data/ as the contact ${p.ref}.`,
    hint: (p) => `Use a contact block instead, so the details change in one place:\n  - type: contact\n    contact: ${p.ref}`,
    example: { typed: 'dpo@kent.gov.uk', ref: 'kent-county-council/dpo' },
    exampleAt: { file: 'content/kent-county-council/childrens-social-care.yaml', line: 240, column: 15, path: 'sections[9].body[3].text' },
  }),
  'easy-read-date-wrong': define<{ line: string; expected: string; field: string }>({
    severity: 'error',
    summary: "An easy-read line about when the notice was changed or will be checked does not agree with lastUpdated or nextReview (or claims \"often\").",
    message: (p) => `this line does not agree with the notice's ${p.field}: "${p.line}"`,
    hint: (p) => `Write: "${p.expected}" (made from ${p.field}, so it stays true).`,
    example: { line: 'We check this notice often.', expected: 'We planned to check this notice again by December 2023.', field: 'nextReview' },
    exampleAt: { file: NOTICE, line: 219, column: 15, path: 'easyRead.sections[0].items[1].text[1]' },
  }),
  'easy-read-help-missing': define<{ rule: string; what: string; example: string }>({
    severity: 'error',
    summary: 'An easy-read version does not give one of the ways to get help every easy read must give (rules help-contact, help-rights, help-complain, help-ico, help-copy).',
    message: (p) => `this easy read does not ${p.what} (rule ${p.rule}).`,
    hint: (p) =>
      `Add an item that does, in easy words, e.g. "${p.example}". If it truly cannot, relax the rule for the whole easy read with a reason:\n  easyRead:\n    relax:\n      - rule: ${p.rule}\n        reason: …`,
    example: { rule: 'help-ico', what: "give the Information Commissioner's phone number (0303 123 1113) and website (ico.org.uk)", example: 'You can phone the Information Commissioner on 0303 123 1113.' },
    exampleAt: { file: NOTICE, line: 184, column: 3, path: 'easyRead' },
  }),
};
