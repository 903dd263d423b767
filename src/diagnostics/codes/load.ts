/**
 * Messages of the load stage: a file that does not fit its schema (src/model/schema.ts), and
 * references and dates that do not hold together across files.
 */
import { define } from '../define.js';
import { didYouMean } from '../diagnostic.js';

const oneOf = (given: string, options: readonly string[]) => didYouMean(given, options) ?? `Use one of: ${options.join(', ')}.`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Messages for values that break the schema. */
export const schemaMessages = {
  'missing-field': define<{ field: string; help?: string }>({
    severity: 'error',
    summary: 'A field every file of this kind needs is not there.',
    message: (p) => `the required field '${p.field}' is missing.`,
    hint: (p) => `Add a line '${p.field}: …' here.${p.help ? ` (${p.help})` : ''}`,
    example: { field: 'summary', help: 'One sentence saying what the notice is about.' },
  }),
  'wrong-type': define<{ expected: string; found: string; help?: string }>({
    severity: 'error',
    summary: 'A field holds the wrong kind of value, e.g. text where a list belongs.',
    message: (p) => `expected ${p.expected}, but found ${p.found}.`,
    hint: (p) => p.help,
    example: { expected: 'a list (lines starting with "- ")', found: 'the text "Record"', help: 'The header row: one heading per column.' },
  }),
  'unknown-block-type': define<{ given: string; options: string[] }>({
    severity: 'error',
    summary: "A block's type is not one the site knows.",
    message: (p) => `unknown block type '${p.given}'.`,
    hint: (p) => oneOf(p.given, p.options),
    example: { given: 'paragrah', options: ['paragraph', 'list', 'table', 'address', 'contact'] },
  }),
  'missing-block-type': define<{ discriminator: string; options: string[] }>({
    severity: 'error',
    summary: 'A block does not say what type it is.',
    message: (p) => `this block has no '${p.discriminator}'.`,
    hint: (p) => `Add '${p.discriminator}: …' with one of: ${p.options.join(', ')}.`,
    example: { discriminator: 'type', options: ['paragraph', 'list', 'table', 'address', 'contact'] },
  }),
  'no-matching-form': define({
    severity: 'error',
    summary: 'A value matches none of the forms allowed here.',
    message: () => 'this value does not match any allowed form.',
    hint: () => 'Compare it with the examples in README.md.',
    example: {},
  }),
  'unknown-field': define<{ field: string; known: string[] }>({
    severity: 'error',
    summary: 'A field name is misspelt or does not belong here; it would otherwise be silently ignored.',
    message: (p) => `unknown field '${p.field}'.`,
    hint: (p) => didYouMean(p.field, p.known) ?? (p.known.length ? `Fields allowed here: ${p.known.join(', ')}.` : 'Remove it.'),
    example: { field: 'heding', known: ['heading', 'id', 'covers', 'body', 'sections'] },
  }),
  'value-not-allowed': define<{ given: string; options: string[] }>({
    severity: 'error',
    summary: 'A field that takes one of a few words holds another.',
    message: (p) => `'${p.given}' is not allowed here.`,
    hint: (p) => oneOf(p.given, p.options),
    example: { given: 'publish', options: ['published', 'draft'] },
  }),
  'too-few-items': define<{ minimum: number; found: number }>({
    severity: 'error',
    summary: 'A list has fewer items than it needs.',
    message: (p) => `needs at least ${plural(p.minimum, 'item')}, but has ${p.found}.`,
    hint: () => 'Add the missing items, or remove the field if it is optional.',
    example: { minimum: 1, found: 0 },
  }),
  'too-many-items': define<{ maximum: number; found: number }>({
    severity: 'error',
    summary: 'A list has more items than allowed (an easy-read item holds at most three sentences).',
    message: (p) => `has ${p.found} items; at most ${p.maximum} are allowed.`,
    hint: () => 'Split the idea into more items.',
    example: { maximum: 3, found: 4 },
  }),
  'empty-text': define({
    severity: 'error',
    summary: 'A text field is there but empty.',
    message: () => 'must not be empty.',
    hint: () => 'Write the text after the colon, or remove the line.',
    example: {},
  }),
  'blank-text': define<{ what: string }>({
    severity: 'error',
    summary: 'A reason or alt text holds only spaces.',
    message: (p) => `${p.what} is empty: write it out.`,
    hint: () => 'Write it in a few words, or remove the field.',
    example: { what: 'the alt text' },
  }),
  'relax-reason-too-short': define({
    severity: 'error',
    summary: "A relaxed easy-read rule's reason is too short to tell a reviewer why.",
    message: () => 'the reason is too short: say in a few words why the rule cannot be kept here.',
    hint: () => 'For example: "The name of the law is eleven words long."',
    example: {},
  }),
  'invalid-id': define<{ id: string; suggestion?: string }>({
    severity: 'error',
    summary: 'An id (of a notice, organisation, contact point or picture) has characters a web address cannot take.',
    message: (p) => `'${p.id}' cannot be used as an id: ids become web addresses, so they may only contain lower-case letters, digits and single hyphens.`,
    hint: (p) => (p.suggestion ? `Use '${p.suggestion}' instead.` : 'Use lower-case letters, digits and hyphens, e.g. early-help.'),
    example: { id: 'Early Help', suggestion: 'early-help' },
  }),
  'invalid-date-format': define<{ given: string }>({
    severity: 'error',
    summary: 'A date is not written as YYYY-MM-DD or YYYY-MM.',
    message: (p) => `'${p.given}' is not a date in the form YYYY-MM-DD or YYYY-MM.`,
    hint: () => 'Write for example 2024-10-15, or 2024-10 when only the month is known.',
    example: { given: '15/10/2024' },
  }),
  'invalid-url': define<{ given: string }>({
    severity: 'error',
    summary: 'A web address does not start http:// or https://.',
    message: (p) => `'${p.given}' is not a web address.`,
    hint: () => 'Write the full address, starting https:// (or http://).',
    example: { given: 'www.kent.gov.uk' },
  }),
  'invalid-email': define<{ given: string }>({
    severity: 'error',
    summary: 'An email address is not in the form name@domain.',
    message: (p) => `'${p.given}' is not an email address.`,
    hint: () => 'Write it as name@example.gov.uk.',
    example: { given: 'data.protection(at)kent.gov.uk' },
  }),
  'invalid-phone': define<{ given: string }>({
    severity: 'error',
    summary: 'A phone number has characters other than digits, spaces and a leading +.',
    message: (p) => `'${p.given}' is not a phone number.`,
    hint: () => 'Use digits and spaces only, e.g. 03000 414141, or +44 3000 414141.',
    example: { given: '03000-414141' },
  }),
  'invalid-colour': define<{ given: string }>({
    severity: 'error',
    summary: 'A colour is not written as # and six hexadecimal digits.',
    message: (p) => `'${p.given}' is not a colour.`,
    hint: () => 'Write it as # followed by six hexadecimal digits, e.g. #1d4f91. Put it in quotes: "#1d4f91".',
    example: { given: 'navy' },
  }),
  'invalid-path-prefix': define<{ given: string }>({
    severity: 'error',
    summary: "The site's pathPrefix is not a folder path.",
    message: (p) => `'${p.given}' is not a folder path.`,
    hint: () => 'Write it as /folder/ with slashes at both ends, or / for the root.',
    example: { given: 'notices' },
  }),
  'invalid-openmoji-hexcode': define<{ given: string }>({
    severity: 'error',
    summary: 'A shared picture in data/pictures.yaml does not name an OpenMoji hexcode.',
    message: (p) => `'${p.given}' is not an OpenMoji hexcode.`,
    hint: () => 'Write it in quotes and capitals, as in node_modules/openmoji/data/openmoji.json, e.g. "1F4DE".',
    example: { given: '1f4de' },
  }),
  'schema-problem': define<{ message: string }>({
    severity: 'error',
    summary: 'A value breaks a rule of the schema that has no message of its own here.',
    message: (p) => p.message,
    hint: () => 'Compare the field with schema/*.schema.json, or with the examples in README.md.',
    example: { message: 'Too big: expected number to be <=6' },
  }),
};

