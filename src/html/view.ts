/**
 * What templates see. Templates get plain arrays and objects made here, never the loader's Maps,
 * so layouts stay simple loops and all decisions (grouping, sorting, labels) are tested in TypeScript.
 */
import type { AccessibilityStatementView } from '../check/statement.js';
import type { Notice, Organisation, Site } from '../model/notice.js';

export interface PdfLink {
  url: string;
  bytes: number;
  pages: number;
}

export interface NoticeDownloads {
  full?: PdfLink;
  easyRead?: PdfLink;
}

export interface OrganisationView {
  organisation: Organisation;
  /** Site-relative URL of the organisation's page. */
  url: string;
  notices: Notice[];
}

export interface PageData {
  site: Omit<Site, 'organisations' | 'notices' | 'published'>;
  notices: Notice[];
  organisations: OrganisationView[];
  /** PDFs by notice id; a notice without an entry has no PDF (none is linked). */
  downloads: Record<string, NoticeDownloads>;
  /** Extra pages other stages add (accessibility statement …), keyed by name. */
  features: Record<string, boolean>;
  /** The accessibility statement's data (src/check/statement.ts); no statement page without it. */
  accessibilityStatement?: AccessibilityStatementView;
}

export function organisationUrl(organisation: Organisation): string {
  return `/organisations/${organisation.id}/`;
}

/** Published notices grouped by organisation, organisations in alphabetical order. */
export function groupByOrganisation(notices: readonly Notice[]): OrganisationView[] {
  const groups = new Map<string, OrganisationView>();
  for (const notice of notices) {
    const { organisation } = notice;
    let group = groups.get(organisation.id);
    if (!group) {
      group = { organisation, url: organisationUrl(organisation), notices: [] };
      groups.set(organisation.id, group);
    }
    group.notices.push(notice);
  }
  return [...groups.values()].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
}

export function pageData(site: Site, downloads: Record<string, NoticeDownloads> = {}, features: Record<string, boolean> = {}): PageData {
  const { organisations: _all, notices: _notices, published, ...rest } = site;
  return { site: rest, notices: published, organisations: groupByOrganisation(published), downloads, features };
}

/** "84 KB", "1.4 MB": GOV.UK style for download links. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.max(1, Math.round(kb))} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}
