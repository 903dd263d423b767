/**
 * The completeness report (issue 10): for each notice, every Article 13/14 item is present,
 * partial, missing, not applicable or exempt.
 *
 * A section's `covers` tags are the notice's claims; the evidence rules check each claim against
 * the text. An item is present when the text of the sections tagged with it (or the notice's facts)
 * carries the evidence, partial when it is tagged but the text does not back the tag, and missing
 * when nothing claims it. Problems point at the YAML path to report, with the message to show.
 */
import type { PathSegment } from '../diagnostics/diagnostic.js';
import { evidenceFor, suggestCovers, type EvidenceContext } from './evidence.js';
import type { NoticeFactsData } from './facts.js';
import { inferFacts } from './infer-facts.js';
import { ITEM_IDS, type ItemId } from './ids.js';
import { allSections, fullText, type AssessInput, type AssessSection } from './input.js';
import { ITEMS, itemDefinition, type ItemDefinition } from './items.js';

export type Status = 'present' | 'partial' | 'missing' | 'not-applicable' | 'exempt';
export const STATUSES: readonly Status[] = ['present', 'partial', 'missing', 'not-applicable', 'exempt'];

export type ProblemKind = 'tag-without-evidence' | 'missing' | 'suggest-tag';

export interface Problem {
  kind: ProblemKind;
  item: ItemId;
  /** Where in the notice's YAML to point, e.g. ['sections', 2, 'covers']. */
  at: PathSegment[];
  message: string;
  /** What to do about it. */
  hint?: string;
}

export interface ItemReport {
  status: Status;
  /** The sections whose tags claim the item, in reading order. */
  sections: { id: string; tagPath: PathSegment[] }[];
  /** Where the notice's facts state the item, when they do ("none" counts). */
  factsPath?: PathSegment[];
  /** Why the item has its status, in a sentence. */
  reason: string;
  problems: Problem[];
}

export interface NoticeCompleteness {
  notice: string;
  file?: string;
  law: AssessInput['law'];
  /** Old-law notices are reported but never fail the build. */
  neverFails: boolean;
  facts: NoticeFactsData;
  /** The facts were inferred because the notice states none; `factNotes` says what was assumed. */
  factsInferred: boolean;
  factNotes: string[];
  items: Record<ItemId, ItemReport>;
}

export interface AssessOptions {
  /** The day of the report, YYYY-MM-DD: duties that start on a date depend on it. */
  today: string;
}

/** Facts fields that state an item themselves. */
const FACT_FIELDS: Partial<Record<ItemId, keyof NoticeFactsData>> = {
  transfers: 'transfersAbroad',
  'automated-decisions': 'automatedDecisions',
  'legitimate-interests': 'legitimateInterests',
  representative: 'representative',
};

/** How a fact's text reads to the evidence rules, so "none" and descriptions are judged alike. */
const FACT_SENTENCES: Partial<Record<ItemId, (value: string) => string>> = {
  transfers: (value) => `Transfers of personal data outside the UK: ${value}.`,
  'automated-decisions': (value) => `Automated decision-making and profiling: ${value}.`,
  'legitimate-interests': (value) => `The legitimate interests we rely on are ${value}`,
  representative: (value) => `Our representative: ${value}`,
};

const NONE = /^\s*none\.?\s*$/i;

export function assessNotice(input: AssessInput, facts: NoticeFactsData | undefined, options: AssessOptions): NoticeCompleteness {
  const stated = facts ?? input.facts;
  const inferred = stated ? undefined : inferFacts(input);
  const effective = stated ?? inferred!.facts;
  const context: EvidenceContext = {
    organisationNames: [input.organisation.name, input.organisation.shortName].filter((name): name is string => Boolean(name)),
    hasDpo: input.organisation.hasDpo,
  };
  const sections = allSections(input.sections);
  const suggestions = new Map(sections.map((section) => [section, suggestCovers(section, context)]));

  const items = {} as Record<ItemId, ItemReport>;
  for (const item of ITEMS) {
    items[item.id] = assessItem(item, { input, facts: effective, context, sections, suggestions, today: options.today });
  }
  return {
    notice: input.id,
    file: input.file,
    law: input.law,
    neverFails: input.law === 'dpa-1998',
    facts: effective,
    factsInferred: !stated,
    factNotes: inferred?.notes ?? [],
    items,
  };
}

interface ItemScope {
  input: AssessInput;
  facts: NoticeFactsData;
  context: EvidenceContext;
  sections: AssessSection[];
  suggestions: Map<AssessSection, string[]>;
  today: string;
}