/** Messages for references, dates and rules across files. */
export const referenceMessages = {
  'duplicate-organisation-id': define<{ id: string; firstFile: string }>({
    severity: 'error',
    summary: 'Two organisations or bodies in data/ share an id.',
    message: (p) => `the id '${p.id}' is already used in ${p.firstFile}.`,
    hint: () => 'Give each organisation and body its own id.',
    example: { id: 'kent-county-council', firstFile: 'data/organisations.yaml' },
  }),
  'brand-colour-too-light': define<{ colour: string; ratio: number; minimum: number }>({
    severity: 'error',
    summary: "An organisation's brand colour is too light for the white header text on it (WCAG 2.2 AA).",
    message: (p) => `the brand colour ${p.colour} is too light: white header text on it has a contrast of ${p.ratio.toFixed(2)}:1, and WCAG 2.2 AA needs at least ${p.minimum}:1.`,
    hint: () => 'Use a darker shade of the brand colour (many brand guides give one for text).',
    example: { colour: '#7fb5e6', ratio: 2.16, minimum: 4.5 },
  }),
  'contact-point-unusable': define<{ point: string; organisation: string }>({
    severity: 'warning',
    summary: 'A contact point in data/ gives readers no way to get in touch.',
    message: (p) => `the contact point '${p.point}' of ${p.organisation} has no address, email, phone or website, so readers cannot use it.`,
    hint: () => 'Add at least an email address or a postal address.',
    example: { point: 'main', organisation: 'Hampshire County Council' },
  }),
  'unknown-organisation': define<{ id: string; known: string[] }>({
    severity: 'error',
    summary: 'A notice, contact block or data/site.yaml names an organisation that data/ does not have.',
    message: (p) => `there is no organisation with the id '${p.id}'.`,
    hint: (p) => didYouMean(p.id, p.known) ?? `Add it to data/organisations.yaml, or use one of: ${p.known.join(', ')}.`,
    example: { id: 'kent-county-counsil', known: ['kent-county-council', 'hampshire-county-council'] },
  }),
  'no-contact-points': define<{ organisation: string; orgId: string; file: string }>({
    severity: 'error',
    summary: 'A contact block names an organisation that has no contact points to show.',
    message: (p) => `${p.organisation} has no contact points in ${p.file}.`,
    hint: (p) => `Add one under ${p.orgId}.contacts.`,
    example: { organisation: 'Model notice for local authorities', orgId: 'model-local-authority', file: 'data/organisations.yaml' },
  }),
  'unknown-contact-point': define<{ organisation: string; point: string; names: string[]; file: string }>({
    severity: 'error',
    summary: 'A contact block names a contact point the organisation does not have.',
    message: (p) => `${p.organisation} has no contact point '${p.point}'.`,
    hint: (p) => didYouMean(p.point, p.names) ?? `Its contact points are: ${p.names.join(', ') || 'none'} (in ${p.file}).`,
    example: { organisation: 'Kent County Council', point: 'information-resilence', names: ['information-resilience'], file: 'data/organisations.yaml' },
  }),
  'contact-name-only': define<{ ref: string; file: string }>({
    severity: 'warning',
    summary: 'A notice shows a contact point that gives only a name: readers cannot use it.',
    message: (p) => `the contact details '${p.ref}' give only a name: readers have no address, email or phone to use.`,
    hint: (p) => `Complete the contact point in ${p.file}.`,
    example: { ref: 'hampshire-county-council/main', file: 'data/organisations.yaml' },
  }),
  'no-notices': define<{ contentDir: string }>({
    severity: 'error',
    summary: 'The content folder holds no notices.',
    message: () => 'there are no notices: no .yaml files were found.',
    hint: (p) => `Add a notice as ${p.contentDir}/<name>.yaml (see README.md, "Add or change a notice").`,
    example: { contentDir: 'content' },
  }),
  'duplicate-notice-id': define<{ id: string; otherFile: string; url: string }>({
    severity: 'error',
    summary: 'Two notices have the same id, so both would be published at one address.',
    message: (p) => `another notice, ${p.otherFile}, has the same id '${p.id}': both would be published at ${p.url}.`,
    hint: () => 'Give this notice an id of its own.',
    example: { id: 'early-help', otherFile: 'content/kent-county-council/early-help.yaml', url: '/early-help/' },
  }),
  'reserved-id': define<{ id: string }>({
    severity: 'error',
    summary: 'A notice id is a folder the site uses itself.',
    message: (p) => `the id '${p.id}' is used by the site itself.`,
    hint: (p) => `Choose another id, e.g. '${p.id}-notice'.`,
    example: { id: 'assets' },
  }),
  'impossible-date': define<{ given: string }>({
    severity: 'error',
    summary: 'A date is written correctly but does not exist, such as 30 February.',
    message: (p) => `'${p.given}' is not a real date.`,
    hint: () => 'Check the day and month.',
    example: { given: '2026-02-30' },
  }),
  'review-before-update': define<{ nextReview: string; lastUpdated: string }>({
    severity: 'error',
    summary: "A notice's next review comes before its last update.",
    message: (p) => `the next review (${p.nextReview}) is before the last update (${p.lastUpdated}).`,
    hint: () => 'Set nextReview to a date after lastUpdated.',
    example: { nextReview: '2025-01', lastUpdated: '2026-01-15' },
  }),
  'review-overdue': define<{ nextReview: string }>({
    severity: 'warning',
    summary: "A notice's review date has passed.",
    message: (p) => `this notice was due for review by ${p.nextReview}.`,
    hint: () => 'Review the notice, then update lastUpdated and nextReview.',
    example: { nextReview: '2025-01' },
  }),
  'summary-not-one-sentence': define({
    severity: 'warning',
    summary: "A notice's summary has more than one sentence.",
    message: () => 'the summary should be one sentence.',
    hint: () => 'Shorten it to one sentence; the sections hold the detail.',
    example: {},
  }),
  'link-not-allowed': define<{ text: string; href: string }>({
    severity: 'error',
    summary: 'A link goes somewhere other than a web page, an email address, a phone number or a page of this site.',
    message: (p) => `the link '${p.text}' goes to '${p.href}', which is not allowed.`,
    hint: () => 'Links must start with https://, http://, mailto: or tel: (or / for a page of this site).',
    example: { text: 'Click', href: 'javascript:alert(1)' },
  }),
  'sections-too-deep': define({
    severity: 'error',
    summary: 'Sections are nested below heading level 6.',
    message: () => 'sections are nested too deeply: HTML has no heading below level 6.',
    hint: () => 'Move this section up a level.',
    example: {},
  }),
  'duplicate-section-id': define<{ id: string }>({
    severity: 'error',
    summary: 'Two sections of one notice have the same id, so links to them would clash.',
    message: (p) => `another section of this notice already has the id '${p.id}'.`,
    hint: () => 'Give each section its own id.',
    example: { id: 'who-we-are' },
  }),
  'empty-section': define<{ heading: string }>({
    severity: 'warning',
    summary: 'A section has a heading and nothing under it.',
    message: (p) => `the section '${p.heading}' is empty.`,
    hint: () => 'Add its text, or remove the section.',
    example: { heading: 'Your rights' },
  }),
  'details-missing': define<{ heading: string; ending: string }>({
    severity: 'warning',
    summary: 'A section ends by introducing something ("please contact:") that is not there.',
    message: (p) => `the section '${p.heading}' ends with "${p.ending}" but nothing follows it: the details are missing from the source.`,
    hint: () => 'Add what it introduces (for example a contact block), or reword the sentence.',
    example: { heading: 'Contact details', ending: 'If you have any questions, please contact:' },
  }),
  'table-row-cells': define<{ cells: number; columns: number }>({
    severity: 'error',
    summary: 'A table row has a different number of cells from the header row.',
    message: (p) => `this row has ${plural(p.cells, 'cell')} but the table has ${p.columns} columns.`,
    hint: () => 'Give every row one cell per column (use "" for an empty cell).',
    example: { cells: 1, columns: 2 },
  }),
};

/** Messages about the picture library (data/pictures.yaml and data/pictures/<organisation>/). */
export const pictureFileMessages = {
  'picture-file-name': define<{ name: string }>({
    severity: 'error',
    summary: "An organisation's picture file name cannot be a picture key.",
    message: (p) => `'${p.name}' cannot be a picture key: keys may only contain lower-case letters, digits and single hyphens.`,
    hint: () => 'Rename the file, e.g. town-hall.svg.',
    example: { name: 'Town Hall.svg' },
  }),
  'picture-credit-without-file': define<{ folder: string; key: string }>({
    severity: 'warning',
    summary: "An organisation's pictures.yaml describes a picture whose SVG file is not there.",
    message: (p) => `there is no picture ${p.folder}/${p.key}.svg for this entry.`,
    hint: () => 'Add the SVG file, or remove the entry.',
    example: { folder: 'data/pictures/kent-county-council', key: 'town-hall' },
  }),
};

export const loadMessages = { ...schemaMessages, ...referenceMessages, ...pictureFileMessages };
