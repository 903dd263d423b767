/**
 * Notices made up for the PDF tests, written as YAML into a throwaway project and loaded with
 * the real loader, so they are exactly what a comms officer could write.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { loadSite } from '../../src/load/load-site.js';
import type { Site } from '../../src/model/notice.js';
import type { ResolvePicture } from '../../src/pdf/index.js';
import { makeProject, type TestProject } from '../helpers/project.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/pdf', import.meta.url));

const base = (id: string, title: string) => ({
  id,
  title,
  organisation: 'test-council',
  summary: `A notice made up for the PDF tests: ${title.toLowerCase()}.`,
  status: 'published',
  lastUpdated: '2025-03-14',
  nextReview: '2026-03',
});

/** Words that differ row by row, so a lost or repeated row shows. */
export const WORDS = ['apple', 'birch', 'cedar', 'daisy', 'elder', 'fern', 'gorse', 'hazel', 'iris', 'juniper'];
const phrase = (n: number, length: number) => Array.from({ length }, (_, i) => `${WORDS[(n + i) % WORDS.length]}${n}`).join(' ');

/** A long notice: a 200-row retention table and a 300-item list, with headings between. */
export function bigNotice() {
  return {
    ...base('big-notice', 'A very long notice'),
    sections: [
      {
        heading: 'How long we keep your information',
        covers: ['retention'],
        body: [
          { type: 'paragraph', text: 'We keep each kind of record for the time shown in the table.' },
          {
            type: 'table',
            caption: 'Retention periods for every kind of record',
            columns: ['Record', 'How long we keep it', 'Why'],
            rows: Array.from({ length: 200 }, (_, r) => [`Record type ${r + 1} ${phrase(r, 3)}`, `${(r % 40) + 1} years after the case closes`, `Reason ${r + 1}: ${phrase(r + 7, r % 9 === 0 ? 30 : 6)}`]),
          },
        ],
      },
      {
        heading: 'What we collect',
        covers: ['categories'],
        body: [
          {
            type: 'list',
            intro: 'We collect these kinds of information:',
            items: Array.from({ length: 300 }, (_, i) => `Item ${i + 1}: ${phrase(i, 2 + (i % 7))}`),
          },
          { type: 'paragraph', text: 'That is the end of the list.' },
        ],
        sections: [{ heading: 'Numbered steps', body: [{ type: 'list', ordered: true, items: Array.from({ length: 12 }, (_, i) => `Step ${i + 1} ${phrase(i, 3)}`) }] }],
      },
      { heading: 'Contact us', covers: ['controller'], body: [{ type: 'contact', contact: 'test-council/data-protection' }] },
    ],
  };
}

/** Links whose text is, and is not, their address. */
export function linkNotice() {
  return {
    ...base('link-notice', 'Links on paper'),
    sections: [
      {
        heading: 'Links',
        id: 'links',
        body: [
          { type: 'paragraph', text: 'Read [our guide to your rights](https://rights.example.org/guide) before you write to us.' },
          { type: 'paragraph', text: 'Email dp@test.example.org or visit https://www.example.org/privacy/ today.' },
          { type: 'paragraph', text: 'See [who we are](#who-we-are) and [the home page](/) and call [our helpline](tel:+441234567890).' },
          { type: 'paragraph', text: 'A very long address breaks over lines: https://www.example.org/a/very/long/path/that/does/not/fit/on/one/line/of/the/page/at/all/index.html and goes on.' },
          { type: 'address', lines: ['Test Council', '1 High Street', 'Testtown', 'TT1 1TT'] },
        ],
      },
      { heading: 'Who we are', id: 'who-we-are', body: [{ type: 'paragraph', text: 'We are **Test Council**, and we are *responsible* for your information.' }] },
    ],
  };
}

/** A table with `columns` columns whose cells hold words `letters` long. */
export function wideTableNotice(id: string, columns: number, letters: number) {
  const word = (c: number, r: number) => `${String.fromCharCode(97 + (c % 26)).repeat(letters - 2)}${c}${r}`.slice(0, Math.max(letters, 3));
  return {
    ...base(id, `A table with ${columns} columns`),
    sections: [
      {
        heading: 'The table',
        body: [
          {
            type: 'table',
            caption: `${columns} columns`,
            columns: Array.from({ length: columns }, (_, c) => `Column ${c + 1}`),
            rows: Array.from({ length: 6 }, (_, r) => Array.from({ length: columns }, (_, c) => `${word(c, r)} cell ${r + 1}.${c + 1}`)),
          },
          { type: 'paragraph', text: 'Text after the table.' },
        ],
      },
    ],
  };
}

/** A notice with an easy-read version using the fixture pictures. */
export function easyReadNotice(id = 'easy-notice', pictures: string[] = ['council', 'phone']) {
  return {
    ...base(id, 'How we use your information'),
    sections: [{ heading: 'Who we are', body: [{ type: 'paragraph', text: 'We are Test Council.' }, { type: 'contact', contact: 'test-council/data-protection' }] }],
    easyRead: {
      title: 'Your information and us',
      sections: [
        {
          heading: 'Who we are',
          items: [
            { picture: pictures[0], alt: 'A blue circle.', text: ['We are Test Council.', 'We look after **records** about you.'] },
            { picture: pictures[1], decorative: true, text: ['We keep your information safe.'] },
          ],
        },
        {
          heading: 'Your rights',
          items: Array.from({ length: 14 }, (_, i) => ({ picture: pictures[i % 2], alt: `Picture ${i + 1}.`, text: [`You have right number ${i + 1}.`, 'You can ask us about it.'] })),
        },
      ],
      words: [{ word: 'records', meaning: 'Information we write down and keep.' }],
    },
  };
}

/**
 * Picture keys the notices use (shared keys from data/pictures.yaml, which the loader checks) and
 * the fixture file each stands for in these tests: test/fixtures/pdf/<file>.svg.
 */
export const PICTURE_FILES: Record<string, string> = { council: 'circle', phone: 'square', child: 'broken' };

/** A resolver for the fixture pictures. */
export const fixturePictures: ResolvePicture = (key) =>
  PICTURE_FILES[key] ? { svg: path.join(FIXTURES, `${PICTURE_FILES[key]}.svg`), credit: { text: 'Test pictures', licence: 'CC0', url: 'https://pictures.example.org' } } : undefined;

/** Writes the notices into a new project and loads it. */
export async function loadNotices(notices: object[]): Promise<{ project: TestProject; site: Site }> {
  const files: Record<string, string> = {};
  for (const notice of notices) files[`content/${(notice as { id: string }).id}.yaml`] = yaml.dump(notice, { lineWidth: -1 });
  const project = await makeProject(files);
  const { site, diagnostics } = await loadSite(project.root, { today: new Date('2025-06-01') });
  if (!site) throw new Error(`the test notices do not load:\n${diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n')}`);
  return { project, site };
}
