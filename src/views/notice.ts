/**
 * The full notice as both renderers draw it: the page (layouts/pages/notice.njk) and the PDF
 * (src/pdf/full-notice.ts). Every word either shows is decided here; they decide only layout.
 */
import type { Block, Notice, Section, Site } from '../model/notice.js';
import { contactLines, displayUrl, type ContactLine } from '../text/contact.js';
import { formatDate, machineDate } from '../text/dates.js';
import type { PartialDate } from '../model/notice.js';
import { inline, join, link, literal, type InlineText } from './inline.js';
import { assessNotice } from '../gdpr/completeness.js';
import { atAGlance } from '../gdpr/at-a-glance.js';
import { fromNotice } from '../gdpr/input.js';
import { helpContact } from './help.js';
import { historyUrl, lastUpdatedDate, majorChanges } from './updates.js';

export interface DateView {
  /** "15 October 2024", or "Date not given" when the source gives none. */
  text: string;
  /** "2024-10-15", for <time datetime>; empty when the date is not given. */
  datetime: string;
}

/** What an undated notice shows instead of a date: never a guess. */
export const DATE_NOT_GIVEN = 'Date not given';

/** One line of the "At a glance" summary: what the notice covers, linking to its section. */
export interface GlanceView {
  label: string;
  text: string;
  /** The in-page anchor of the section, e.g. "#who-we-are". */
  href: string;
  /** The line as both renderers draw it: the label in bold, then the text linking to the section. */
  line: InlineText;
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
  /** The banner of a notice written under an old law, or superseded; absent for current notices. */
  lawBanner?: InlineText;
  /** "At a glance": one line per item the notice covers with evidence, generated from its tags. */
  atAGlance: { heading: string; items: GlanceView[] };
  sections: SectionView[];
  easyReadLink: EasyReadLinkView;
  /** The page's address on the published site (the PDF prints it). */
  onlineUrl: string;
}

export function dateView(date: PartialDate | undefined): DateView {
  return date ? { text: formatDate(date), datetime: machineDate(date) } : { text: DATE_NOT_GIVEN, datetime: '' };
}

/**
 * The banner of a notice written under an old law, or superseded by another: its words come from
 * data/laws.yaml (site.laws), once for every notice; a superseded notice links to the current one.
 */
export function lawBanner(
  notice: Pick<Notice, 'law' | 'status' | 'replacedBy'>,
  organisationName: string,
  laws: Site['laws'] = {},
): InlineText | undefined {
  const law = notice.law === 'uk-gdpr' ? undefined : laws[notice.law];
  const parts: InlineText[] = [];
  const fill = (text: string) => text.replaceAll('{organisation}', organisationName);
  if (law) parts.push(literal(fill(law.banner), { strong: true }), literal(` ${fill(law.history)} ${fill(law.asWritten)}`));
  if (notice.status === 'superseded' && notice.replacedBy) {
    const before = fill(law?.replaced ?? '{organisation} has replaced this notice:');
    const words = notice.replacedBy.title
      ? `read the current notice, ${inline(notice.replacedBy.title).plain}`
      : `find the current notice on ${displayUrl(notice.replacedBy.url)}`;
    parts.push(literal(`${parts.length ? ' ' : ''}${before} `), link(words, notice.replacedBy.url), literal('.'));
  }
  return parts.length ? join(...parts) : undefined;
}

/**
 * The day the "At a glance" summary is made for: it lists what the notice says, whatever day it is
 * built, so a duty that starts on a date never changes it (and the PDF stays reproducible).
 */
const GLANCE_DAY = '9999-12-31';

/** "At a glance", from the same tags and evidence rules as the completeness report. */
export function glanceView(notice: Notice): NoticeView['atAGlance'] {
  const input = fromNotice(notice, notice.facts);
  const report = assessNotice(input, undefined, { today: GLANCE_DAY });
  return { heading: 'At a glance', items: atAGlance(input, report).map((entry) => ({
      label: entry.label,
      text: entry.text,
      href: `#${entry.sectionId}`,
      line: join(literal(`${entry.label}:`, { strong: true }), literal(' '), link(entry.text, `#${entry.sectionId}`)),
    })),
  };
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

export function noticeView(notice: Notice, site: Pick<Site, 'url' | 'pathPrefix'> & Partial<Pick<Site, 'laws'>>): NoticeView {
  const organisation = notice.organisation;
  const orgUrl = organisationUrl(organisation);
  const lastUpdated = dateView(lastUpdatedDate(notice));
  const latestChange = majorChanges(notice)[0];
  const nextReview = dateView(notice.nextReview);
  const banner = lawBanner(notice, organisation.name, site.laws);
  const writtenBefore = notice.writtenBefore ? dateView(notice.writtenBefore) : undefined;
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
      { label: 'Last updated', text: lastUpdated.text, ...(lastUpdated.datetime ? { datetime: lastUpdated.datetime } : {}), link: { text: 'See all updates', href: historyUrl(notice) } },
      ...(latestChange ? [{ label: 'Latest change', text: latestChange.note }] : []),
      ...(writtenBefore && !notice.lastUpdated ? [{ label: 'Written', text: `Before ${writtenBefore.text}`, datetime: writtenBefore.datetime }] : []),
      { label: 'Next review', text: nextReview.text, ...(nextReview.datetime ? { datetime: nextReview.datetime } : {}) },
    ],
    ...(banner ? { lawBanner: banner } : {}),
    atAGlance: glanceView(notice),
    sections: notice.sections.map(sectionView),
    easyReadLink: notice.easyRead
      ? { kind: 'link', url: `${notice.url}easy-read/`, text: 'Read the easy read version of this notice' }
      : { kind: 'request', ...easyReadRequest(organisation) },
    onlineUrl: absoluteUrl(site, notice.url),
  };
}
