/** A draft notice as the importer writes it: the notice's data, with the comments a person must read. */
import type { CoverTag } from '../model/gdpr-ids.js';
import type { BlockData } from '../model/schema.js';

export interface DraftBlock {
  block: BlockData;
  /** Written above the block. */
  comment?: string;
}

export interface DraftSection {
  heading: string;
  /** Written above the section. */
  comment?: string;
  covers: CoverTag[];
  body: DraftBlock[];
  sections: DraftSection[];
}

export interface DraftField {
  value: string;
  comment?: string;
}

export interface Draft {
  /** Comment lines at the top of the file, after the schema modeline. */
  header: string[];
  id: string;
  title: DraftField;
  caption?: DraftField;
  organisation: string;
  summary: DraftField;
  lastUpdated: DraftField;
  nextReview: DraftField;
  sections: DraftSection[];
}

export const SUGGESTED = 'suggested: confirm';
