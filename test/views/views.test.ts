/** The view models: wording decided once, inline text parsed once, the same for the page and the PDF. */
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/load/load-site.js';
import type { Notice, Site } from '../../src/model/notice.js';
import { renderInline } from '../../src/text/markdown.js';
import { noticeText } from '../../src/text/notice-text.js';
import { easyReadView } from '../../src/views/easy-read.js';
import { inline, runsHtml } from '../../src/views/inline.js';
import { lawBanner, noticeView, type SectionView } from '../../src/views/notice.js';
import { REPO_ROOT } from '../helpers/project.js';

let site: Site;
beforeAll(async () => {
  const loaded = await loadSite(REPO_ROOT);
  if (!loaded.site) throw new Error('content/ does not load');
  site = loaded.site;
});

/** Every Markdown field of a notice. */
function fields(notice: Notice): string[] {
  const out: string[] = [notice.title, notice.summary, ...(notice.caption ? [notice.caption] : [])];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => k !== 'contact' && k !== 'id' && k !== 'covers' && k !== 'type' && walk(v));
  };
  walk(notice.sections);
  return out;
}

const shape = (html: string) => {
  const $ = cheerio.load(`<div>${html}</div>`, null, false);
  return { text: $('div').text(), links: $('a').toArray().map((a) => [$(a).attr('href'), $(a).text()]), strong: $('strong').text(), em: $('em').text() };
};