function assessItem(item: ItemDefinition, scope: ItemScope): ItemReport {
  const { input, facts, context } = scope;
  const factsPath = [...(input.factsPath ?? [])];
  const tagged = scope.sections.filter((section) => section.covers.some((tag) => (item.tags as readonly string[]).includes(tag)));
  const claims = tagged.map((section) => ({ id: section.id, tagPath: [...section.path, 'covers'] }));

  const exemption = facts.exemptions?.find((entry) => entry.item === item.id);
  if (exemption) return { status: 'exempt', sections: claims, reason: `exempt: ${exemption.reason}`, problems: [] };

  const applicability = item.applies({ facts, hasDpo: context.hasDpo, today: scope.today });
  if (!applicability.applies) return { status: 'not-applicable', sections: claims, reason: `not applicable: ${applicability.why}.`, problems: [] };

  const field = FACT_FIELDS[item.id];
  const factValue = field ? facts[field] : undefined;
  const factAt = field ? [...factsPath, field] : undefined;
  if (typeof factValue === 'string' && NONE.test(factValue)) {
    return { status: 'present', sections: claims, factsPath: factAt, reason: `the notice states "none".`, problems: [] };
  }

  const texts = [...tagged.map(fullText), ...(typeof factValue === 'string' ? [FACT_SENTENCES[item.id]!(factValue)] : [])];
  if (texts.length === 0) return missing(item, scope, claims);

  const evidence = evidenceFor(item.id, texts.join('\n'), context);
  if (evidence.evidence) {
    return { status: 'present', sections: claims, factsPath: typeof factValue === 'string' ? factAt : undefined, reason: evidence.reason, problems: [] };
  }

  const problems: Problem[] = tagged.map((section) => ({
    kind: 'tag-without-evidence',
    item: item.id,
    at: [...section.path, 'covers'],
    message: `the tag ${tagName(item.id)} on the section '${section.heading}' is not backed by its text, which ${evidenceFor(item.id, fullText(section), context).reason}`,
    hint: `Make the section say it, or remove ${tagFor(item)} from its covers.`,
  }));
  if (factAt && typeof factValue === 'string') {
    problems.push({ kind: 'tag-without-evidence', item: item.id, at: factAt, message: `${field} ${evidence.reason}`, hint: 'Describe it fully, or write "none".' });
  }
  const suggested = suggestedSection(item, scope, tagged);
  if (suggested) {
    problems.push({
      kind: 'suggest-tag',
      item: item.id,
      at: [...suggested.path, 'covers'],
      message: `the section '${suggested.heading}' seems to cover ${tagName(item.id)}, as it ${evidenceFor(item.id, fullText(suggested), context).reason}`,
      hint: `Add ${tagFor(item)} to its covers.`,
    });
  }
  return { status: 'partial', sections: claims, reason: evidence.reason, problems };
}

function missing(item: ItemDefinition, scope: ItemScope, claims: ItemReport['sections']): ItemReport {
  const field = FACT_FIELDS[item.id];
  const suggested = suggestedSection(item, scope, []);
  const factsPath = [...(scope.input.factsPath ?? [])];
  let problem: Problem;
  if (suggested) {
    problem = {
      kind: 'missing',
      item: item.id,
      at: [...suggested.path],
      message: `no section covers ${tagName(item.id)} (${lowerFirst(item.label)}), but the section '${suggested.heading}' seems to, as it ${evidenceFor(item.id, fullText(suggested), scope.context).reason}`,
      hint: `Add ${tagFor(item)} to the covers of '${suggested.heading}'.`,
    };
  } else if (field === 'transfersAbroad' || field === 'automatedDecisions') {
    problem = {
      kind: 'missing',
      item: item.id,
      at: factsPath.length ? factsPath : ['sections'],
      message: `the notice does not say whether there ${item.id === 'transfers' ? 'are transfers of personal data outside the UK' : 'is automated decision-making or profiling'}.`,
      hint: `Add ${field}: none at the top of the notice, or describe ${item.id === 'transfers' ? 'the transfers and their safeguards' : 'the decision-making, its logic and its effects'} in a section tagged ${item.id}.`,
    };
  } else {
    problem = {
      kind: 'missing',
      item: item.id,
      at: ['sections'],
      message: `no section covers ${tagName(item.id)} (${lowerFirst(item.label)}; ${item.articles}).`,
      hint:
        item.id === 'legitimate-interests'
          ? 'Say which legitimate interests the notice relies on: add legitimateInterests at its top, or a section tagged legitimate-interests.'
          : `Write a section that covers it and add ${tagFor(item)} to its covers, or list it under exemptions with the reason.`,
    };
  }
  return { status: 'missing', sections: claims, reason: problem.message, problems: [problem] };
}

