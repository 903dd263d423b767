/**
 * The catalogue the completeness report assesses: every item of UK GDPR Articles 13 and 14 (the
 * ids of src/model/gdpr.ts), with the person's rights taken one by one, plus how to complain to
 * the organisation itself, which the Data (Use and Access) Act 2025 requires of every controller
 * from 19 June 2026 and the ICO checklist predates.
 *
 * Each item says when it applies, as a function of the facts a notice states at its top, so the
 * report can tell "not needed here" from "missing".
 */
import type { NoticeFactsData } from './facts.js';
import { RIGHTS, type CoverTag, type ItemId, type LawfulBasis, type Right } from './ids.js';

export { COVER_TAGS, ITEM_IDS, RIGHT_ITEM_IDS, RIGHTS, isCoverTag, isItemId, type CoverTag, type ItemId, type Right, type RightItemId } from './ids.js';

/** The day the complaints-process duty of the Data (Use and Access) Act 2025 starts. */
export const COMPLAINTS_PROCESS_FROM = '2026-06-19';

/** What an item's applicability depends on, beyond the facts. */
export interface ApplicabilityContext {
  facts: NoticeFactsData;
  /** The organisation has a data protection officer in data/organisations.yaml. */
  hasDpo: boolean;
  /** The day the report is made, YYYY-MM-DD (duties that start on a date depend on it). */
  today: string;
}

export type Applicability = { applies: true } | { applies: false; why: string };

export interface ItemDefinition {
  id: ItemId;
  /** What the notice must say, in a few words. */
  label: string;
  /** Two or three characters, for the columns of the build's table. */
  short: string;
  articles: string;
  /** When the item is required, in words (for messages and the docs). */
  when: string;
  applies(context: ApplicabilityContext): Applicability;
  /** The tags that claim this item (a section tagged `rights` claims every right). */
  tags: readonly CoverTag[];
}

const always = (): Applicability => ({ applies: true });
const unless = (condition: boolean, why: string): Applicability => (condition ? { applies: true } : { applies: false, why });

const fromPerson = (facts: NoticeFactsData) => facts.collectedFrom?.includes('person') ?? true;
const fromOthers = (facts: NoticeFactsData) => facts.collectedFrom?.includes('others') ?? true;
/** With no bases stated, nothing depends on a basis (the lawful-basis item itself reports the gap). */
const relies = (facts: NoticeFactsData, basis: LawfulBasis) => facts.lawfulBases?.includes(basis) ?? false;

/**
 * Which lawful bases carry which right (ICO, "Lawful basis for processing": erasure does not
 * apply to legal obligation or public task; portability only to consent and contract; objection
 * only to public task and legitimate interests). Access, rectification and restriction always apply.
 * With no bases stated, every right applies: the report cannot rule any out.
 */
const RIGHT_BASES: Partial<Record<Right, readonly LawfulBasis[]>> = {
  erasure: ['consent', 'contract', 'vital-interests', 'legitimate-interests'],
  portability: ['consent', 'contract'],
  objection: ['public-task', 'legitimate-interests'],
};

function rightApplies(right: Right, facts: NoticeFactsData): Applicability {
  const bases = RIGHT_BASES[right];
  if (!bases || !facts.lawfulBases?.length) return { applies: true };
  return unless(
    facts.lawfulBases.some((basis) => bases.includes(basis)),
    `the right to ${RIGHT_WORDS[right]} does not apply to the lawful bases this notice relies on (${facts.lawfulBases.join(', ')})`,
  );
}

/** How each right reads in a sentence: "the right to …". */
export const RIGHT_WORDS: Record<Right, string> = {
  access: 'see your information',
  rectification: 'correct it',
  erasure: 'delete it',
  restriction: 'restrict its use',
  objection: 'object to its use',
  portability: 'move it to another organisation',
};

const RIGHT_LABELS: Record<Right, string> = {
  access: 'Right of access',
  rectification: 'Right to rectification',
  erasure: 'Right to erasure',
  restriction: 'Right to restrict processing',
  objection: 'Right to object',
  portability: 'Right to data portability',
};

const RIGHT_SHORT: Record<Right, string> = { access: 'ac', rectification: 'rc', erasure: 'er', restriction: 'rs', objection: 'ob', portability: 'po' };

