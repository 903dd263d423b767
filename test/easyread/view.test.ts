/** What the easy-read templates see: the page of a notice, and how to ask for an easy-read version. */
import { describe, expect, it } from 'vitest';
import type { Notice, Organisation } from '../../src/model/notice.js';
import { OPENMOJI_CREDIT } from '../../src/easyread/pictures.js';
import { svgSize } from '../../src/easyread/pictures.js';
import { easyReadPage, easyReadRequest } from '../../src/easyread/view.js';
import { repoLibrary } from './helpers.js';

const organisation = (data: Partial<Organisation>): Organisation => ({ id: 'test-council', name: 'Test Council', source: 'data/organisations.yaml', ...data });

describe('easyReadRequest', () => {
  it("gives the email and phone of the organisation's first contact point", () => {
    const org = organisation({
      website: 'https://test.example.org',
      contacts: { first: { email: 'dp@test.example.org', phone: '01234 567890', lines: ['Test Council'] }, second: { email: 'other@test.example.org' } },
    });
    expect(easyReadRequest(org)).toEqual({
      name: 'Test Council',
      lines: [
        { label: 'Email', text: 'dp@test.example.org', href: 'mailto:dp@test.example.org' },
        { label: 'Telephone', text: '01234 567890', href: 'tel:01234567890' },
      ],
    });
  });

  it('falls back to the website, then to a postal address, then to the name alone (never a broken link)', () => {
    expect(easyReadRequest(organisation({ website: 'https://www.hants.gov.uk', contacts: { main: { lines: ['Hampshire County Council'] } } })).lines).toEqual([
      { label: 'Website', text: 'www.hants.gov.uk', href: 'https://www.hants.gov.uk' },
    ]);
    expect(easyReadRequest(organisation({ contacts: { main: { lines: ['Test Council', '1 High Street', 'Testtown'] } } })).lines).toEqual([{ text: 'Test Council, 1 High Street, Testtown' }]);
    expect(easyReadRequest(organisation({}))).toEqual({ name: 'Test Council', lines: [] });
  });
});

describe('easyReadPage', () => {
  const notice = {
    id: 'test',
    url: '/test/',
    lastUpdated: { year: 2026, month: 1, day: 15, iso: '2026-01-15' },
    source: 'content/test.yaml',
    title: 'Full **title**',
    organisation: organisation({}),
    easyRead: {
      sections: [
        { heading: 'Who we are', items: [{ picture: 'council', alt: 'A council building.', text: ['We are Test Council.'] }] },
        { heading: 'Who we are', items: [{ picture: 'phone', decorative: true, text: ['Phone us.'] }, { picture: 'council', alt: 'Again.', text: ['Still us.'] }] },
      ],
      words: [{ word: 'Data Protection Officer', meaning: 'A person.' }],
    },
  } as unknown as Notice;

  const site = { url: 'https://notices.example.org', pathPrefix: '/' };

  it('gives pictures their site address, size and alt text, unique section ids, and one credit per source', () => {
    const page = easyReadPage(notice, site, repoLibrary);
    expect(page.title.plain).toBe('Full title');
    expect(page.title.runs).toEqual([
      { text: 'Full ', strong: false, em: false },
      { text: 'title', strong: true, em: false },
    ]);
    expect(page.sections.map((s) => s.id)).toEqual(['who-we-are', 'who-we-are-2']);
    expect(page.sections[0]!.items[0]!.picture).toMatchObject({ url: '/pictures/council.svg', width: 120, height: 120, alt: 'A council building.' });
    expect(page.sections[1]!.items[0]!.picture).toMatchObject({ url: '/pictures/phone.svg', alt: '' });
    expect(page.pictures.map((p) => p.url)).toEqual(['/pictures/council.svg', '/pictures/phone.svg']);
    expect(page.credits.heading).toBe('Pictures');
    expect(page.credits.lines.map((line) => line.plain)).toEqual([`Pictures: OpenMoji (openmoji.org), licence ${OPENMOJI_CREDIT.licence}.`]);
    expect(page.credits.lines[0]!.runs.filter((r) => r.href).map((r) => r.href)).toEqual([OPENMOJI_CREDIT.url, OPENMOJI_CREDIT.licenceUrl]);
    expect(page.words.map((w) => ({ id: w.id, word: w.word, meaning: w.meaning.plain }))).toEqual([{ id: 'word-data-protection-officer', word: 'Data Protection Officer', meaning: 'A person.' }]);
    expect(page.introduction).toBe('This is the easy read version of a privacy notice from Test Council.');
    expect(page.fullNotice).toEqual({ text: 'Read the full notice: Full title', url: '/test/', absoluteUrl: 'https://notices.example.org/test/' });
  });

  it('refuses a notice without an easy-read part, or with an unknown picture', () => {
    expect(() => easyReadPage({ ...notice, easyRead: undefined }, site, repoLibrary)).toThrow('has no easy-read version');
    const broken = { ...notice, easyRead: { sections: [{ heading: 'X', items: [{ picture: 'nope', alt: 'x', text: ['x'] }] }] } } as unknown as Notice;
    expect(() => easyReadPage(broken, site, repoLibrary)).toThrow("there is no picture 'nope'");
  });
});

describe('svgSize', () => {
  it('reads the viewBox, else width and height, from the root element (an XML parser, which skips comments)', () => {
    expect(svgSize('<?xml version="1.0"?>\n<!-- a comment with <svg viewBox="0 0 1 1"> in it -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 36"><g/></svg>')).toEqual({ width: 72, height: 36 });
    expect(svgSize("<svg width='40px' height='20'></svg>")).toEqual({ width: 40, height: 20 });
    expect(svgSize('<svg></svg>')).toEqual({ width: 72, height: 72 });
    expect(svgSize('<html><body>not a picture</body></html>')).toBeUndefined();
  });
});
