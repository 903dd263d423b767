/**
 * Defaults for a notice that states no facts, read from its own text where they can be, and never
 * for transfers or automated decisions: saying "none" is a statement the notice must make itself.
 */
import { lawfulBasesNamed } from './evidence.js';
import type { NoticeFactsData } from './facts.js';
import type { CollectedFrom, LawfulBasis } from './ids.js';
import { allSections, fullText, type AssessInput } from './input.js';

export interface InferredFacts {
  facts: NoticeFactsData;
  /** What was assumed and why, one line each, for the report. */
  notes: string[];
}

const FROM_PERSON = /\b(?:when you (?:provide|give) it|you (?:provide|give|tell)|provided by (?:you|children|parents|carers)\b(?!['’])|(?:collect|get|ask for) [^.\n]*\bfrom you\b)/i;
const FROM_OTHERS = /\b(?:from (?:the following )?(?:other )?sources|range of sources|(?:shared|provided|supplied|obtain\w*|receive\w*) [^.\n]*\bfrom (?:the |your |other |partner )?(?:police|schools?|partner|other|health|courts?|councils?|agencies|department)|shared by \w+)/i;

/** Reasonable facts for a notice that states none, read from its text where it can be. */
export function inferFacts(input: AssessInput): InferredFacts {
  const notes: string[] = [];
  const sections = allSections(input.sections);
  const text = sections.map((section) => section.text).join('\n');

  const person = FROM_PERSON.exec(text);
  const others = FROM_OTHERS.exec(text) ?? (sections.some((section) => section.covers.includes('source')) ? ['a section tagged source'] : null);
  let collectedFrom: CollectedFrom[] | undefined;
  if (person && others) {
    collectedFrom = ['person', 'others'];
    notes.push(`collectedFrom: [person, others] (it says "${person[0]}" and "${others[0]}").`);
  } else {
    notes.push('collectedFrom: not clear from the text, so both Article 13 and Article 14 items are assessed.');
  }

  const basisSections = sections.filter((section) => section.covers.includes('lawful-basis'));
  const bases = [...new Set(basisSections.flatMap((section) => lawfulBasesNamed(fullText(section))))] as LawfulBasis[];
  if (bases.length) notes.push(`lawfulBases: [${bases.join(', ')}] (named in '${basisSections.map((section) => section.heading).join("', '")}').`);
  else notes.push('lawfulBases: not stated, so every right is assessed and neither consent nor legitimate interests is assumed.');

  notes.push('transfersAbroad and automatedDecisions: not stated; the notice must say, even if only "none".');
  return {
    facts: { ...(collectedFrom ? { collectedFrom } : {}), ...(bases.length ? { lawfulBases: bases } : {}) },
    notes,
  };
}
