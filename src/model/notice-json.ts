/**
 * The machine-readable notice: what /<id>/notice.json and /notices.json hold, so councils,
 * researchers and tools can read notices without scraping the pages. This zod schema is the single
 * source of the format: the build validates every file against it before writing, and
 * `npm run schema` generates schema/notice-json.schema.json and schema/notices-json.schema.json from it.
 *
 * Text is plain (no Markdown); links inside text are lost, but every address the notice gives is
 * also in its contact blocks. Dates are as the notice gives them: "2024-10-15", or "2024-10" when
 * only the month is known, null when the notice gives none. Addresses are absolute (the site's url and path prefix).
 */
import { z } from 'zod';
import { COVER_TAGS, type CoverTag } from './gdpr-ids.js';

export const NOTICE_JSON_FORMAT = 'uk-privacy-notice/1';

const GdprItemId = z.enum(COVER_TAGS as [CoverTag, ...CoverTag[]]).describe('A UK GDPR Article 13/14 item, e.g. "retention" or "rights.erasure".');
const PartialDateText = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/)
  .nullable()
  .describe('"2024-10-15", or "2024-10" when only the month is known; null when the notice gives no date (never a guess).');
const Url = z.string().describe('An absolute address on the published site.');

const ContactLine = z
  .object({
    label: z.enum(['Website', 'Email', 'Telephone']).optional().describe('Absent for address lines.'),
    text: z.string(),
    href: z.string().optional().describe('mailto:, tel: or https: address.'),
  })
  .strict();

const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string() }).strict(),
  z.object({ type: z.literal('list'), intro: z.string().optional(), ordered: z.boolean(), items: z.array(z.string()) }).strict(),
  z.object({ type: z.literal('table'), caption: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())), rowHeaders: z.boolean() }).strict(),
  z.object({ type: z.literal('address'), lines: z.array(z.string()) }).strict(),
  z.object({ type: z.literal('contact'), lines: z.array(ContactLine) }).strict(),
]);

export interface NoticeJsonSection {
  id: string;
  heading: string;
  level: number;
  url: string;
  covers: z.infer<typeof GdprItemId>[];
  blocks: z.infer<typeof Block>[];
  sections: NoticeJsonSection[];
}

const Section: z.ZodType<NoticeJsonSection> = z.lazy(() =>
  z
    .object({
      id: z.string(),
      heading: z.string(),
      level: z.number().int().min(2).max(6).describe('2 for a top-level section (the title is level 1).'),
      url: Url.describe('The section on the notice page (#id).'),
      covers: z.array(GdprItemId).describe('The UK GDPR items this section says it covers.'),
      blocks: z.array(Block),
      sections: z.array(Section),
    })
    .strict(),
);

const Pdf = z.object({ url: Url, bytes: z.number().int().nonnegative(), pages: z.number().int().positive() }).strict();

export const NoticeJson = z
  .object({
    format: z.literal(NOTICE_JSON_FORMAT),
    id: z.string(),
    title: z.string(),
    caption: z.string().optional(),
    summary: z.string(),
    status: z.enum(['published']).describe('Only published notices are published as JSON.'),
    law: z.enum(['uk-gdpr', 'dpa-1998']).describe('The law the notice was written under.'),
    lawNote: z.string().optional().describe('For a notice written under the Data Protection Act 1998: what that means.'),
    organisation: z.object({ id: z.string(), name: z.string(), url: Url }).strict(),
    dates: z.object({ lastUpdated: PartialDateText, nextReview: PartialDateText }).strict(),
    covers: z
      .array(z.object({ id: GdprItemId, label: z.string(), sections: z.array(z.string()).describe('Ids of the sections that cover it.') }).strict())
      .describe('Every UK GDPR item the notice covers, with the sections that cover it.'),
    contacts: z.array(z.object({ section: z.string(), lines: z.array(ContactLine) }).strict()).describe('Every contact block, with the section it is in.'),
    sections: z.array(Section),
    links: z
      .object({
        html: Url,
        json: Url,
        easyRead: Url.optional(),
        pdf: Pdf.optional(),
        easyReadPdf: Pdf.optional(),
      })
      .strict(),
  })
  .strict();

export type NoticeJsonData = z.infer<typeof NoticeJson>;

export const NoticesJson = z
  .object({
    format: z.literal(NOTICE_JSON_FORMAT),
    site: z.object({ name: z.string(), url: Url }).strict(),
    notices: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          summary: z.string(),
          organisation: z.object({ id: z.string(), name: z.string() }).strict(),
          law: z.enum(['uk-gdpr', 'dpa-1998']),
          dates: z.object({ lastUpdated: PartialDateText, nextReview: PartialDateText }).strict(),
          html: Url,
          json: Url,
        })
        .strict(),
    ),
  })
  .strict();

export type NoticesJsonData = z.infer<typeof NoticesJson>;
