/**
 * The machine-readable notice (src/model/notice-json.ts), made from the same view the page and the
 * PDF draw (src/views/notice.ts), so the JSON says exactly what the page says.
 */
import { itemDefinition, isItemId } from '../gdpr/items.js';
import { GDPR_ITEMS } from '../model/gdpr.js';
import type { CoverTag } from '../model/gdpr-ids.js';
import { NOTICE_JSON_FORMAT, type NoticeJsonData, type NoticeJsonSection, type NoticesJsonData } from '../model/notice-json.js';
import type { Notice, Section, Site } from '../model/notice.js';
import { absoluteUrl, noticeView, type BlockView, type NoticeView, type SectionView } from './notice.js';

export interface JsonPdf {
  url: string;
  bytes: number;
  pages: number;
}

export interface JsonDownloads {
  full?: JsonPdf;
  easyRead?: JsonPdf;
}

/** The site-relative address of a notice's JSON. */
export function noticeJsonUrl(notice: Pick<Notice, 'url'>): string {
  return `${notice.url}notice.json`;
}

export const NOTICES_JSON_URL = '/notices.json';

function blockJson(block: BlockView): NoticeJsonSection['blocks'][number] {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', text: block.text.plain };
    case 'list':
      return { type: 'list', ...(block.intro ? { intro: block.intro.plain } : {}), ordered: block.ordered, items: block.items.map((i) => i.plain) };
    case 'table':
      return { type: 'table', caption: block.caption.plain, columns: block.columns.map((c) => c.plain), rows: block.rows.map((r) => r.map((c) => c.plain)), rowHeaders: block.rowHeaders };
    case 'address':
      return { type: 'address', lines: block.lines.map((l) => l.plain) };
    case 'contact':
      return { type: 'contact', lines: block.lines.map((l) => ({ ...(l.label ? { label: l.label } : {}), text: l.text, ...(l.href ? { href: l.href } : {}) })) };
  }
}

function sectionJson(view: SectionView, section: Section, pageUrl: string): NoticeJsonSection {
  return {
    id: view.id,
    heading: view.heading.plain,
    level: view.level,
    url: `${pageUrl}#${view.id}`,
    covers: [...section.covers],
    blocks: view.blocks.map(blockJson),
    sections: view.sections.map((sub, i) => sectionJson(sub, section.sections[i]!, pageUrl)),
  };
}

/** "Retention periods, or the criteria used to set them"; "The right to erasure" … */
function coverLabel(tag: CoverTag): string {
  if (tag in GDPR_ITEMS) return GDPR_ITEMS[tag as keyof typeof GDPR_ITEMS].label;
  return isItemId(tag) ? itemDefinition(tag).label : tag;
}

function walk(sections: readonly NoticeJsonSection[], visit: (section: NoticeJsonSection) => void): void {
  for (const section of sections) {
    visit(section);
    walk(section.sections, visit);
  }
}

/** `view` is the notice's page view when the caller has it already (the build does), so it is made once. */
export function noticeJson(notice: Notice, site: Pick<Site, 'url' | 'pathPrefix'>, downloads: JsonDownloads = {}, view: NoticeView = noticeView(notice, site)): NoticeJsonData {
  const abs = (url: string) => absoluteUrl(site, url);
  const html = abs(view.url);
  const sections = view.sections.map((s, i) => sectionJson(s, notice.sections[i]!, html));
  const covers = new Map<CoverTag, string[]>();
  const contacts: NoticeJsonData['contacts'] = [];
  walk(sections, (section) => {
    for (const item of section.covers) covers.set(item, [...(covers.get(item) ?? []), section.id]);
    for (const block of section.blocks) if (block.type === 'contact') contacts.push({ section: section.id, lines: block.lines });
  });
  const pdf = (link?: JsonPdf) => (link ? { url: abs(link.url), bytes: link.bytes, pages: link.pages } : undefined);
  const fullPdf = pdf(downloads.full);
  const easyReadPdf = pdf(downloads.easyRead);
  return {
    format: NOTICE_JSON_FORMAT,
    id: view.id,
    title: view.title.plain,
    ...(view.caption ? { caption: view.caption.plain } : {}),
    summary: view.summary.plain,
    status: 'published',
    law: notice.law,
    ...(view.lawBanner ? { lawNote: view.lawBanner.plain } : {}),
    organisation: { id: view.organisation.id, name: view.organisation.name, url: abs(view.organisation.url) },
    dates: { lastUpdated: view.lastUpdated.datetime || null, nextReview: view.nextReview.datetime || null },
    covers: [...covers].map(([id, ids]) => ({ id, label: coverLabel(id), sections: ids })),
    contacts,
    sections,
    links: {
      html,
      json: abs(noticeJsonUrl(notice)),
      ...(view.easyReadLink.kind === 'link' ? { easyRead: abs(view.easyReadLink.url) } : {}),
      ...(fullPdf ? { pdf: fullPdf } : {}),
      ...(easyReadPdf ? { easyReadPdf } : {}),
    },
  };
}

/** A notice's entry in /notices.json, from its notice.json. */
export function noticeListEntry(json: NoticeJsonData): NoticesJsonData['notices'][number] {
  return {
    id: json.id,
    title: json.title,
    summary: json.summary,
    organisation: { id: json.organisation.id, name: json.organisation.name },
    law: json.law,
    dates: json.dates,
    html: json.links.html,
    json: json.links.json,
  };
}

/** /notices.json: every published notice, in the site's order (`entries`, when the caller has them, by notice id). */
export function noticesJson(site: Pick<Site, 'name' | 'url' | 'pathPrefix' | 'published'>, entries?: ReadonlyMap<string, NoticesJsonData['notices'][number]>): NoticesJsonData {
  return {
    format: NOTICE_JSON_FORMAT,
    site: { name: site.name, url: absoluteUrl(site, '/') },
    notices: site.published.map((notice) => entries?.get(notice.id) ?? noticeListEntry(noticeJson(notice, site))),
  };
}
