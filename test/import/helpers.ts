/** Throwaway projects and documents for the import tests. */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { REPO_ROOT } from '../helpers/project.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/import');
export const SEED_DIR = path.join(REPO_ROOT, 'test/fixtures/seeds');

export interface ImportProject {
  root: string;
  cleanup(): Promise<void>;
}

/** The project's real data/ and an empty content/ folder, so only the draft is loaded. */
export async function importProject(): Promise<ImportProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'notice-import-test-'));
  await cp(path.join(REPO_ROOT, 'data'), path.join(root, 'data'), { recursive: true });
  await mkdir(path.join(root, 'content'), { recursive: true });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** What the Word notice holds, for the tests to compare with. */
export const WORD_NOTICE = {
  title: 'Adult social care privacy notice',
  headings: [
    { heading: 'Who we are', sections: ['Our data protection officer'] },
    { heading: 'What we collect and why', sections: ['Information about your health', 'Information from others'] },
    { heading: 'How long we keep it', sections: [] },
    { heading: 'Contact us', sections: [] },
  ],
  links: ['https://www.northmoor.example.gov.uk/privacy', 'mailto:dpo@northmoor.example.gov.uk', 'https://ico.org.uk/make-a-complaint/'],
  rows: [
    ['Care assessments', '8 years after the last contact'],
    ['Safeguarding records', '10 years after the case is closed'],
    ['Payments for care', '6 years after the end of the financial year'],
  ],
  footnote: 'The Care Act 2014 sets out these duties.',
};

/** A privacy notice of another organisation, written as a Word file: two heading levels, a nested list, a table, links, an address, a footnote. */
export async function wordNotice(): Promise<Buffer> {
  const heading1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
  const heading2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
  const bullet = (text: string, level = 0) => new Paragraph({ text, numbering: { reference: 'bullets', level } });
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.BULLET, text: '◦', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph(WORD_NOTICE.footnote)] } },
    sections: [
      {
        children: [
          new Paragraph({ text: WORD_NOTICE.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun('This notice was last updated on 4 February 2025.')] }),
          heading1('Who we are'),
          new Paragraph({
            children: [
              new TextRun('Northmoor Borough Council is the '),
              new TextRun({ text: 'controller', bold: true }),
              new TextRun(' of your information. Our general privacy notice is on '),
              new ExternalHyperlink({ link: WORD_NOTICE.links[0]!, children: [new TextRun({ text: 'our website', style: 'Hyperlink' })] }),
              new TextRun('.'),
            ],
          }),
          heading2('Our data protection officer'),
          new Paragraph({
            children: [
              new TextRun('You can email our data protection officer at '),
              new ExternalHyperlink({ link: WORD_NOTICE.links[1]!, children: [new TextRun({ text: 'dpo@northmoor.example.gov.uk', style: 'Hyperlink' })] }),
              new TextRun('.'),
            ],
          }),
          heading1('What we collect and why'),
          new Paragraph('We collect:'),
          bullet('your name and address'),
          bullet('details of your care needs, including:'),
          bullet('your medical conditions', 1),
          bullet('the support you already receive', 1),
          bullet('the names of your carers'),
          new Paragraph({ children: [new TextRun('We use it to arrange your care, as the law requires us to.'), new FootnoteReferenceRun(1)] }),
          heading2('Information about your health'),
          new Paragraph({ children: [new TextRun('Health information is '), new TextRun({ text: 'special category', italics: true }), new TextRun(' data and is handled with extra care.')] }),
          heading2('Information from others'),
          new Paragraph('We receive information from your GP and the hospital when they refer you to us.'),
          heading1('How long we keep it'),
          new Paragraph('We keep your records as follows.'),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [cell('Record'), cell('How long we keep it')] }),
              ...WORD_NOTICE.rows.map((row) => new TableRow({ children: row.map(cell) })),
            ],
          }),
          heading1('Contact us'),
          new Paragraph('Write to us at:'),
          new Paragraph({
            children: [
              new TextRun('Information Governance'),
              new TextRun({ text: 'Northmoor Borough Council', break: 1 }),
              new TextRun({ text: 'Civic Centre, Market Street', break: 1 }),
              new TextRun({ text: 'Northmoor', break: 1 }),
              new TextRun({ text: 'NM4 7QR', break: 1 }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('You can also '),
              new ExternalHyperlink({ link: WORD_NOTICE.links[2]!, children: [new TextRun({ text: 'complain to the Information Commissioner', style: 'Hyperlink' })] }),
              new TextRun('.'),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
