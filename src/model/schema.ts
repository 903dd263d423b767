/**
 * The shape of what comms teams write: notice files in content/ and shared data in data/.
 *
 * These zod schemas are the single source of truth: the TypeScript types of raw files are
 * inferred from them, validation runs them, and scripts/write-schema.ts publishes them as JSON
 * Schema (schema/*.schema.json) for editors. Every object is strict, so a misspelt field is an
 * error rather than silently ignored.
 */
import { z } from 'zod';
import { checkNoticeFacts, noticeFactsShape } from './facts.js';
import { COVER_TAGS, type CoverTag } from './gdpr-ids.js';
import { Changes } from './history.js';

/** Lower-case letters, digits and single hyphens: safe in a URL and a file name. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** 2024-10-15, or 2024-10 when only the month is known (as in "last updated in October 2024"). */
export const DATE_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;
export const URL_PATTERN = /^https?:\/\/[^\s]+$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_PATTERN = /^\+?[0-9 ]{6,20}$/;
export const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const PATH_PREFIX_PATTERN = /^\/(?:[A-Za-z0-9._-]+\/)*$/;
/** An OpenMoji hexcode as its file is named, e.g. 1F4DE or 1F468-200D-1F469. */
export const HEXCODE_PATTERN = /^[0-9A-F]{2,6}(?:-[0-9A-F]{2,6})*$/;

/**
 * Which kind of text each pattern checks. A failed pattern's issue carries the pattern itself, so
 * validation finds the kind here and words the message for it (src/load/validate.ts).
 */
export type TextFormat = 'slug' | 'date' | 'url' | 'email' | 'phone' | 'colour' | 'path-prefix' | 'openmoji-hexcode';
export const TEXT_FORMATS: ReadonlyMap<string, TextFormat> = new Map([
  [String(SLUG_PATTERN), 'slug'],
  [String(DATE_PATTERN), 'date'],
  [String(URL_PATTERN), 'url'],
  [String(EMAIL_PATTERN), 'email'],
  [String(PHONE_PATTERN), 'phone'],
  [String(COLOUR_PATTERN), 'colour'],
  [String(PATH_PREFIX_PATTERN), 'path-prefix'],
  [String(HEXCODE_PATTERN), 'openmoji-hexcode'],
]);

export const Slug = z
  .string()
  .regex(SLUG_PATTERN, { message: 'Lower-case letters, digits and single hyphens.' })
  .meta({ description: 'Lower-case letters, digits and single hyphens, e.g. early-help.' });

export const PartialDate = z
  .string()
  .regex(DATE_PATTERN, { message: 'A date as YYYY-MM-DD or YYYY-MM.' })
  .meta({ description: 'A date as YYYY-MM-DD, or YYYY-MM when only the month is known.', examples: ['2024-10', '2026-01-15'] });

/** One line of text that may use inline Markdown: **bold**, *emphasis*, [links](https://…), bare URLs and emails. */
export const InlineText = z
  .string()
  .min(1)
  .meta({ description: 'Text. Inline Markdown is allowed: **bold**, *emphasis*, [link text](https://…); bare web and email addresses become links.' });

const GdprItemId = z
  .enum(COVER_TAGS as [CoverTag, ...CoverTag[]])
  .meta({ description: 'A UK GDPR Article 13/14 item this section covers (rights.<right> for one right only; complain-to-us for how to complain to the organisation itself).' });

/** A date that the source does not give: "unknown" rather than a guess shown as a fact. */
export const UNKNOWN_DATE = 'unknown';
const DateOrUnknown = (description: string) =>
  z.union([PartialDate, z.literal(UNKNOWN_DATE)]).meta({ description: `${description} YYYY-MM-DD, YYYY-MM, or unknown when the source gives no date (the page then says "Date not given").` });

// --- Blocks: the pieces a section's body is made of ------------------------------------------------

export const ParagraphBlock = z
  .object({
    type: z.literal('paragraph'),
    text: InlineText,
  })
  .strict()
  .meta({ title: 'Paragraph', description: 'A paragraph of text.' });

