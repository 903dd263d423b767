/** What the easy-read templates see: the page of a notice, and how to ask for an easy-read version. */
import { describe, expect, it } from 'vitest';
import type { Notice, Organisation } from '../../src/model/notice.js';
import { OPENMOJI_CREDIT } from '../../src/easyread/pictures.js';
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

  it('gives pictures their site address, size and alt text, unique section ids, and one credit per source', () => {
    const page = easyReadPage(notice, repoLibrary);
    expect(page.title).toBe('Full **title**');
    expect(page.sections.map((s) => s.id)).toEqual(['who-we-are', 'who-we-are-2']);
    expect(page.sections[0]!.items[0]!.picture).toMatchObject({ url: '/pictures/council.svg', width: 120, height: 120, alt: 'A council building.' });
    expect(page.sections[1]!.items[0]!.picture).toMatchObject({ url: '/pictures/phone.svg', alt: '' });
    expect(page.pictures.map((p) => p.url)).toEqual(['/pictures/council.svg', '/pictures/phone.svg']);
    expect(page.credits).toEqual([OPENMOJI_CREDIT]);
    expect(page.words).toEqual([{ id: 'word-data-protection-officer', word: 'Data Protection Officer', meaning: 'A person.' }]);
  });

  it('refuses a notice without an easy-read part, or with an unknown picture', () => {
    expect(() => easyReadPage({ ...notice, easyRead: undefined }, repoLibrary)).toThrow('has no easy-read version');
    const broken = { ...notice, easyRead: { sections: [{ heading: 'X', items: [{ picture: 'nope', alt: 'x', text: ['x'] }] }] } } as unknown as Notice;
    expect(() => easyReadPage(broken, repoLibrary)).toThrow("there is no picture 'nope'");
  });
});
