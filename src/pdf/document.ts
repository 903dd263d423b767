/**
 * A new tagged PDF/UA document, set up the same way for every PDF: A4, PDF 1.7, en-GB, the
 * title shown in the window, the embedded typeface, and metadata that comes from the content
 * (never the clock), so the same input gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { attachFonts } from './fonts.js';
import { A4, MARGINS } from './flow.js';

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** Creation and modification date: from the notice (its last update), not the clock. */
  date: Date;
  /** The 16-byte file identifier, from the content. */
  id: Buffer;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function createDocument(meta: DocumentMeta): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: A4,
    margins: MARGINS,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA',
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: false,
    // No default font: pdfkit would open Helvetica, which cannot be embedded. attachFonts adds ours.
    font: null,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: 'notice site',
      Producer: 'PDFKit',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  // pdfkit derives the ID from the info dictionary; ours names the exact content and renderer.
  doc._id = meta.id;
  // pdfkit writes a fixed CIDSet into every font descriptor when `subset` is the number 1 (meant
  // for PDF/A-1, but PDF/UA part 1 also sets 1). That CIDSet does not list the glyphs really
  // embedded, which PDF/UA-1 (7.21.4.2) forbids; the string '1' still writes pdfuaid:part 1.
  doc.subset = '1';
  // pdfkit copies Title, Author and Subject into the XMP metadata without escaping them, so a
  // title with "&" would make the metadata invalid XML. Escape them for the XMP only.
  const addInfo = doc._addInfo;
  doc._addInfo = function (this: PDFKit.PDFDocument) {
    const info = this.info;
    this.info = {
      ...info,
      Title: info.Title && escapeXml(info.Title),
      Author: info.Author && escapeXml(info.Author),
      Subject: info.Subject && escapeXml(info.Subject),
      Keywords: info.Keywords && escapeXml(info.Keywords),
    };
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
  attachFonts(doc);
  doc.font('regular');
  return doc;
}

/** Ends the document and returns its bytes. */
export function finishDocument(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
