/**
 * A notice's history page (layouts/pages/history.njk, at /<id>/history/): its major change notes,
 * newest first, and the versions git has of its file, each with its date, its change note or
 * commit message, and what changed in plain words. Versions recorded as minor changes, and versions
 * that changed nothing a reader sees, are left off (GOV.UK keeps minor changes on record only). A
 * version that no longer validates under today's schema is listed, but what it said is not shown.
 */
import type { NoticeHistory } from '../history/history.js';
import type { Notice, Site } from '../model/notice.js';
import { parsePartialDate } from '../text/dates.js';
import { inline, type InlineText } from './inline.js';
import { dateView, organisationUrl, type DateView } from './notice.js';
import { historyUrl, lastUpdatedDate, majorChanges, type ChangeView } from './updates.js';
import { organisationFeedTitle, organisationFeedUrl } from './feeds.js';

export interface HistoryVersionView {
  /** The commit, shortened (for people who keep the site). */
  commit: string;
  date: DateView;
  /** The change note, else the commit message. */
  description: string;
  /** What changed from the version before, in sentences (empty for the first version). */
  changes: string[];
  /** False: the version no longer validates, so only its date and description are listed. */
  valid: boolean;
}

export interface HistoryPageView {
  id: string;
  /** Site-relative URL of this page, e.g. /early-help/history/. */
  url: string;
  noticeUrl: string;
  title: InlineText;
  organisation: { id: string; name: string; url: string; brandColour?: string };
  lastUpdated: DateView;
  /** The major change notes, newest first. */
  changes: ChangeView[];
  /** The versions git has, newest first; empty when the history could not be read. */
  versions: HistoryVersionView[];
  /** Said when the version history is incomplete or could not be read. */
  historyNote?: string;
  /** The organisation's feed of major changes. */
  feed: { url: string; title: string };
}

export const HISTORY_UNAVAILABLE = 'The version history of this notice could not be read when this site was built, so only the updates recorded in the notice are listed.';
export const HISTORY_SHALLOW = 'Only the most recent versions could be read when this site was built; older versions are not listed.';

export function historyPageView(notice: Notice, history: NoticeHistory | undefined): HistoryPageView {
  const organisation = notice.organisation;
  const versions: HistoryVersionView[] = [];
  if (history?.available) {
    for (const version of history.versions) {
      if (version.kind === 'minor' || !version.textChanged) continue;
      const date = parsePartialDate(version.date);
      if (!date) continue;
      // Only major notes are public: a version with a major and a minor note shows the major one.
      const major = version.notes.filter((note) => note.kind === 'major').map((note) => note.note);
      versions.push({ commit: version.commit.slice(0, 7), date: dateView(date), description: major.length ? major.join(' ') : version.description, changes: version.valid ? version.changes : [], valid: version.valid });
    }
  }
  const historyNote = !history?.available ? HISTORY_UNAVAILABLE : history.shallow ? HISTORY_SHALLOW : undefined;
  return {
    id: notice.id,
    url: historyUrl(notice),
    noticeUrl: notice.url,
    title: inline(notice.title),
    organisation: { id: organisation.id, name: organisation.name, url: organisationUrl(organisation), ...(organisation.brandColour ? { brandColour: organisation.brandColour } : {}) },
    lastUpdated: dateView(lastUpdatedDate(notice)),
    changes: majorChanges(notice),
    versions,
    ...(historyNote ? { historyNote } : {}),
    feed: { url: organisationFeedUrl(organisation), title: organisationFeedTitle(organisation) },
  };
}

export function historyPageViews(site: Pick<Site, 'published'>, histories: ReadonlyMap<string, NoticeHistory> = new Map()): HistoryPageView[] {
  return site.published.map((notice) => historyPageView(notice, histories.get(notice.id)));
}
