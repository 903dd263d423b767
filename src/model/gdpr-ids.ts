/**
 * The ids of the completeness report, apart from what each means (items.ts), so the facts schema
 * and the catalogue can both name them without importing each other.
 */
import { GDPR_ITEM_IDS, type GdprItem } from './gdpr.js';

export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability'] as const;
export type Right = (typeof RIGHTS)[number];
export type RightItemId = `rights.${Right}`;
export const RIGHT_ITEM_IDS = RIGHTS.map((right) => `rights.${right}` as const);

/**
 * Ids the report assesses, in the order of its columns (the ICO checklist's order): the model's
 * ids, with `rights` split right by right, and `complain-to-us`.
 */
export const ITEM_IDS = [
  'controller',
  'representative',
  'dpo',
  'purposes',
  'lawful-basis',
  'legitimate-interests',
  'categories',
  'recipients',
  'transfers',
  'retention',
  ...RIGHT_ITEM_IDS,
  'withdraw-consent',
  'complain',
  'complain-to-us',
  'source',
  'statutory-requirement',
  'automated-decisions',
] as const satisfies readonly (Exclude<GdprItem, 'rights'> | RightItemId | 'complain-to-us')[];
export type ItemId = (typeof ITEM_IDS)[number];

/** Ids a section may list in `covers`: the model's ids plus the new ones (the schema needs them added). */
export type CoverTag = GdprItem | RightItemId | 'complain-to-us';
export const COVER_TAGS: readonly CoverTag[] = [...GDPR_ITEM_IDS, ...RIGHT_ITEM_IDS, 'complain-to-us'];

export function isItemId(value: string): value is ItemId {
  return (ITEM_IDS as readonly string[]).includes(value);
}

export function isCoverTag(value: string): value is CoverTag {
  return (COVER_TAGS as readonly string[]).includes(value);
}

/** The Article 6 lawful bases, as a notice's facts name them. */
export const LAWFUL_BASES = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Where the personal data comes from: the person (Article 13), others (Article 14), or both. */
export const COLLECTED_FROM = ['person', 'others'] as const;
export type CollectedFrom = (typeof COLLECTED_FROM)[number];