const rightItems: ItemDefinition[] = RIGHTS.map((right) => ({
  id: `rights.${right}` as const,
  label: RIGHT_LABELS[right],
  short: RIGHT_SHORT[right],
  articles: 'Art 13(2)(b), 14(2)(c)',
  when: right === 'access' || right === 'rectification' || right === 'restriction' ? 'always' : 'depends on the lawful bases',
  applies: ({ facts }) => rightApplies(right, facts),
  tags: ['rights', `rights.${right}`],
}));

/** The items in the order of the report's columns: as the ICO checklist orders them. */
export const ITEMS: readonly ItemDefinition[] = [
  {
    id: 'controller',
    label: 'Name and contact details of the organisation',
    short: 'co',
    articles: 'Art 13(1)(a), 14(1)(a)',
    when: 'always',
    applies: always,
    tags: ['controller'],
  },
  {
    id: 'representative',
    label: 'Name and contact details of its representative',
    short: 'rp',
    articles: 'Art 13(1)(a), 14(1)(a)',
    when: 'if it has one',
    applies: ({ facts }) => unless(Boolean(facts.representative && facts.representative !== 'none'), 'the notice states no representative'),
    tags: ['representative'],
  },
  {
    id: 'dpo',
    label: 'Contact details of the data protection officer',
    short: 'dp',
    articles: 'Art 13(1)(b), 14(1)(b)',
    when: 'if it has one (public authorities must)',
    applies: ({ facts, hasDpo }) => unless(hasDpo || facts.publicAuthority !== false, 'the organisation is not a public authority and has no data protection officer'),
    tags: ['dpo'],
  },
  {
    id: 'purposes',
    label: 'The purposes of the processing',
    short: 'pu',
    articles: 'Art 13(1)(c), 14(1)(c)',
    when: 'always',
    applies: always,
    tags: ['purposes'],
  },
  {
    id: 'lawful-basis',
    label: 'The lawful basis for each purpose',
    short: 'lb',
    articles: 'Art 13(1)(c), 14(1)(c)',
    when: 'always',
    applies: always,
    tags: ['lawful-basis'],
  },
  {
    id: 'legitimate-interests',
    label: 'The legitimate interests relied on',
    short: 'li',
    articles: 'Art 13(1)(d), 14(2)(b)',
    when: 'if legitimate interests is a lawful basis',
    applies: ({ facts }) => unless(relies(facts, 'legitimate-interests'), 'the notice does not rely on legitimate interests'),
    tags: ['legitimate-interests'],
  },
  {
    id: 'categories',
    label: 'The categories of personal data',
    short: 'ca',
    articles: 'Art 14(1)(d)',
    when: 'if data comes from others (Article 14)',
    applies: ({ facts }) => unless(fromOthers(facts), 'all the data comes from the person (Article 13 only)'),
    tags: ['categories'],
  },
  {
    id: 'recipients',
    label: 'Recipients or categories of recipients',
    short: 're',
    articles: 'Art 13(1)(e), 14(1)(e)',
    when: 'always',
    applies: always,
    tags: ['recipients'],
  },
  {
    id: 'transfers',
    label: 'Transfers abroad and their safeguards',
    short: 'tr',
    articles: 'Art 13(1)(f), 14(1)(f)',
    when: 'always stated: "none", or the transfers and their safeguards',
    applies: always,
    tags: ['transfers'],
  },
  {
    id: 'retention',
    label: 'Retention periods, or the criteria used to set them',
    short: 'rt',
    articles: 'Art 13(2)(a), 14(2)(a)',
    when: 'always',
    applies: always,
    tags: ['retention'],
  },
  ...rightItems,
  {
    id: 'withdraw-consent',
    label: 'The right to withdraw consent at any time',
    short: 'wc',
    articles: 'Art 13(2)(c), 14(2)(d)',
    when: 'if consent is a lawful basis',
    applies: ({ facts }) => unless(relies(facts, 'consent'), 'the notice does not rely on consent'),
    tags: ['withdraw-consent'],
  },
  {
    id: 'complain',
    label: 'The right to complain to the Information Commissioner',
    short: 'ic',
    articles: 'Art 13(2)(d), 14(2)(e)',
    when: 'always',
    applies: always,
    tags: ['complain'],
  },
  {
    id: 'complain-to-us',
    label: 'How to complain to the organisation itself',
    short: 'cu',
    articles: 'Data (Use and Access) Act 2025',
    when: `from ${COMPLAINTS_PROCESS_FROM}`,
    applies: ({ today }) => unless(today >= COMPLAINTS_PROCESS_FROM, `the complaints-process duty starts on ${COMPLAINTS_PROCESS_FROM}`),
    tags: ['complain-to-us'],
  },
  {
    id: 'source',
    label: 'Where the data comes from',
    short: 'so',
    articles: 'Art 14(2)(f)',
    when: 'if data comes from others (Article 14)',
    applies: ({ facts }) => unless(fromOthers(facts), 'all the data comes from the person (Article 13 only)'),
    tags: ['source'],
  },
  {
    id: 'statutory-requirement',
    label: 'Whether giving the data is required, and what happens if not',
    short: 'st',
    articles: 'Art 13(2)(e)',
    when: 'if data comes from the person (Article 13)',
    applies: ({ facts }) => unless(fromPerson(facts), 'no data comes from the person (Article 14 only)'),
    tags: ['statutory-requirement'],
  },
  {
    id: 'automated-decisions',
    label: 'Automated decision-making and profiling',
    short: 'ad',
    articles: 'Art 13(2)(f), 14(2)(g)',
    when: 'always stated: "none", or the logic and its effects',
    applies: always,
    tags: ['automated-decisions'],
  },
];

