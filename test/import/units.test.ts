/** The importer's pure parts: the text reader, the YAML writer, dates, covers and escaping. */
import yaml from 'js-yaml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoticeFile } from '../../src/model/schema.js';
import { plainText } from '../../src/text/markdown.js';
import { decodeText, readText } from '../../src/import/from-text.js';
import { decodeHtml, readHtml } from '../../src/import/from-html.js';
import { statedDate, undatedLastUpdated, suggestedNextReview } from '../../src/import/dates.js';
import { suggestCovers } from '../../src/import/covers.js';
import { escapeMarkdown } from '../../src/import/inline.js';
import { structure } from '../../src/import/structure.js';
import { draftData, draftToYaml } from '../../src/import/yaml.js';
import { knownContacts } from '../../src/import/contacts.js';
import { sentenceCoverage } from '../../src/import/sentences.js';

const TODAY = new Date('2026-01-20T12:00:00Z');

describe('the text reader', () => {
  it('takes short lines followed by a blank line as headings, and • or - lines as list items', () => {
    const doc = readText('Our notice\n\nWho we are\n\nWe are a council.\n\nWe use it to:\n\n  • help you\n  • plan services\n');
    expect(doc.nodes).toEqual([
      { kind: 'heading', text: 'Our notice' },
      { kind: 'heading', text: 'Who we are' },
      { kind: 'paragraph', text: 'We are a council.' },
      { kind: 'paragraph', text: 'We use it to:' },
      { kind: 'list', ordered: false, items: [{ text: 'help you', depth: 0 }, { text: 'plan services', depth: 0 }] },
    ]);
  });

  it('never takes the line after a colon for a heading, and joins wrapped lines in blank-separated text', () => {
    const doc = readText('Title\n\nPlease write to:\n\nRiverside Council\n\nThis paragraph is\nwrapped over two lines.\n');
    expect(doc.nodes.slice(1)).toEqual([
      { kind: 'paragraph', text: 'Please write to:' },
      { kind: 'paragraph', text: 'Riverside Council' },
      { kind: 'paragraph', text: 'This paragraph is wrapped over two lines.' },
    ]);
  });

  it('reads # headings, nested and numbered lists, pipe tables and lines ending in two spaces', () => {
    const doc = readText('# Notice\n\n## Part\n\n1. one\n2. two\n   - two a\n\nA | B |\n---|---|\nx | y |\n\nTown Hall  \nRV1 2AB\n');
    expect(doc.nodes).toEqual([
      { kind: 'heading', level: 1, text: 'Notice' },
      { kind: 'heading', level: 2, text: 'Part' },
      { kind: 'list', ordered: true, items: [{ text: 'one', depth: 0 }, { text: 'two', depth: 0 }, { text: 'two a', depth: 1 }] },
      { kind: 'table', rows: [['A', 'B'], ['x', 'y']], headerRow: true },
      { kind: 'lines', lines: ['Town Hall', 'RV1 2AB'] },
    ]);
  });
});

describe('the HTML reader', () => {
  it('escapes text that Markdown would read as syntax, and keeps links, bold and italic', () => {
    const doc = readHtml('<main><p>Use *stars* and [brackets] <b>bold</b> <i>it</i> <a href="https://x.example/a b">a link</a>.</p></main>');
    const text = (doc.nodes[0] as { text: string }).text;
    expect(text).toBe('Use \\*stars\\* and \\[brackets\\] **bold** *it* [a link](https://x.example/a%20b).');
    expect(plainText(text)).toBe('Use *stars* and [brackets] bold it a link.');
  });

  it('keeps a link without a full address as text, and lists it', () => {
    const doc = readHtml('<main><h2>Links</h2><p>See <a href="page.aspx">this page</a>.</p></main>');
    expect(doc.nodes[1]).toEqual({ kind: 'paragraph', text: 'See this page.' });
    expect(doc.unplaced).toEqual([{ what: 'link without a full web address', where: "under the heading 'Links'", detail: "'this page' goes to 'page.aspx': kept as text; add the full address" }]);
  });
});

describe('pages without <main>, bold headings and old character sets', () => {
  it('takes the body without its header, footer, navigation and cookie banner', () => {
    const doc = readHtml(
      '<body><header><p>Council site</p></header><div class="consent-panel"><p>We use cookies.</p></div><nav><a href="/">Home</a></nav><h1>Notice</h1><p>Text.</p><footer><p>Footer</p></footer></body>',
    );
    expect(doc.nodes).toEqual([
      { kind: 'heading', level: 1, text: 'Notice' },
      { kind: 'paragraph', text: 'Text.' },
    ]);
    expect(doc.plainLines).toEqual(['Notice', 'Text.']);
  });

  it('takes short bold paragraphs for headings when a document has none', () => {
    const doc = readHtml('<main><p><strong>Who we are</strong></p><p>We are a council.</p><p><b>Your rights</b></p><p>You have rights.</p></main>');
    expect(doc.nodes.filter((n) => n.kind === 'heading')).toEqual([
      { kind: 'heading', text: 'Who we are' },
      { kind: 'heading', text: 'Your rights' },
    ]);
    expect(doc.notes[0]).toMatch(/2 short bold paragraphs were taken as headings/);
  });

  it('reads windows-1252 pages and text files', () => {
    const bytes = Buffer.from([...Buffer.from('<meta charset="windows-1252"><p>Children'), 0x92, ...Buffer.from('s services cost '), 0xa3, ...Buffer.from('5</p>')]);
    expect(decodeHtml(bytes)).toContain('Children\u2019s services cost \u00a35');
    expect(decodeText(Buffer.from([0x93, 0x61, 0x94]))).toBe('\u201ca\u201d');
    expect(decodeText(Buffer.from('caf\u00e9', 'utf8'))).toBe('caf\u00e9');
  });
});

