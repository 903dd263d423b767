/**
 * Which UK GDPR items a section of an imported notice seems to cover: the completeness report's
 * own evidence rules (suggestCovers in src/gdpr/evidence.ts), so an imported draft is tagged only
 * where its text backs the tag, as the build will check.
 */
import { suggestCovers as evidenceSuggests, type EvidenceContext } from '../gdpr/evidence.js';
import type { CoverTag } from '../model/gdpr-ids.js';

/** The items a section with this heading and text seems to cover (its heading announces it and its text carries the evidence). */
export function suggestCovers(section: { heading: string; text: string }, context: EvidenceContext = { organisationNames: [], hasDpo: false }): CoverTag[] {
  return evidenceSuggests({ heading: section.heading, text: `${section.heading}\n${section.text}` }, context);
}
