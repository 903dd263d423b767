/**
 * The shortcuts that make PDFs faster must not change a byte: text drawn by draw-text.ts is what
 * pdfkit's own text() draws, a document collected by document.ts is the file pdfkit would stream,
 * and the pool makes a job only as it hands it out.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { createDocument, finishDocument } from '../../src/pdf/document.js';
import { drawText } from '../../src/pdf/draw-text.js';
import { attachFonts, type FontName } from '../../src/pdf/fonts.js';
import { renderAll, workerCount, MIN_JOBS_FOR_WORKERS } from '../../src/pdf/pool.js';

/** The content stream of page 1 of a document drawn by `draw`, uncompressed. */
async function pageContent(draw: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, font: null });
  attachFonts(doc);
  doc.addPage({ size: 'A4' });
  draw(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.end();
  await done;
  const file = Buffer.concat(chunks).toString('latin1');
  // The first stream of the file is page 1's content.
  return file.slice(file.indexOf('stream\n') + 7, file.indexOf('\nendstream'));
}

const SAMPLES: [FontName, number, string][] = [
  ['regular', 12, 'Your rights: ask us for a copy of your information.'],
  ['bold', 16, 'AVAWAY Tolerance, kerning pairs: To, Ty, Wa, LT, "quoted"'],
  ['italic', 10.5, 'Page 3 of 7'],
  ['regular-ext', 12, 'Łukasz Dvořák ő ā'],
  ['boldItalic', 28, 'x'],
  ['regular', 12, 'a line that ends with a space '],
  ['regular', 14, ' two  spaces,\ta tab and a leading space'],
];

describe('drawing a run of text', () => {
  it("writes exactly what pdfkit's text() writes, in every face and size", async () => {
    for (const [font, size, text] of SAMPLES) {
      const theirs = await pageContent((doc) => doc.font(font).fontSize(size).fillColor('#0b0c0c').text(text, 57.5, 120.25, { lineBreak: false, baseline: 'alphabetic' }));
      const ours = await pageContent((doc) => {
        doc.font(font).fontSize(size).fillColor('#0b0c0c');
        drawText(doc, text, 57.5, 120.25);
      });
      expect(ours, `${font} ${size} "${text}"`).toBe(theirs);
    }
  });

  it('leaves text with a line break, and empty text, to pdfkit', async () => {
    const theirs = await pageContent((doc) => doc.font('regular').fontSize(12).text('one\ntwo', 60, 100, { lineBreak: false, baseline: 'alphabetic' }).text('', 60, 140, { lineBreak: false, baseline: 'alphabetic' }));
    const ours = await pageContent((doc) => {
      doc.font('regular').fontSize(12);
      drawText(doc, 'one\ntwo', 60, 100);
      drawText(doc, '', 60, 140);
    });
    expect(ours).toBe(theirs);
  });
});

describe('a finished document', () => {
  it('is the file pdfkit would stream: text and deflated streams in order, with the right offsets', async () => {
    const meta = { title: 'A & B', author: 'Test Council', subject: 'S', keywords: 'k', date: new Date('2025-03-14T00:00:00Z'), id: Buffer.alloc(16, 7) };
    /** The document; `plain`: with pdfkit's own writing, line by line through its stream. */
    const make = (plain: boolean) => {
      const doc = createDocument(meta);
      if (plain) {
        Object.assign(doc, { _write: (Object.getPrototypeOf(doc) as { _write: unknown })._write });
        doc.removeAllListeners('pageAdded');
      }
      for (let page = 0; page < 3; page++) {
        doc.addPage({ size: 'A4' });
        doc.font('regular').fontSize(12);
        for (let line = 0; line < 40; line++) drawText(doc, `Line ${line} of page ${page + 1}: Łódź and Zoë`, 57, 80 + line * 16);
      }
      return finishDocument(doc);
    };
    const collected = await make(false);
    expect(collected.equals(await make(true))).toBe(true);
    // The cross-reference table points at each object.
    const text = collected.toString('latin1');
    const xref = text.slice(text.lastIndexOf('xref'));
    const offsets = [...xref.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
  });
});

describe('the pool', () => {
  it('starts one worker per core when there are enough PDFs, none for a few', () => {
    expect(workerCount(MIN_JOBS_FOR_WORKERS - 1, 2)).toBe(0);
    expect(workerCount(2000, 2)).toBe(2);
    expect(workerCount(2000, 1)).toBe(0);
  });

  it('makes each job only when it hands it out', async () => {
    const events: string[] = [];
    const report = await renderAll(
      [0, 1, 2].map((i) => () => {
        events.push(`made ${i}`);
        throw new Error(`job ${i} could not be made`);
      }),
      { concurrency: 1, onDone: () => events.push('done') },
    );
    expect(events).toEqual(['made 0', 'done', 'made 1', 'done', 'made 2', 'done']);
    expect(report.outcomes.map((o) => (o as Error).message)).toEqual(['job 0 could not be made', 'job 1 could not be made', 'job 2 could not be made']);
  });
});