export const ListBlock = z
  .object({
    type: z.literal('list'),
    intro: InlineText.optional().meta({ description: 'The sentence that introduces the list, e.g. "We use your information to:".' }),
    ordered: z.boolean().optional().meta({ description: 'true for a numbered list. Default: bulleted.' }),
    items: z.array(InlineText).min(1).meta({ description: 'The list items, in order.' }),
  })
  .strict()
  .meta({ title: 'List', description: 'A bulleted (or numbered) list, with the sentence that introduces it.' });

export const TableBlock = z
  .object({
    type: z.literal('table'),
    caption: InlineText.meta({ description: 'What the table shows. Screen readers announce it.' }),
    columns: z.array(InlineText).min(1).meta({ description: 'The header row: one heading per column.' }),
    rows: z.array(z.array(InlineText).min(1)).min(1).meta({ description: 'The body rows; each has one cell per column.' }),
    rowHeaders: z.boolean().optional().meta({ description: 'true when the first cell of each row names the row (it becomes a row header). Default: true.' }),
  })
  .strict()
  .meta({ title: 'Table', description: 'A table with a caption and a header row.' });

export const AddressBlock = z
  .object({
    type: z.literal('address'),
    lines: z.array(InlineText).min(1).meta({ description: 'The lines of the address, one per line.' }),
  })
  .strict()
  .meta({ title: 'Postal address', description: 'A postal address written into this notice. Prefer a contact block, which reads the address from data/.' });

export const ContactBlock = z
  .object({
    type: z.literal('contact'),
    contact: z
      .string()
      .min(1)
      .meta({
        description: 'Which contact point to show, as organisation or organisation/contact-point (ids from data/organisations.yaml or data/bodies.yaml).',
        examples: ['kent-county-council/information-resilience', 'department-for-education'],
      }),
  })
  .strict()
  .meta({ title: 'Contact details', description: "An organisation's contact details (postal address, email, phone, website), read from data/ so they are never copied." });

export const Block = z.discriminatedUnion('type', [ParagraphBlock, ListBlock, TableBlock, AddressBlock, ContactBlock]);

// --- Sections ---------------------------------------------------------------------------------------

export interface SectionFile {
  heading: string;
  id?: string;
  covers?: CoverTag[];
  body?: z.infer<typeof Block>[];
  sections?: SectionFile[];
}

export const Section: z.ZodType<SectionFile> = z
  .object({
    heading: InlineText.meta({ description: 'The heading of this section.' }),
    id: Slug.optional().meta({ description: 'The anchor for links to this section (…/#who-we-are). Default: made from the heading.' }),
    covers: z.array(GdprItemId).optional().meta({ description: 'Which UK GDPR Article 13/14 items this section covers.' }),
    body: z.array(Block).optional().meta({ description: 'The paragraphs, lists, tables and contact blocks of this section, in order.' }),
    get sections() {
      return z.array(Section).optional().meta({ description: 'Sub-sections, one heading level down.' });
    },
  })
  .strict()
  .meta({ id: 'section', title: 'Section', description: 'A headed section of the notice.' });

// --- Easy read ----------------------------------------------------------------------------------------

/**
 * The rules of the easy-read checks (src/easyread/check.ts). One item may relax a rule, with a
 * written reason that the build lists:
 * - sentence-length: a sentence has more than 15 words;
 * - passive-voice: a sentence uses the passive voice ("is kept" instead of "we keep");
 * - acronym: initials (DfE, NHS) or a word in capitals that the item does not spell out;
 * - word-list-bold: a word-list word not in bold, or a bold word that is not in the word list;
 * - picture: the item's picture has no alt text and is not marked decorative (relaxed, it is shown as
 *   decorative; an item without a picture, or with an unknown picture key, is always an error);
 * - italics: the text uses italics (easy read uses bold for hard words only, and no italics).
 */
export const EASY_READ_RULES = ['sentence-length', 'passive-voice', 'acronym', 'word-list-bold', 'picture', 'italics'] as const;
export type EasyReadRule = (typeof EASY_READ_RULES)[number];

