/**
 * The full notice as both renderers draw it: the page (layouts/pages/notice.njk) and the PDF
 * (src/pdf/full-notice.ts). Every word either shows is decided here; they decide only layout.
 */
import type { Block, Notice, Section, Site } from '../model/notice.js';
import { contactLines, displayUrl, type ContactLine } from '../text/contact.js';
import { formatDate, machineDate } from '../text/dates.js';
import type { PartialDate } from '../model/notice.js';
import { inline, join, literal, type InlineText } from './inline.js';
import { helpContact } from './help.js';
import { historyUrl, lastUpdatedDate, majorChanges } from './updates.js';

export interface DateView {
  /** "15 October 2024" */
  text: string;
  /** "2024-10-15", for <time datetime>. */
  datetime: string;
}

export interface MetaLine {
  label: string;
  text: string;
  /** Site-relative address (the organisation's page). */
  href?: string;
  datetime?: string;
  /** On the page only: a link after the text ("See all updates"). */
  link?: { text: string; href: string };
}

export type BlockView =
  | { type: 'paragraph'; text: InlineText }
  | { type: 'list'; intro?: InlineText; ordered: boolean; items: InlineText[] }
  | { type: 'table'; id: string; caption: InlineText; columns: InlineText[]; rows: InlineText[][]; rowHeaders: boolean }
  | { type: 'address'; lines: InlineText[] }
  | { type: 'contact'; lines: ContactLine[] };

export interface SectionView {
  id: string;
  heading: InlineText;
  level: number;
  blocks: BlockView[];
  sections: SectionView[];
}

/** On the page only: the link to the easy read, or how to ask for one. */
export type EasyReadLinkView = { kind: 'link'; url: string; text: string } | { kind: 'request'; name: string; lines: ContactLine[] };

export interface NoticeView {
  id: string;
  /** Site-relative URL of the page. */
  url: string;
  /** The YAML file, for messages. */
  source: string;
  caption?: InlineText;
  title: InlineText;
  summary: InlineText;
  organisation: { id: string; name: string; url: string; brandColour?: string };
  lastUpdated: DateView;
  nextReview: DateView;
  /** Published by, Last updated (with the link to all updates), Latest change (when there is a major one), Next review. */
  meta: MetaLine[];
  /** The banner of a notice written under an old law; absent for current notices. */
  lawBanner?: InlineText;
  sections: SectionView[];
  easyReadLink: EasyReadLinkView;
  /** The page's address on the published site (the PDF prints it). */
  onlineUrl: string;
}

export function dateView(date: PartialDate): DateView {
  return { text: formatDate(date), datetime: machineDate(date) };
}

/** The one wording of the Data Protection Act 1998 banner. */
export function lawBanner(notice: Pick<Notice, 'law'>, organisationName: string): InlineText | undefined {
  if (notice.law !== 'dpa-1998') return undefined;
  return join(
    literal('This notice was written under the Data Protection Act 1998.', { strong: true }),
    literal(
      ` That law was replaced on 25 May 2018 by the UK General Data Protection Regulation and the Data Protection Act 2018. It is published as ${organisationName} wrote it; ask them for current information.`,
    ),
  );
}

export function blockView(block: Block, tableId: string): BlockView {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', text: inline(block.text) };
    case 'list':
      return { type: 'list', ...(block.intro ? { intro: inline(block.intro) } : {}), ordered: block.ordered, items: block.items.map(inline) };
    case 'table':
      return { type: 'table', id: tableId, caption: inline(block.caption), columns: block.columns.map(inline), rows: block.rows.map((row) => row.map(inline)), rowHeaders: block.rowHeaders };
    case 'address':
      return { type: 'address', lines: block.lines.map(inline) };
    case 'contact':
      return { type: 'contact', lines: contactLines(block.contact) };
  }
}

function sectionView(section: Section): SectionView {
  return {
    id: section.id,
    heading: inline(section.heading),
    level: section.level,
    blocks: section.body.map((block, i) => blockView(block, `${section.id}-table-${i + 1}`)),
    sections: section.sections.map(sectionView),
  };
}

/** How to ask an organisation for an easy-read version: email and phone of its help contact; else a website; else its postal address. */
export function easyReadRequest(organisation: Notice['organisation']): { name: string; lines: ContactLine[] } {
  const contact = helpContact(organisation);
  const direct = contact ? contactLines({ email: contact.email, phone: contact.phone }) : [];
  if (direct.length) return { name: organisation.name, lines: direct };
  const website = contact?.website ?? organisation.website;
  if (website) return { name: organisation.name, lines: [{ label: 'Website', text: displayUrl(website), href: website }] };
  const address = contact?.lines ?? [];
  return { name: organisation.name, lines: address.length > 1 ? [{ text: address.join(', ') }] : [] };
}

/** A site-relative address on the published site, e.g. for the printed "Online version" line. */
export function absoluteUrl(site: Pick<Site, 'url' | 'pathPrefix'>, siteRelative: string): string {
  return `${site.url.replace(/\/+$/, '')}${site.pathPrefix.replace(/\/+$/, '')}${siteRelative}`;
}

export function organisationUrl(organisation: { id: string }): string {
  return `/organisations/${organisation.id}/`;
}

export function noticeView(notice: Notice, site: Pick<Site, 'url' | 'pathPrefix'>): NoticeView {
  const organisation = notice.organisation;
  const orgUrl = organisationUrl(organisation);
  const lastUpdated = dateView(lastUpdatedDate(notice));
  const latestChange = majorChanges(notice)[0];
  const nextReview = dateView(notice.nextReview);
  const banner = lawBanner(notice, organisation.name);
  return {
    id: notice.id,
    url: notice.url,
    source: notice.source,
    ...(notice.caption ? { caption: inline(notice.caption) } : {}),
    title: inline(notice.title),
    summary: inline(notice.summary),
    organisation: { id: organisation.id, name: organisation.name, url: orgUrl, ...(organisation.brandColour ? { brandColour: organisation.brandColour } : {}) },
    lastUpdated,
    nextReview,
    meta: [
      { label: 'Published by', text: organisation.name, href: orgUrl },
      { label: 'Last updated', text: lastUpdated.text, datetime: lastUpdated.datetime, link: { text: 'See all updates', href: historyUrl(notice) } },
      ...(latestChange ? [{ label: 'Latest change', text: latestChange.note }] : []),
      { label: 'Next review', text: nextReview.text, datetime: nextReview.datetime },
    ],
    ...(banner ? { lawBanner: banner } : {}),
    sections: notice.sections.map(sectionView),
    easyReadLink: notice.easyRead
      ? { kind: 'link', url: `${notice.url}easy-read/`, text: 'Read the easy read version of this notice' }
      : { kind: 'request', ...easyReadRequest(organisation) },
    onlineUrl: absoluteUrl(site, notice.url),
  };
}
