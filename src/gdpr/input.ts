/**
 * What the completeness engine reads from a notice: a small structural shape, so it does not
 * depend on how loading resolves notices. `fromNotice` adapts the resolved `Notice`.
 */
import type { PathSegment } from '../diagnostics/diagnostic.js';
import type { Notice, Section } from '../model/notice.js';
import { blockText } from '../text/notice-text.js';
import { plainText } from '../text/markdown.js';
import type { NoticeFactsData } from './facts.js';

export interface AssessSection {
  /** The section's anchor on the page. */
  id: string;
  /** Plain text of the heading. */
  heading: string;
  /** The tags as written in `covers`. */
  covers: readonly string[];
  /** Plain text of the heading and the section's own body (contact blocks as text), without sub-sections. */
  text: string;
  /** Where the section is in the YAML, e.g. ['sections', 2, 'sections', 0]. */
  path: readonly PathSegment[];
  sections: readonly AssessSection[];
}

export interface AssessInput {
  /** The notice id, the key of the JSON report. */
  id: string;
  /** The YAML file, for messages. */
  file?: string;
  law: 'uk-gdpr' | 'dpa-1998';
  organisation: {
    name: string;
    shortName?: string;
    /** data/organisations.yaml gives a data protection officer for it. */
    hasDpo: boolean;
  };
  /** The facts the notice states at its top; absent when it states none. */
  facts?: NoticeFactsData;
  /** Where the facts are in the YAML: [] when they are top-level keys of the notice. Default []. */
  factsPath?: readonly PathSegment[];
  sections: readonly AssessSection[];
}

/** A resolved section as the engine reads it; `path` is where it sits in the YAML. */
export function fromSection(section: Section, path: readonly PathSegment[]): AssessSection {
  const body = section.body.flatMap((block) => {
    // A contact block for the DPO reads as the DPO's contact, whatever lines it has.
    const dpo = block.type === 'contact' && /\/dpo$/.test(block.contact.ref) ? ['Data Protection Officer'] : [];
    return [...dpo, ...blockText(block)];
  });
  return {
    id: section.id,
    heading: plainText(section.heading),
    covers: section.covers,
    text: [plainText(section.heading), ...body].join('\n'),
    path,
    sections: section.sections.map((child, index) => fromSection(child, [...path, 'sections', index])),
  };
}

/**
 * The engine's view of a resolved notice. Section paths follow the order of the YAML, which the
 * resolved notice keeps; `facts` come from the notice file once the schema carries them.
 */
export function fromNotice(
  notice: Pick<Notice, 'id' | 'source' | 'law' | 'organisation' | 'sections'>,
  facts?: NoticeFactsData,
  factsPath: readonly PathSegment[] = [],
): AssessInput {
  return {
    id: notice.id,
    file: notice.source,
    law: notice.law,
    organisation: {
      name: notice.organisation.name,
      shortName: notice.organisation.shortName,
      hasDpo: Boolean(notice.organisation.dataProtectionOfficer),
    },
    facts,
    factsPath,
    sections: notice.sections.map((section, index) => fromSection(section, ['sections', index])),
  };
}

/** Every section, parents before their sub-sections, in reading order. */
export function allSections(sections: readonly AssessSection[]): AssessSection[] {
  return sections.flatMap((section) => [section, ...allSections(section.sections)]);
}

/** A section's text with its sub-sections': a tag on a section claims what its sub-sections say too. */
export function fullText(section: AssessSection): string {
  return [section.text, ...section.sections.map(fullText)].join('\n');
}