/** Text that has at least one visible character (a reason or alt text of spaces says nothing). */
const WrittenText = (what: string) =>
  z.string().refine((value) => /\S/.test(value), { message: `${what} is empty: write it out.`, params: { code: 'blank-text', what } });

export const EasyReadRelax = z
  .object({
    rule: z.enum(EASY_READ_RULES).meta({ description: 'The rule this item breaks.' }),
    reason: WrittenText('the reason')
      .refine((value) => !/\S/.test(value) || value.trim().split(/\s+/).length >= 3, {
        message: 'the reason is too short: say in a few words why the rule cannot be kept here.',
        params: { code: 'relax-reason-too-short' },
      })
      .meta({ description: 'Why the rule cannot be kept here, in a few words. The build lists it.' }),
  })
  .strict()
  .meta({ title: 'Relaxed rule', description: 'A rule this item may break, with the reason why.' });

export const EasyReadItem = z
  .object({
    picture: z
      .string()
      .min(1)
      .meta({ description: 'The picture key, e.g. phone, lock, family, school, council (data/pictures.yaml, or the organisation\'s own in data/pictures/<organisation>/).' }),
    alt: WrittenText('the alt text').optional().meta({ description: 'What the picture shows here, for people who cannot see it. Required unless decorative is true.' }),
    decorative: z.boolean().optional().meta({ description: 'true when the picture adds nothing the words do not say (it gets no alt text).' }),
    text: z
      .array(InlineText)
      .min(1)
      .max(3)
      .meta({ description: 'One to three short sentences about one idea, one sentence per line. Put hard words in **bold** and explain them in the next sentence.' }),
    relax: z.array(EasyReadRelax).optional().meta({ description: 'Rules this item may break, each with a written reason.' }),
  })
  .strict()
  .meta({ title: 'Easy-read item', description: 'One idea: a picture and one to three short sentences.' });

export const EasyReadSection = z
  .object({
    heading: InlineText.meta({ description: 'A short heading for this group of items, e.g. "Who we are".' }),
    items: z.array(EasyReadItem).min(1).meta({ description: 'The items of this group, in reading order.' }),
  })
  .strict()
  .meta({ title: 'Easy-read section', description: 'A headed group of items.' });

export const EasyReadWord = z
  .object({
    word: z.string().min(1).meta({ description: 'The hard word or phrase, as it is written in bold in the items.' }),
    meaning: InlineText.meta({ description: 'What it means, in one or two short sentences.' }),
  })
  .strict()
  .meta({ title: 'Word list entry' });

/**
 * The ways to get help every easy read must give (checked over the whole easy read, src/easyread/check.ts):
 * - help-contact: a working way to contact the organisation (an email, phone, address or website in data/);
 * - help-rights: the right to see their information, and to complain;
 * - help-complain: how to complain to the organisation itself first;
 * - help-ico: the Information Commissioner's phone number and website (data/bodies.yaml);
 * - help-copy: how to ask for a copy (of their information or of the notice).
 */
export const EASY_READ_HELP_RULES = ['help-contact', 'help-rights', 'help-complain', 'help-ico', 'help-copy'] as const;
export type EasyReadHelpRule = (typeof EASY_READ_HELP_RULES)[number];

export const EasyRead = z
  .object({
    title: InlineText.optional().meta({ description: 'The easy-read title. Default: the notice title.' }),
    relax: z
      .array(
        z
          .object({
            rule: z.enum(EASY_READ_HELP_RULES).meta({ description: 'The help this easy read cannot give.' }),
            reason: EasyReadRelax.shape.reason,
          })
          .strict(),
      )
      .optional()
      .meta({ description: 'Ways to get help this easy read cannot give, each with a written reason (the build lists them).' }),
    sections: z.array(EasyReadSection).min(1).meta({ description: 'Headed groups of items, in reading order.' }),
    words: z.array(EasyReadWord).optional().meta({ description: 'The word list: hard words and what they mean. It is shown at the end.' }),
  })
  .strict()
  .meta({ title: 'Easy read', description: 'The easy-read version of this notice, written by a person.' });