describe('escaping', () => {
  it('any text reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '*', '_', '[', ']', '(', ')', '\\', '`', '<', '>', '&', ';', '#', 'x', '!', 'h', 't', 'p', ':', '/') }), (text) => {
        const clean = text.replace(/\s+/g, ' ').trim();
        expect(plainText(escapeMarkdown(clean))).toBe(clean);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dates', () => {
  it('finds the date a notice says it was updated', () => {
    expect(statedDate(['This notice was last updated in October 2024.'])).toBe('2024-10');
    expect(statedDate(['Last reviewed: 3rd March 2025'])).toBe('2025-03-03');
    expect(statedDate(['Updated 04/02/2025'])).toBe('2025-02-04');
    expect(statedDate(['The Data Protection Act 1998 applies.'])).toBeUndefined();
  });

  it('marks a missing date unknown for a person to confirm, and suggests a review a year on', () => {
    expect(undatedLastUpdated(TODAY)).toEqual({ value: 'unknown', comment: 'not stated in the source: confirm' });
    expect(suggestedNextReview('unknown').value).toBe('unknown');
    expect(suggestedNextReview('2024-02-29').value).toBe('2025-02-28');
  });
});

describe('covers suggestions', () => {
  it('follow the completeness report: a tag only where the text backs it', () => {
    expect(suggestCovers({ heading: 'How long we keep your information', text: 'We keep your records for 6 years after the case closes.' })).toEqual(['retention']);
    // A heading alone, or "as long as necessary", is no evidence.
    expect(suggestCovers({ heading: 'How long we keep your information', text: '' })).toEqual([]);
    expect(suggestCovers({ heading: 'How long we keep your information', text: 'We keep it for as long as necessary.' })).toEqual([]);
    expect(suggestCovers({ heading: 'Contact', text: 'You can complain to the Information Commissioner on 0303 123 1113 or at ico.org.uk.' })).toEqual(['complain']);
    expect(suggestCovers({ heading: 'Contact', text: 'You can complain to the Information Commissioner.' })).toEqual([]);
    expect(suggestCovers({ heading: 'Background', text: 'We work with schools.' })).toEqual([]);
  });
});

describe('the YAML writer', () => {
  const doc = readText(
    '# PRIVACY NOTICE\n\nHousing: how we use "your" data\n\n## Who we are\n\nWe\'re #1: the council. Last updated in May 2025.\n\n- item: with colon\n- - dash\n\nA | B |\n---|---|\nx | |\n',
  );
  const { draft } = structure(doc, { id: 'housing', organisation: 'test-council', organisationName: 'Test Council', fileName: 'housing.txt', known: [], today: TODAY });
  const text = draftToYaml(draft);

  it('parses back to exactly the draft, which the schema accepts', () => {
    const parsed = yaml.load(text);
    expect(parsed).toEqual(draftData(draft));
    expect(NoticeFile.safeParse(parsed).success).toBe(true);
  });

  it('starts with the schema modeline and marks what a person must confirm', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/notice.schema.json');
    expect(text).toMatch(/^caption: Privacy notice$/m);
    expect(text).toMatch(/^title: 'Housing: how we use "your" data'$/m);
    expect(text).toMatch(/^lastUpdated: 2025-05 # from the source$/m);
    expect(text).toMatch(/# not in the source: the caption says what the table shows/);
    expect(text).toMatch(/^ {10}- - x\n {12}- –$/m);
    expect(text).toContain("- '- dash'");
  });
});

describe('lists', () => {
  it('take only the last sentence before them as their intro', () => {
    const doc = readText('# T\n\n## Use\n\nWe hold data. We use it to:\n\n- help\n- plan\n');
    const { draft } = structure(doc, { id: 't', organisation: 'c', organisationName: 'C', fileName: 't.md', known: [], today: TODAY });
    expect(draft.sections[0]!.body.map((b) => b.block)).toEqual([
      { type: 'paragraph', text: 'We hold data.' },
      { type: 'list', intro: 'We use it to:', items: ['help', 'plan'] },
    ]);
  });
});

describe('contact blocks and coverage', () => {
  it('a block of lines that a contact point holds becomes a contact block', () => {
    const known = knownContacts([{ council: { contacts: { main: { lines: ['Town Hall', 'RV1 2AB'], email: 'a@b.example' } } } }], 'council');
    const doc = readText('# T\n\n## Contact\n\nTown Hall  \nRV1 2AB\n\nEmail: [a@b.example](mailto:a@b.example)\n');
    const { draft, stats } = structure(doc, { id: 't', organisation: 'council', organisationName: 'Council', fileName: 't.md', known, today: TODAY });
    expect(draft.sections[0]!.body.map((b) => b.block)).toEqual([{ type: 'contact', contact: 'council/main' }]);
    expect(stats.contacts).toEqual(['council/main']);
  });

  it('counts source sentences found in order', () => {
    expect(sentenceCoverage(['One.', 'Two.', 'Three.'], 'one. three. two.')).toEqual({ total: 3, found: 2, missing: ['Three.'] });
  });
});