/** The first untagged section that plainly covers the item, if any. */
function suggestedSection(item: ItemDefinition, scope: ItemScope, tagged: readonly AssessSection[]): AssessSection | undefined {
  const tag = tagFor(item);
  return scope.sections.find((section) => !tagged.includes(section) && (scope.suggestions.get(section) ?? []).includes(tag) && evidenceFor(item.id, fullText(section), scope.context).evidence);
}

/** The tag an author writes for the item: each right is claimed by `rights`. */
function tagFor(item: ItemDefinition): string {
  return item.id.startsWith('rights.') ? 'rights' : item.id;
}

function tagName(item: ItemId): string {
  return item.startsWith('rights.') ? `rights (${item.slice('rights.'.length)})` : item;
}

// --- Severity -------------------------------------------------------------------------------------------

/**
 * A missing item is a warning, or an error when the site asks for strict completeness; old-law
 * notices never fail the build, and a tag without evidence or a suggestion never does either.
 */
export function problemSeverity(problem: Problem, report: Pick<NoticeCompleteness, 'neverFails'>, options: { strict: boolean }): 'error' | 'warning' {
  return problem.kind === 'missing' && options.strict && !report.neverFails ? 'error' : 'warning';
}

/** Every problem of a report, items in column order. */
export function reportProblems(report: NoticeCompleteness): Problem[] {
  return ITEM_IDS.flatMap((id) => report.items[id].problems);
}

// --- Outputs --------------------------------------------------------------------------------------------

const STATUS_MARK: Record<Status, string> = { present: '✓', partial: '~', missing: '✗', 'not-applicable': '·', exempt: 'E' };

const KEPT_STATUSES = Symbol('each item’s status');

/**
 * Each item's status, in column order. A report from the build's cache carries them beside its
 * items (keepStatuses), so the table and reports/completeness.json do not read its items.
 */
export function itemStatuses(report: NoticeCompleteness): Record<ItemId, Status> {
  const kept = (report as { [KEPT_STATUSES]?: Record<ItemId, Status> })[KEPT_STATUSES];
  if (kept) return kept;
  const statuses = {} as Record<ItemId, Status>;
  for (const id of ITEM_IDS) statuses[id] = report.items[id].status;
  return statuses;
}

/** Keeps each item's status with a report (hidden: not copied by JSON), for itemStatuses. */
export function keepStatuses(report: NoticeCompleteness, statuses: Record<ItemId, Status>): void {
  Object.defineProperty(report, KEPT_STATUSES, { value: statuses });
}

/**
 * The build's table: one row per notice, one narrow column per item, one character per status,
 * then a legend and the key to the column heads.
 */
export function formatCompletenessTable(reports: readonly NoticeCompleteness[]): string[] {
  const label = (report: NoticeCompleteness) => `${report.notice}${report.neverFails ? ' (old law)' : ''}`;
  const width = Math.max('notice'.length, ...reports.map((report) => label(report).length));
  const heads = ITEM_IDS.map((id) => itemDefinition(id).short.padEnd(2));
  const lines = [`${'notice'.padEnd(width)}  ${heads.join(' ')}`];
  for (const report of reports) {
    const statuses = itemStatuses(report);
    const marks = ITEM_IDS.map((id) => STATUS_MARK[statuses[id]].padEnd(2));
    lines.push(`${label(report).padEnd(width)}  ${marks.join(' ')}`.trimEnd());
  }
  lines.push(`${STATUS_MARK.present} present  ${STATUS_MARK.partial} partial  ${STATUS_MARK.missing} missing  ${STATUS_MARK['not-applicable']} not applicable  ${STATUS_MARK.exempt} exempt`);
  lines.push(ITEM_IDS.map((id) => `${itemDefinition(id).short} ${id}`).join(', '));
  return lines;
}

/** reports/completeness.json: { "<notice id>": { "<item id>": "<status>", … } }, items in column order. */
export function completenessJson(reports: readonly NoticeCompleteness[]): Record<string, Record<ItemId, Status>> {
  const json: Record<string, Record<ItemId, Status>> = {};
  for (const report of reports) json[report.notice] = itemStatuses(report);
  return json;
}

/** "The right to complain to the Information Commissioner" -> "the right to …", keeping names as written. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
