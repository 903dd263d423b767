/** Messages about keeping notices current: change notes (npm run changes), owners (npm run due) and links to other sites (npm run links). */
import { define } from '../define.js';

/** A hint of several lines, indented as formatDiagnostic indents the first. */
const lines = (...text: string[]) => text.join('\n    ');

export const historyMessages = {
  'last-updated-not-changed': define<{ since: string; what: string; lastUpdated: string; today: string }>({
    severity: 'error',
    summary: "A published notice's text changed, but its lastUpdated date did not move on.",
    message: (p) => `the text of this notice changed since ${p.since} (${p.what}), but lastUpdated is still ${p.lastUpdated}.`,
    hint: (p) =>
      lines(
        `Set lastUpdated to the day the change is published, e.g.:`,
        `  lastUpdated: ${p.today}`,
        `For a correction of wording or spelling, also record it as a minor change (see docs/keeping-current.md).`,
      ),
    example: { since: 'main', what: 'reworded the section “How we use your personal information”', lastUpdated: '2024-10', today: '2026-11-29' },
  }),
  'major-change-note-missing': define<{ since: string; sections: string; covers: string; today: string; hasChanges: boolean }>({
    severity: 'error',
    summary: 'A section that tells people what happens to their information changed, without a major change note.',
    message: (p) => `${p.sections} changed since ${p.since}; it covers ${p.covers}, so readers must be told: add a major change note.`,
    hint: (p) =>
      lines(
        p.hasChanges ? 'Add an entry to the changes: list, e.g.:' : 'Add a changes: list after lastUpdated, e.g.:',
        ...(p.hasChanges ? [] : ['changes:']),
        `  - date: ${p.today}`,
        `    note: Say in a sentence what changed for the reader, e.g. "We now keep records for 25 years, not 75."`,
        `    kind: major`,
      ),
    example: { since: 'main', sections: 'the section “How long we keep your information”', covers: 'retention', today: '2026-11-29', hasChanges: true },
  }),
  'change-date-in-future': define<{ field: string; date: string; today: string }>({
    severity: 'error',
    summary: 'The lastUpdated date or a change note is dated after today.',
    message: (p) => `${p.field} is ${p.date}, which is after today (${p.today}).`,
    hint: () => 'Use the day the change is published; a date in the future is usually a typing slip.',
    example: { field: 'lastUpdated', date: '2062-11-29', today: '2026-11-29' },
  }),
  'change-note-incomplete': define({
    severity: 'error',
    summary: 'An entry of changes: lacks its date, note or kind.',
    message: () => 'this change note is not complete, so it does not count.',
    hint: () => lines('Each entry needs all three fields:', '  - date: 2026-11-29    # YYYY-MM-DD', '    note: What changed, in a sentence.', '    kind: major          # or minor'),
    example: {},
  }),
  'notice-has-no-fields': define({
    severity: 'error',
    summary: 'A file in content/ is YAML but not a notice (it is empty, a list or a single value).',
    message: () => 'this file is not a notice: it has no fields.',
    hint: () => 'Write the notice\'s fields (id:, title:, organisation: and so on; see README.md), or move the file out of content/.',
    example: {},
  }),
  'owner-missing': define<{ id: string }>({
    severity: 'warning',
    summary: 'A published notice names no owner, so nobody is reminded to review it.',
    message: (p) => `the notice '${p.id}' has no owner, so review reminders reach nobody.`,
    hint: () => 'Add "owner: <team id>" after organisation:, with a team from data/owners.yaml.',
    example: { id: 'kent-early-help' },
  }),
  'owner-unknown': define<{ owner: string; known: string }>({
    severity: 'warning',
    summary: "A notice's owner is not a team in data/owners.yaml.",
    message: (p) => `there is no team '${p.owner}' in data/owners.yaml.`,
    hint: (p) => `Add it to data/owners.yaml (name and email), or use one of: ${p.known}.`,
    example: { owner: 'kent-early-hepl', known: 'kent-early-help, kent-childrens-social-care' },
  }),
  'external-link-dead': define<{ url: string; status: string }>({
    severity: 'error',
    summary: 'A link to another site does not work (npm run links -- --external).',
    message: (p) => `the link to ${p.url} does not work: ${p.status}.`,
    hint: () => 'Open it in a browser. If the page has moved, link to its new address; if it is gone, remove the link or point to what replaced it.',
    example: { url: 'https://www.example.gov.uk/old-page', status: 'the server answered 404 (not found)' },
  }),
};
