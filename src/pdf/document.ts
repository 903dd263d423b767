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
  collectOutput(doc as OutputDocument);
  return doc;
}

type Part = string | Uint8Array;

/** pdfkit's internals that collectOutput replaces. */
interface OutputDocument extends PDFKit.PDFDocument {
  _write(data: Part): void;
  _offset: number;
  /** The file's text and streams written so far, in order (set by collectOutput). */
  outputParts?: Part[];
}

interface ContentStream {
  write(chunk: Part): void;
  finalize(): void;
}

/** Text and bytes in order, as one buffer (text as Latin-1, as pdfkit writes it). */
function joinParts(parts: readonly Part[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const part of parts) {
    if (typeof part === 'string') offset += out.write(part, offset, 'latin1');
    else {
      out.set(part, offset);
      offset += part.length;
    }
  }
  return out;
}

/**
 * pdfkit turns each line of a page's content, and each line of the file, into bytes with a loop
 * in JavaScript, and pushes every line of the file into a stream: a large part of finishing a PDF.
 * Here the lines are kept as text, and turned into bytes natively, once per page and once per
 * file. The bytes are the same.
 */
function collectOutput(doc: OutputDocument): void {
  const parts: Part[] = [];
  doc.outputParts = parts;
  doc._write = function (data: Part) {
    const part = data instanceof Uint8Array ? data : `${data}\n`;
    parts.push(part);
    this._offset += part.length;
  };
  doc.on('pageAdded', () => {
    const content = (doc.page as unknown as { content: ContentStream }).content;
    const write = content.write.bind(content);
    const finalize = content.finalize.bind(content);
    const lines: string[] = [];
    const flush = () => {
      if (lines.length === 0) return;
      write(Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
      lines.length = 0;
    };
    content.write = (chunk: Part) => {
      if (chunk instanceof Uint8Array) {
        flush();
        write(chunk);
      } else lines.push(`${chunk}`);
    };
    content.finalize = () => {
      flush();
      finalize();
    };
  });
}

/** Ends the document and returns its bytes. */
export function finishDocument(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The header, written before collectOutput took over, comes through the stream.
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat([...chunks, joinParts((doc as OutputDocument).outputParts ?? [])])));
    doc.on('error', reject);
    doc.end();
  });
}
