/**
 * What templates see. Templates get plain arrays and objects made here, never the loader's Maps,
 * so layouts stay simple loops and all decisions (grouping, sorting, labels) are tested in TypeScript.
 */
import type { AccessibilityStatementView } from '../check/statement.js';
import { PictureLibrary } from '../easyread/pictures.js';
import { pictureLookup } from '../easyread/view.js';
import type { Notice, Organisation, Site } from '../model/notice.js';
import { easyReadPictureKeys } from '../model/pictures.js';
import { easyReadView, type EasyReadView, type PictureLookup } from '../views/easy-read.js';
import { noticeView, organisationUrl, type NoticeView } from '../views/notice.js';
import type { NoticeHistory } from '../history/history.js';
import { feedViews, organisationFeedTitle, organisationFeedUrl, siteFeedTitle, SITE_FEED_URL, type FeedView } from '../views/feeds.js';
import { historyPageViews, type HistoryPageView } from '../views/history.js';

export { organisationUrl } from '../views/notice.js';

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
  /** The organisation's feed of major changes: its address and title. */
  feed: { url: string; title: string };
  /** Its notices that are current, and those superseded by another ("Older notices" on its page). */
  current: Notice[];
  older: Notice[];
}

export interface PageData {
  site: Omit<Site, 'organisations' | 'notices' | 'published' | 'pictures'>;
  notices: Notice[];
  /** The full notice pages, one per published notice (same order as notices). Optional only for hand-made fallbacks (npm start with broken content). */
  views?: NoticeView[];
  /** The easy-read pages, one per published notice that has an easy read. */
  easyReads?: EasyReadView[];
  /** Every picture the easy-read pages show, to copy into the site. */
  pictures?: { url: string; file: string; svg?: string }[];
  organisations: OrganisationView[];
  /** PDFs by notice id; a notice without an entry has no PDF (none is linked). */
  downloads: Record<string, NoticeDownloads>;
  /** A history page per published notice (same order as notices); the sitemap lists them. */
  histories?: HistoryPageView[];
  /** The history pages to draw, when not all of them (the others come from the page cache). */
  historiesToDraw?: HistoryPageView[];
  /** The Atom feeds: the site's first, then one per organisation. */
  feeds?: FeedView[];
  /** The site's feed, linked from every page. */
  siteFeed?: { url: string; title: string };
  /** Extra pages other stages add (accessibility statement …), keyed by name. */
  features: Record<string, boolean>;
  /** The accessibility statement's data (src/check/statement.ts); no statement page without it. */
  accessibilityStatement?: AccessibilityStatementView;
}

/** Published notices grouped by organisation, organisations in alphabetical order. */
export function groupByOrganisation(notices: readonly Notice[]): OrganisationView[] {
  const groups = new Map<string, OrganisationView>();
  for (const notice of notices) {
    const { organisation } = notice;
    let group = groups.get(organisation.id);
    if (!group) {
      group = { organisation, url: organisationUrl(organisation), feed: { url: organisationFeedUrl(organisation), title: organisationFeedTitle(organisation) }, notices: [], current: [], older: [] };
      groups.set(organisation.id, group);
    }
    group.notices.push(notice);
  }
  for (const group of groups.values()) {
    group.current = group.notices.filter((notice) => notice.status !== 'superseded');
    group.older = group.notices.filter((notice) => notice.status === 'superseded');
  }
  return [...groups.values()].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
}

export interface PageDataOptions {
  /** Resolves easy-read pictures instead of the site's loaded library (tests). */
  pictures?: PictureLookup;
  /** Each published notice's history from git (the history stage); without it, history pages say it could not be read. */
  histories?: ReadonlyMap<string, NoticeHistory>;
}

/**
 * Everything the templates get except the notice and easy-read page views: the listings, feeds,
 * history pages, downloads and the pictures to publish. The build adds the views of the pages it
 * must draw (src/build/views.ts); pageData adds them all.
 */
export function pageShell(site: Site, downloads: Record<string, NoticeDownloads> = {}, features: Record<string, boolean> = {}, options: PageDataOptions = {}): PageData {
  const { organisations: _all, notices: _notices, published, pictures: _pictures, ...rest } = site;
  const lookup = options.pictures ?? pictureLookup(new PictureLibrary(site.pictures));
  // Every picture an easy-read page shows, published once at its address.
  const pictures = new Map<string, { url: string; file: string; svg?: string }>();
  for (const notice of published) {
    const find = lookupFor(notice, lookup);
    for (const key of easyReadPictureKeys(notice.easyRead)) {
      const info = find(key, notice.organisation.id);
      if (info && !pictures.has(info.url)) pictures.set(info.url, { url: info.url, file: info.file, ...(info.svg !== undefined ? { svg: info.svg } : {}) });
    }
  }
  const organisations = groupByOrganisation(published);
  return {
    site: rest,
    notices: published,
    pictures: [...pictures.values()],
    organisations,
    histories: historyPageViews(site, options.histories),
    feeds: feedViews(site, organisations.map((group) => group.organisation)),
    siteFeed: { url: SITE_FEED_URL, title: siteFeedTitle(site) },
    downloads,
    features,
  };
}

/** `lookup`, for the pictures of one notice: a picture that cannot be used is reported with the notice's file. */
function lookupFor(notice: Notice, lookup: PictureLookup): PictureLookup {
  return (key, organisationId) => {
    try {
      return lookup(key, organisationId);
    } catch (error) {
      throw new Error(`${notice.source}: ${(error as Error).message}`);
    }
  };
}

/** The easy-read page view of a notice, its pictures found with `lookup`. */
export function easyReadPageView(notice: Notice, site: Site, lookup: PictureLookup): EasyReadView {
  return easyReadView(notice, site, lookupFor(notice, lookup));
}

/** Everything the templates draw, made before Eleventy runs (no template or filter builds a model). */
export function pageData(site: Site, downloads: Record<string, NoticeDownloads> = {}, features: Record<string, boolean> = {}, options: PageDataOptions = {}): PageData {
  const lookup = options.pictures ?? pictureLookup(new PictureLibrary(site.pictures));
  return {
    ...pageShell(site, downloads, features, { ...options, pictures: lookup }),
    views: site.published.map((notice) => noticeView(notice, site)),
    easyReads: site.published.filter((notice) => notice.easyRead).map((notice) => easyReadPageView(notice, site, lookup)),
  };
}

/** "84 KB", "1.4 MB": GOV.UK style for download links. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.max(1, Math.round(kb))} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}