describe('inline text', () => {
  it('draws as HTML with the same words, links, bold and italics as the Markdown renderer, for every field of every real notice', () => {
    let compared = 0;
    for (const notice of site.notices) {
      for (const text of fields(notice)) {
        expect(shape(runsHtml(inline(text))), text).toEqual(shape(renderInline(text)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('escapes HTML in text and addresses', () => {
    expect(runsHtml(inline('<script>alert(1)</script> & [x](https://e.org/?a=1&b="2")'))).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <a href="https://e.org/?a=1&amp;b=%222%22">x</a>');
  });
});

describe('noticeView', () => {
  const sentences = (sections: SectionView[]): string[] =>
    sections.flatMap((s) => [
      s.heading.plain,
      ...s.blocks.flatMap((b) => {
        switch (b.type) {
          case 'paragraph':
            return [b.text.plain];
          case 'list':
            return [...(b.intro ? [b.intro.plain] : []), ...b.items.map((i) => i.plain)];
          case 'table':
            return [b.caption.plain, b.columns.map((c) => c.plain).join(' '), ...b.rows.map((r) => r.map((c) => c.plain).join(' '))];
          case 'address':
            return b.lines.map((l) => l.plain);
          case 'contact':
            return b.lines.map((l) => (l.label ? `${l.label}: ${l.text}` : l.text));
        }
      }),
      ...sentences(s.sections),
    ]);

  it('holds every sentence of the notice in reading order', () => {
    for (const notice of site.published) {
      const view = noticeView(notice, site);
      expect([...(view.caption ? [view.caption.plain] : []), view.title.plain, ...sentences(view.sections)], notice.id).toEqual(noticeText(notice));
    }
  });

  it('gives the law banner only to notices written under the Data Protection Act 1998 or superseded, in the one wording of data/laws.yaml', () => {
    for (const notice of site.published) {
      const view = noticeView(notice, site);
      expect(Boolean(view.lawBanner), notice.id).toBe(notice.law === 'dpa-1998' || notice.status === 'superseded');
      if (view.lawBanner) expect(view.lawBanner).toEqual(lawBanner(notice, notice.organisation.name, site.laws));
      if (notice.law === 'dpa-1998') {
        const banner = view.lawBanner!.plain;
        expect(banner).toContain(site.laws['dpa-1998']!.history);
        // The UK GDPR exists from 1 January 2021; in May 2018 the GDPR and the Data Protection Act 2018 replaced the 1998 Act.
        expect(banner).not.toMatch(/replaced on 25 May 2018 by the UK General Data Protection Regulation/);
        expect(banner).toMatch(/1 January 2021/);
      }
    }
  });

  it('links a superseded notice to the notice that replaced it', () => {
    const kent = site.published.find((notice) => notice.id === 'kent-children-in-need-dpa-1998')!;
    const view = noticeView(kent, site);
    expect(view.lawBanner!.runs.find((run) => run.href)?.href).toBe('/kent-childrens-social-care/');
    const hampshire = site.published.find((notice) => notice.id === 'hampshire-children-in-need-dpa-1998')!;
    expect(noticeView(hampshire, site).lawBanner!.runs.find((run) => run.href)?.href).toMatch(/^https:\/\/www\.hants\.gov\.uk/);
  });

  it('never shows an invented date: an undated notice says "Date not given" and when it was written before', () => {
    for (const notice of site.published.filter((n) => !n.lastUpdated)) {
      const view = noticeView(notice, site);
      expect(view.meta.map((m) => `${m.label}: ${m.text}`)).toEqual([
        `Published by: ${notice.organisation.name}`,
        'Last updated: Date not given',
        'Written: Before 25 May 2018',
        'Next review: Date not given',
      ]);
    }
    expect(site.published.filter((n) => !n.lastUpdated).map((n) => n.id).sort()).toEqual(['hampshire-children-in-need-dpa-1998', 'kent-children-in-need-dpa-1998']);
  });

  it('has an "At a glance" summary whose every line links to a section of the notice', () => {
    for (const notice of site.published) {
      const view = noticeView(notice, site);
      expect(view.atAGlance.items.length, notice.id).toBeGreaterThan(0);
      const ids = new Set<string>();
      const collect = (sections: readonly SectionView[]) => sections.forEach((s) => (ids.add(s.id), collect(s.sections)));
      collect(view.sections);
      for (const item of view.atAGlance.items) expect(ids.has(item.href.slice(1)), `${notice.id} ${item.href}`).toBe(true);
    }
  });

  it('shows dates as the page and PDF print them, with the machine date for <time>', () => {
    // A notice without a major change note shows lastUpdated itself (with one, see test/history/history-pages.test.ts).
    const notice = site.published.find((n) => n.lastUpdated && !n.changes.some((c) => c.kind === 'major'))!;
    const view = noticeView(notice, site);
    expect(view.meta.map((m) => m.label)).toEqual(['Published by', 'Last updated', 'Next review']);
    expect(view.lastUpdated.datetime).toBe(notice.lastUpdated!.iso);
    expect(view.lastUpdated.text).toMatch(/^(\d{1,2} )?[A-Z][a-z]+ \d{4}$/);
    expect(view.onlineUrl).toBe(`${site.url.replace(/\/$/, '')}${site.pathPrefix.replace(/\/$/, '')}${notice.url}`);
  });
});

describe('easyReadView', () => {
  it('names the same help contact for every easy read: the first contact point, else the data protection officer, else the website', () => {
    const notice = site.published.find((n) => n.easyRead)!;
    const lookup = () => ({ url: '/pictures/x.svg', file: '/x.svg', width: 72, height: 72 });
    const first = Object.values(notice.organisation.contacts ?? {})[0];
    const view = easyReadView(notice, site, lookup);
    if (first?.email) expect(view.help.lines.some((l) => l.text === first.email)).toBe(true);
    const noContacts = { ...notice, organisation: { ...notice.organisation, contacts: {}, dataProtectionOfficer: { email: 'dpo@example.org' } } } as Notice;
    expect(easyReadView(noContacts, site, lookup).help.lines).toEqual([{ label: 'Email', text: 'dpo@example.org', href: 'mailto:dpo@example.org' }]);
    const websiteOnly = { ...notice, organisation: { ...notice.organisation, contacts: {}, dataProtectionOfficer: undefined, website: 'https://www.example.org/' } } as Notice;
    expect(easyReadView(websiteOnly, site, lookup).help.lines).toEqual([{ label: 'Website', text: 'www.example.org', href: 'https://www.example.org/' }]);
  });
});
