/**
 * The one data type that flows through every stage: load and validate produce a `Site` of
 * resolved `Notice`s; the HTML, easy-read, PDF and check stages only read it.
 *
 * "Resolved" means references are replaced by what they point at: a notice holds its
 * organisation, and a contact block holds the contact point, so renderers never look anything up.
 */
import type { ChangeEntryData } from './history.js';
import type { NoticeFactsData } from './facts.js';
import type { CoverTag } from './gdpr-ids.js';
import type { Pictures } from './pictures.js';
import type { EasyReadData, LawData, OrganisationData, SiteData, ContactPointData } from './schema.js';

/** A date as written in YAML: day precision when known, otherwise month. */
export interface PartialDate {
  year: number;
  month: number; // 1-12
  day?: number;
  /** The text as written, e.g. "2024-10". */
  iso: string;
}

export interface Organisation extends OrganisationData {
  id: string;
  /** Where this organisation is defined, for messages. */
  source: string;
}

export interface ContactPoint extends ContactPointData {
  /** "kent-county-council/information-resilience" */
  ref: string;
  organisation: Organisation;
}

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; intro?: string; ordered: boolean; items: string[] }
  | { type: 'table'; caption: string; columns: string[]; rows: string[][]; rowHeaders: boolean }
  | { type: 'address'; lines: string[] }
  | { type: 'contact'; contact: ContactPoint };

export interface Section {
  /** Unique within the notice; the anchor of the section's heading. */
  id: string;
  heading: string;
  /** 2 for a top-level section (the notice title is the only h1), 3 for its sub-sections, … */
  level: number;
  covers: CoverTag[];
  body: Block[];
  sections: Section[];
}

export interface Notice {
  id: string;
  /** Site-relative URL of the notice page, e.g. "/early-help/". */
  url: string;
  /** The YAML file it came from, relative to the project root, e.g. "content/kent/early-help.yaml". */
  source: string;
  title: string;
  caption: string;
  organisation: Organisation;
  summary: string;
  /** superseded notices are published, with a banner pointing to `replacedBy`. */
  status: 'published' | 'draft' | 'superseded';
  /** Undefined when the source gives no date (lastUpdated: unknown): never shown as a guess. */
  lastUpdated?: PartialDate;
  /** Undefined when unknown. */
  nextReview?: PartialDate;
  /** For an undated notice: the date it must have been written before. */
  writtenBefore?: PartialDate;
  law: 'uk-gdpr' | 'dpa-1998';
  /** The change notes as written (major ones are shown; minor ones are kept on record). */
  changes: ChangeEntryData[];
  /** For a superseded notice: the current notice, on this site (its id and title) or elsewhere. */
  replacedBy?: { url: string; title?: string; noticeId?: string };
  /** The facts the notice states at its top (collectedFrom, lawfulBases …); undefined when it states none. */
  facts?: NoticeFactsData;
  sections: Section[];
  easyRead?: EasyReadData;
  /** Hash of everything the notice's outputs depend on in content and data (for caches). */
  contentHash: string;
}

export interface Site extends Omit<SiteData, 'owner'> {
  owner: Organisation;
  pathPrefix: string;
  /** Every organisation and other body, by id. */
  organisations: Map<string, Organisation>;
  /** Every valid notice, drafts included, in a stable order (by organisation name, then title). */
  notices: Notice[];
  /** The notices that are published. */
  published: Notice[];
  /** The easy-read picture library (data/pictures.yaml and each organisation's own pictures). */
  pictures: Pictures;
  /** What the site says about each law (data/laws.yaml): the banner of old-law notices. */
  laws: Partial<Record<Notice['law'], LawData>>;
}