// --- A notice file --------------------------------------------------------------------------------

export const NoticeFile = z
  .object({
    id: Slug.meta({ description: "The notice's address on the site: /<id>/. Lower-case letters, digits and hyphens." }),
    title: InlineText.meta({ description: 'The title, shown as the main heading.' }),
    caption: InlineText.optional().meta({ description: 'A short label shown above the title. Default: "Privacy notice", or none when the title already says "privacy notice".' }),
    organisation: Slug.meta({ description: 'The organisation that publishes this notice: an id from data/organisations.yaml.' }),
    owner: z.string().optional().meta({ description: 'The team that keeps this notice current: an id from data/owners.yaml. Review reminders go to them.' }),
    summary: InlineText.meta({ description: 'One sentence saying what the notice is about. Shown under the title and on the home page.' }),
    status: z
      .enum(['published', 'draft', 'superseded'])
      .meta({ description: 'draft notices are checked but not published; superseded notices are published with a banner pointing to replacedBy, and listed under "Older notices".' }),
    replacedBy: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'For a superseded notice: the id of the notice that replaces it on this site, or the https:// address of the current notice elsewhere.', examples: ['kent-childrens-social-care'] }),
    lastUpdated: DateOrUnknown('When the notice was last changed:'),
    writtenBefore: PartialDate.optional().meta({ description: 'For an undated notice: the date it must have been written before (e.g. 2018-05-25 for a Data Protection Act 1998 notice). Shown as "Written before 25 May 2018".' }),
    nextReview: DateOrUnknown('When the notice is next due for review:'),
    changes: Changes.optional(),
    law: z
      .enum(['uk-gdpr', 'dpa-1998'])
      .optional()
      .meta({ description: 'The law the notice was written under. dpa-1998 marks a notice written before UK GDPR; the page says so. Default: uk-gdpr.' }),
    sections: z.array(Section).min(1).meta({ description: 'The sections of the notice, in order.' }),
    easyRead: EasyRead.optional(),
    ...noticeFactsShape,
  })
  .strict()
  .superRefine((notice, context) => {
    for (const issue of checkNoticeFacts(notice)) context.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
    if (notice.status === 'superseded' && !notice.replacedBy) {
      context.addIssue({ code: 'custom', message: 'a superseded notice needs replacedBy: the id of the notice that replaces it, or the address of the current notice.', path: ['replacedBy'] });
    }
    if (notice.replacedBy && notice.status !== 'superseded') {
      context.addIssue({ code: 'custom', message: 'replacedBy is only for a notice with status: superseded.', path: ['status'] });
    }
  })
  .meta({ title: 'Privacy notice', description: 'One privacy notice. The build turns it into a web page, an easy-read page and PDFs.' });

export type NoticeFileData = z.infer<typeof NoticeFile>;
export type BlockData = z.infer<typeof Block>;
export type EasyReadData = z.infer<typeof EasyRead>;
export type EasyReadItemData = z.infer<typeof EasyReadItem>;

// --- Shared data: organisations, other bodies, the site -----------------------------------------------

const Url = z
  .string()
  .regex(URL_PATTERN, { message: 'A web address.' })
  .meta({ description: 'A web address starting http:// or https://.' });

const Email = z
  .string()
  .regex(EMAIL_PATTERN, { message: 'An email address.' })
  .meta({ description: 'An email address.' });

const Phone = z
  .string()
  .regex(PHONE_PATTERN, { message: 'A phone number.' })
  .meta({ description: 'A phone number, digits and spaces, e.g. 03000 414141.' });

export const ContactPoint = z
  .object({
    lines: z.array(z.string().min(1)).optional().meta({ description: 'Name and postal address, one line each.' }),
    email: Email.optional(),
    phone: Phone.optional(),
    website: Url.optional(),
  })
  .strict()
  .meta({ title: 'Contact point', description: 'One way to contact an organisation.' });

