/**
 * The facts a notice states once, at its top, that decide which Article 13/14 items it needs:
 * where the data comes from, the lawful bases, transfers abroad, automated decisions, and any
 * item it is exempt from (with the reason). `noticeFactsShape` is for the notice schema to
 * include; `checkNoticeFacts` holds the rules that span fields.
 *
 * A notice that states no facts gets defaults from `inferFacts` (infer-facts.ts).
 */
import { z } from 'zod';
import { COLLECTED_FROM, ITEM_IDS, LAWFUL_BASES } from './gdpr-ids.js';

export { COLLECTED_FROM, LAWFUL_BASES, type CollectedFrom, type LawfulBasis } from './gdpr-ids.js';

/** A statement that may be the word "none": "none" says there is nothing to tell, and counts. */
const NoneOrText = (what: string) =>
  z
    .string()
    .refine((value) => /\S/.test(value), { message: `${what} is empty: write "none", or describe it.` })
    .meta({ description: `"none", or a description of ${what}.` });

export const Exemption = z
  .object({
    item: z.enum(ITEM_IDS).meta({ description: 'The item this notice need not cover, e.g. source or rights.portability.' }),
    reason: z
      .string()
      .refine((value) => value.trim().split(/\s+/).filter(Boolean).length >= 3, { message: 'the reason is missing or too short: say in a few words why the item does not apply (for example the exemption in the Data Protection Act 2018 relied on).' })
      .meta({ description: 'Why the notice need not cover the item (for example the exemption relied on). Required.' }),
  })
  .strict()
  .meta({ title: 'Exemption', description: 'An Article 13/14 item this notice does not cover, with the reason why.' });

/** The fields, for the notice schema to include beside its own (they sit at the top of a notice). */
export const noticeFactsShape = {
  collectedFrom: z
    .array(z.enum(COLLECTED_FROM))
    .min(1)
    .optional()
    .meta({ description: 'Where the personal data comes from: person (from the person, Article 13), others (from anyone else, Article 14), or both. Default: both.' }),
  lawfulBases: z
    .array(z.enum(LAWFUL_BASES))
    .min(1)
    .optional()
    .meta({
      description:
        'The Article 6 lawful bases the notice relies on. consent makes withdrawing consent an item; legitimate-interests needs legitimateInterests; public-task and legal-obligation rule out data portability.',
    }),
  legitimateInterests: z
    .string()
    .refine((value) => /\S/.test(value), { message: 'the legitimate interests are empty: say which interests are relied on.' })
    .optional()
    .meta({ description: 'Which legitimate interests are relied on, in a sentence. Required when lawfulBases includes legitimate-interests.' }),
  transfersAbroad: NoneOrText('the transfers of personal data outside the UK and their safeguards')
    .optional()
    .meta({ description: '"none" when no personal data goes outside the UK; otherwise where it goes and the safeguards. Saying "none" counts as covering the item.' }),
  automatedDecisions: NoneOrText('the automated decision-making or profiling, its logic and its effects')
    .optional()
    .meta({ description: '"none" when no decision is made by automated means alone; otherwise the logic and the effects on people. Saying "none" counts as covering the item.' }),
  representative: NoneOrText("the organisation's UK representative")
    .optional()
    .meta({ description: 'Only for an organisation outside the UK: its UK representative. Default: none.' }),
  publicAuthority: z
    .boolean()
    .optional()
    .meta({ description: 'false for an organisation that is not a public authority (it then needs a data protection officer only if it has one). Default: true.' }),
  exemptions: z
    .array(Exemption)
    .optional()
    .meta({ description: 'Items this notice need not cover, each with the reason why.' }),
};

export const NoticeFacts = z
  .object(noticeFactsShape)
  .strict()
  .superRefine((facts, context) => {
    for (const issue of checkNoticeFacts(facts)) context.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
  })
  .meta({ title: 'Notice facts', description: 'What decides which UK GDPR Article 13/14 items the notice needs.' });

export type NoticeFactsData = z.infer<typeof NoticeFacts>;

export interface FactsIssue {
  path: readonly (string | number)[];
  message: string;
}

/** Rules across fields, for the notice schema's own superRefine. */
export function checkNoticeFacts(facts: NoticeFactsData): FactsIssue[] {
  const issues: FactsIssue[] = [];
  const usesInterests = facts.lawfulBases?.includes('legitimate-interests') ?? false;
  if (usesInterests && !facts.legitimateInterests) {
    issues.push({ path: ['legitimateInterests'], message: 'lawfulBases includes legitimate-interests, so say which interests: add legitimateInterests.' });
  }
  if (!usesInterests && facts.legitimateInterests) {
    issues.push({ path: ['lawfulBases'], message: 'legitimateInterests is given but lawfulBases does not include legitimate-interests: add it, or remove legitimateInterests.' });
  }
  const seen = new Set<string>();
  (facts.exemptions ?? []).forEach((exemption, index) => {
    if (seen.has(exemption.item)) issues.push({ path: ['exemptions', index, 'item'], message: `${exemption.item} is exempted twice: keep one entry.` });
    seen.add(exemption.item);
  });
  return issues;
}
