/**
 * A Word document and a saved web page of privacy notices written by someone else: the drafts keep
 * the headings tree, every table row and every link, at least 98 % of the sentences, and validate.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNotice, type ImportResult } from '../../src/import/import-notice.js';
import type { DraftSection } from '../../src/import/draft.js';
import { coverageShare } from '../../src/import/sentences.js';
import { importReport } from '../../src/import/report.js';
import { linksIn } from '../../src/text/markdown.js';
import { FIXTURES, importProject, WORD_NOTICE, wordNotice, type ImportProject } from './helpers.js';

const TODAY = new Date('2025-06-01T12:00:00Z');

function tree(sections: DraftSection[]): unknown[] {
  return sections.map((s) => (s.sections.length > 0 ? { heading: s.heading, sections: tree(s.sections) } : s.heading));
}

function blocks(sections: DraftSection[]): DraftSection['body'][number]['block'][] {
  return sections.flatMap((s) => [...s.body.map((b) => b.block), ...blocks(s.sections)]);
}

function links(result: ImportResult): string[] {
  const texts = blocks(result.draft.sections).flatMap((b) => {
    if (b.type === 'paragraph') return [b.text];
    if (b.type === 'list') return [b.intro ?? '', ...b.items];
    if (b.type === 'table') return [...b.columns, ...b.rows.flat()];
    if (b.type === 'address') return b.lines;
    return [];
  });
  return texts.flatMap((t) => linksIn(t).map((l) => l.href));
}

let project: ImportProject;
let word: ImportResult;
let page: ImportResult;

beforeAll(async () => {
  project = await importProject();
  const docx = path.join(project.root, 'adult-social-care.docx');
  await writeFile(docx, await wordNotice());
  word = await importNotice({ root: project.root, file: docx, organisation: 'northmoor-borough-council', name: 'Northmoor Borough Council', today: TODAY });
  page = await importNotice({
    root: project.root,
    file: path.join(FIXTURES, 'riverside-privacy-notice.html'),
    organisation: 'riverside-district-council',
    name: 'Riverside District Council',
    today: TODAY,
  });
});

afterAll(() => project.cleanup());

describe('a Word notice', () => {
  it('validates, with at least 98 % of its sentences', () => {
    expect(word.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(coverageShare(word.coverage)).toBeGreaterThanOrEqual(0.98);
    expect(word.coverage.missing).toEqual([]);
    expect(word.out).toBe('content/northmoor-borough-council/adult-social-care-privacy-notice.yaml');
  });

  it('keeps the title and both heading levels', () => {
    expect(word.draft.title.value).toBe(WORD_NOTICE.title);
    const expected = WORD_NOTICE.headings.map((h) => (h.sections.length > 0 ? { heading: h.heading, sections: h.sections } : h.heading));
    // The date line before the first heading goes in a section of its own, marked as added.
    expect(tree(word.draft.sections)).toEqual(['About this notice', ...expected]);
    expect(word.draft.sections[0]!.comment).toMatch(/not in the source/);
  });

  it('keeps bold, italic, every link, the nested list, every table row and the address', () => {
    const all = blocks(word.draft.sections);
    expect(links(word)).toEqual(WORD_NOTICE.links);
    expect(all.some((b) => b.type === 'paragraph' && b.text.includes('**controller**'))).toBe(true);
    expect(all.some((b) => b.type === 'paragraph' && b.text.includes('*special category*'))).toBe(true);
    const list = all.find((b) => b.type === 'list')!;
    expect(list).toMatchObject({ intro: 'We collect:', items: ['your name and address', 'details of your care needs, including:', '– your medical conditions', '– the support you already receive', 'the names of your carers'] });
    const table = all.find((b) => b.type === 'table')!;
    expect(table).toMatchObject({ columns: ['Record', 'How long we keep it'], rows: WORD_NOTICE.rows });
    expect(all.find((b) => b.type === 'address')).toEqual({ type: 'address', lines: ['Information Governance', 'Northmoor Borough Council', 'Civic Centre, Market Street', 'Northmoor', 'NM4 7QR'] });
    expect(word.draft.lastUpdated.value).toBe('2025-02-04');
  });

  it('lists the footnote it could not place, with where it was', () => {
    expect(word.unplaced).toEqual([{ what: 'footnote', where: "marked under the heading 'What we collect and why'", detail: WORD_NOTICE.footnote }]);
    expect(word.yaml).toContain(`# Not placed: footnote marked under the heading 'What we collect and why' (${WORD_NOTICE.footnote})`);
    expect(importReport(word).join('\n')).toMatch(/Not placed \(1\)[\s\S]*footnote/);
  });

  it('adds the new organisation and suggests its address and email for data/', () => {
    expect(word.organisationAdded).toBe(true);
    expect(word.stats.contactSuggestions.join('\n')).toContain('NM4 7QR');
    expect(word.stats.contactSuggestions.join('\n')).toContain('dpo@northmoor.example.gov.uk');
    expect(word.yaml).toMatch(/^# Suggested for data\/: dpo@northmoor\.example\.gov\.uk: not in data\/;/m);
  });
});

describe('a saved web page', () => {
  it('validates, with every sentence of the main content', () => {
    expect(page.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(page.coverage.missing).toEqual([]);
    expect(coverageShare(page.coverage)).toBeGreaterThanOrEqual(0.98);
  });

  it('leaves out the cookie banner, navigation, breadcrumbs, skip link, related links and footer', () => {
    expect(page.yaml).not.toMatch(/cookies|Bins and recycling|Skip to|\bHome\b|Related pages|Accessibility statement|©/);
  });

  it('keeps the headings tree, the table with its caption, the links and the address', () => {
    expect(page.draft.title.value).toBe('Housing services privacy notice');
    expect(tree(page.draft.sections)).toEqual([
      'About this notice',
      'Who we are',
      { heading: 'What information we collect', sections: ['Information from other organisations'] },
      'Why we use your information',
      'How long we keep your information',
      { heading: 'Your rights', sections: ['How to complain'] },
    ]);
    const all = blocks(page.draft.sections);
    expect(all.find((b) => b.type === 'table')).toMatchObject({
      caption: 'Retention periods for housing records',
      rows: [
        ['Housing register applications', '6 years after the application is closed'],
        ['Homelessness case files', '6 years after the case is closed'],
        ['Tenancy files', '6 years after the tenancy ends'],
      ],
    });
    // The relative link is made absolute from the page's canonical address.
    expect(links(page)).toEqual([
      'mailto:dpo@riverside.example.gov.uk',
      'https://www.riverside.example.gov.uk/privacy/sharing',
      'https://www.legislation.gov.uk/ukpga/1996/52/contents',
      'https://ico.org.uk/for-the-public/',
    ]);
    expect(all.find((b) => b.type === 'list' && b.ordered)).toMatchObject({ intro: 'We use your information to:', items: ['assess your application for social housing', 'prevent and relieve homelessness', 'collect rent and manage your tenancy'] });
    expect(all.find((b) => b.type === 'address')).toMatchObject({ lines: ['Information Governance Team', 'Riverside District Council', 'Town Hall, Bridge Street', 'Riverside', 'RV1 2AB'] });
  });

  it('lists the image it could not place, and suggests covers tags marked for a person to confirm', () => {
    expect(page.unplaced).toEqual([{ what: 'image', where: "under the heading 'How to complain'", detail: 'alt text: "The town hall on Bridge Street"' }]);
    // The completeness report's evidence rules: "Your rights" names the rights, its "How to complain" gives the ICO's number.
    expect(page.yaml).toMatch(/^ {4}covers: \[rights\] # suggested: confirm$/m);
    expect(page.yaml).toMatch(/^ +covers: \[complain\] # suggested: confirm$/m);
    expect(page.yaml).toMatch(/^lastUpdated: '2025-03-12' # from the source$/m);
  });
});