export const Organisation = z
  .object({
    name: z.string().min(1),
    shortName: z.string().min(1).optional().meta({ description: 'Initials or short name, e.g. KCC.' }),
    description: z.string().min(1).optional().meta({ description: "One sentence shown on the organisation's page." }),
    website: Url.optional(),
    brandColour: z
      .string()
      .regex(COLOUR_PATTERN, { message: 'A colour as #rrggbb.' })
      .optional()
      .meta({ description: 'The brand colour as #rrggbb. It is the page header background behind white text, so it must be dark enough (contrast 4.5:1 or more).' }),
    contacts: z
      .record(Slug, ContactPoint)
      .optional()
      .meta({ description: 'Named contact points. A notice shows one with a contact block: organisation/contact-point. The first is the main one.' }),
    dataProtectionOfficer: ContactPoint.optional(),
    initials: z
      .record(z.string().min(2), z.string().min(1))
      .optional()
      .meta({
        description:
          'Initials this organisation\'s notices use, and what they stand for, e.g. KMCR: Kent and Medway Care Record. The easy-read checks suggest the words in full where an item uses the initials without spelling them out.',
      }),
  })
  .strict()
  .meta({ title: 'Organisation' });

export const OrganisationsFile = z.record(Slug, Organisation).meta({ title: 'Organisations', description: 'Organisations by id.' });

export const SiteFile = z
  .object({
    name: z.string().min(1).meta({ description: 'The name of the site, shown in every page header.' }),
    url: Url.meta({ description: 'Where the site is published, for sitemap.xml, e.g. https://notices.example.gov.uk' }),
    pathPrefix: z
      .string()
      .regex(PATH_PREFIX_PATTERN, { message: 'A folder path such as /notices/.' })
      .optional()
      .meta({ description: 'The folder the site is served from, e.g. /notices/. Default: /.' }),
    owner: Slug.meta({ description: 'The organisation that runs the site (an id from data/organisations.yaml).' }),
    accessibility: z
      .object({
        contact: z.string().min(1).meta({ description: 'Where to report accessibility problems: organisation/contact-point.' }),
        compliance: z.enum(['full', 'partial', 'none']).meta({ description: 'Compliance with WCAG 2.2 AA.' }),
        nonAccessibleContent: z.array(InlineText).optional(),
        prepared: PartialDate.meta({ description: 'When the statement was first prepared.' }),
        reviewed: PartialDate.optional().meta({ description: 'When the statement was last reviewed.' }),
      })
      .strict()
      .optional(),
    completeness: z
      .object({
        strict: z
          .boolean()
          .optional()
          .meta({ description: 'true: a UK GDPR Article 13/14 item missing from a current notice stops the build (an error instead of a warning). Old-law notices never do. Default: false.' }),
      })
      .strict()
      .optional()
      .meta({ description: 'How the completeness report (reports/completeness.json) treats missing items.' }),
  })
  .strict()
  .meta({ title: 'Site' });

/**
 * data/laws.yaml: what the site says about a law a notice was written under, once for every
 * notice (the banner of an old-law notice).
 */
export const Law = z
  .object({
    name: z.string().min(1).meta({ description: 'The name of the law, e.g. Data Protection Act 1998.' }),
    banner: InlineText.meta({ description: 'The first, bold sentence of the banner on a notice written under this law.' }),
    history: InlineText.meta({ description: 'What has happened to the law since, in plain words, with the dates.' }),
    asWritten: InlineText.meta({ description: 'What the reader should know about the notice; {organisation} stands for the organisation\'s name.' }),
    replaced: InlineText.optional().meta({ description: 'For a superseded notice, the words before the link to the current notice; {organisation} stands for the organisation\'s name.' }),
  })
  .strict()
  .meta({ title: 'Law' });

export const LawsFile = z.partialRecord(z.enum(['uk-gdpr', 'dpa-1998']), Law).meta({ title: 'Laws', description: 'What the site says about each law a notice may be written under.' });
export type LawData = z.infer<typeof Law>;

export type ContactPointData = z.infer<typeof ContactPoint>;
export type OrganisationData = z.infer<typeof Organisation>;
export type SiteData = z.infer<typeof SiteFile>;