export function itemDefinition(id: ItemId): ItemDefinition {
  const item = ITEMS.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`unknown completeness item '${id}'`);
  return item;
}

/** The report items a tag claims: `rights` claims each right; the others claim themselves. */
export function itemsClaimedBy(tag: string): ItemId[] {
  return ITEMS.filter((item) => (item.tags as readonly string[]).includes(tag)).map((item) => item.id);
}

// --- At a glance ------------------------------------------------------------------------------------

export type GlanceKey = 'controller' | 'categories' | 'purposes' | 'recipients' | 'retention' | 'rights' | 'complain';

export interface GlanceLine {
  key: GlanceKey;
  /** The words before the line, e.g. "Who we are". */
  label: string;
  /** The items that earn the line (any one present will do), in the order their sections are preferred. */
  items: readonly ItemId[];
  /** One short plain-English line, from the items the notice covers. */
  text(present: ReadonlySet<ItemId>, organisationName: string): string;
}

function joinWords(words: readonly string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** The "At a glance" lines, in reading order: who, what, why, with whom, how long, rights, complaints. */
export const AT_A_GLANCE: readonly GlanceLine[] = [
  { key: 'controller', label: 'Who we are', items: ['controller'], text: (_, name) => `${name} is responsible for your information.` },
  { key: 'categories', label: 'What we collect', items: ['categories'], text: () => 'The kinds of information we collect and use.' },
  {
    key: 'purposes',
    label: 'Why',
    items: ['purposes'],
    text: (present) => (present.has('lawful-basis') ? 'What we use your information for, and the law that lets us.' : 'What we use your information for.'),
  },
  { key: 'recipients', label: 'Who we share it with', items: ['recipients'], text: () => 'The organisations we may share your information with.' },
  { key: 'retention', label: 'How long we keep it', items: ['retention'], text: () => 'How long we keep your information.' },
  {
    key: 'rights',
    label: 'Your rights',
    items: RIGHTS.map((right) => `rights.${right}` as const),
    text: (present) => {
      const has = (right: Right) => present.has(`rights.${right}`);
      const ask = (['access', 'rectification', 'erasure'] as const).filter(has).map((right) => ({ access: 'see', rectification: 'correct', erasure: 'delete' })[right]);
      const use = (['restriction', 'objection'] as const).filter(has).map((right) => ({ restriction: 'restrict', objection: 'object to' })[right]);
      const parts = [
        ...(ask.length ? [`ask to ${joinWords(ask, 'or')} your information`] : []),
        ...(use.length ? [`${joinWords(use, 'or')} how we use it`] : []),
        ...(has('portability') ? ['move it to another organisation'] : []),
      ];
      return `You can ${joinWords(parts, 'and')}.`;
    },
  },
  {
    key: 'complain',
    label: 'How to complain',
    items: ['complain-to-us', 'complain'],
    text: (present) =>
      present.has('complain-to-us') && present.has('complain')
        ? 'Complain to us first, or to the Information Commissioner.'
        : present.has('complain-to-us')
          ? 'How to complain to us.'
          : 'You can complain to the Information Commissioner.',
  },
];
