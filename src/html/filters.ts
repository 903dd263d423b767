/** Nunjucks filters: each a small pure function over notice data. */
import type { PartialDate } from '../model/notice.js';
import { formatDate, machineDate } from '../text/dates.js';
import { plainText, renderInline } from '../text/markdown.js';
import { runsHtml } from '../views/inline.js';
import { lastUpdatedDate } from '../views/updates.js';
import type { Notice } from '../model/notice.js';
import { fileSize } from './view.js';

export const filters = {
  /** Inline Markdown to escaped HTML (use with | safe). */
  inline: (text: string) => renderInline(text),
  /** A view's inline text (runs parsed once in src/views) as escaped HTML (use with | safe). */
  runs: runsHtml,
  /** Inline Markdown to plain text (titles, attributes). */
  plain: (text: string) => plainText(text),
  /** 15 October 2024 / October 2024 */
  /** An undated notice (lastUpdated: unknown) says so: never a guessed date. */
  displayDate: (date: PartialDate | undefined) => (date ? formatDate(date) : 'Date not given'),
  /** 2024-10-15 / 2024-10, for <time datetime>. */
  machineDate: (date: PartialDate | undefined) => (date ? machineDate(date) : ''),
  fileSize: (bytes: number) => fileSize(bytes),
  /** The date a notice shows as "Last updated": lastUpdated, or its latest major change when later. */
  updatedDate: (notice: Pick<Notice, 'lastUpdated' | 'changes'>) => lastUpdatedDate(notice),
  /** A site path (path prefix included) as a full address on the published site, for sitemap.xml. */
  absoluteUrl: (sitePath: string, siteUrl: string) => new URL(sitePath, siteUrl).href,
};
