/**
 * The Atom feeds of major changes (layouts/pages/feed.njk): one for the whole site (/feed.xml) and
 * one per organisation (/organisations/<id>/feed.xml). Each entry is one major change note of a
 * published notice; minor ones are never listed. Dates come from the notices, never the clock,
 * so the same content gives the same feed.
 */
import type { Notice, Organisation, Site } from '../model/notice.js';
import { earliestDay, parsePartialDate } from '../text/dates.js';
import { plainText } from '../text/markdown.js';
import { absoluteUrl, organisationUrl } from './notice.js';
import { historyUrl, lastUpdatedDate, majorChanges } from './updates.js';

export interface FeedEntryView {
  /** A stable address naming the change: the history page's anchor for it. */
  id: string;
  title: string;
  /** The notice page, on the published site. */
  link: string;
  updated: Date;
  summary: string;
}

export interface FeedView {
  /** Site-relative address of the feed file, e.g. /feed.xml. */
  url: string;
  title: string;
  subtitle: string;
  /** The feed's own address and the page it follows, on the published site. */
  self: string;
  alternate: string;
  /** The newest entry's date, else the newest notice's last update (so an empty feed is still valid Atom). */
  updated: Date;
  author: string;
  entries: FeedEntryView[];
}

export const SITE_FEED_URL = '/feed.xml';

export function organisationFeedUrl(organisation: { id: string }): string {
  return `${organisationUrl(organisation)}feed.xml`;
}

export function siteFeedTitle(site: Pick<Site, 'name'>): string {
  return `${site.name}: updates`;
}

export function organisationFeedTitle(organisation: Pick<Organisation, 'name'>): string {
  return `${organisation.name}: updates to privacy notices`;
}

function entriesOf(notices: readonly Notice[], site: Pick<Site, 'url' | 'pathPrefix'>): FeedEntryView[] {
  return notices
    .flatMap((notice) =>
      majorChanges(notice).map((change) => ({
        id: `${absoluteUrl(site, historyUrl(notice))}#${change.anchor}`,
        title: `${plainText(notice.title)}: updated ${change.text}`,
        link: absoluteUrl(site, notice.url),
        updated: earliestDay(parsePartialDate(change.datetime)!),
        summary: change.note,
      })),
    )
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.title.localeCompare(b.title));
}

function feed(url: string, alternate: string, title: string, subtitle: string, author: string, notices: readonly Notice[], site: Pick<Site, 'url' | 'pathPrefix'>): FeedView {
  const entries = entriesOf(notices, site);
  const newestNotice = notices
    .flatMap((n) => {
      const date = lastUpdatedDate(n);
      return date ? [earliestDay(date)] : [];
    })
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    url,
    title,
    subtitle,
    self: absoluteUrl(site, url),
    alternate: absoluteUrl(site, alternate),
    updated: entries[0]?.updated ?? newestNotice ?? new Date(0),
    author,
    entries,
  };
}

/** The site's feed, then one per organisation that publishes notices (in the order given). */
export function feedViews(site: Pick<Site, 'url' | 'pathPrefix' | 'name' | 'published'> & { owner: Pick<Organisation, 'name'> }, organisations: readonly Organisation[]): FeedView[] {
  return [
    feed(SITE_FEED_URL, '/', siteFeedTitle(site), 'Major changes to the privacy notices on this site.', site.owner.name, site.published, site),
    ...organisations.map((organisation) =>
      feed(
        organisationFeedUrl(organisation),
        organisationUrl(organisation),
        organisationFeedTitle(organisation),
        `Major changes to the privacy notices of ${organisation.name}.`,
        organisation.name,
        site.published.filter((notice) => notice.organisation.id === organisation.id),
        site,
      ),
    ),
  ];
}
