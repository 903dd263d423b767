/**
 * Easy-read pictures (SVG) in a PDF. svg-to-pdfkit turns an SVG into drawing operators; doing
 * that for every picture of every PDF was most of the time of an easy-read PDF. So each distinct
 * picture is converted once per thread, in a scratch document, and its operators kept. Each PDF
 * then holds every picture it uses once, as a Form XObject, painted wherever the picture appears.
 *
 * Only pictures that need nothing from the page but their operators and transparency settings
 * are kept this way (OpenMoji's are). A picture with gradients, images or text is drawn directly,
 * every time, as svg-to-pdfkit would.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { attachFonts } from './fonts.js';
import { pdfError } from './messages.js';

export interface SvgPicture {
  /** The SVG text. */
  svg: string;
  /** Where it came from, for messages. */
  file: string;
}

interface Compiled {
  operators: Buffer;
  /** The operators deflated, as pdfkit would compress them: done once per thread, not once per PDF. */
  deflated: Buffer;
  /** Transparency settings the operators refer to by name (/Gs1 gs), as dictionary entries. */
  extGStates: Record<string, PDFKit.PdfDictionary>;
}

type Draw = (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options: SVGtoPDF.Options) => void;
// @types/svg-to-pdfkit types the document as the PDFDocument class rather than an instance.
const svgToPdf = SVGtoPDF as unknown as Draw;

/** Draws an SVG into a square box at (x, y), scaled to fit. Throws, naming the file, when the SVG cannot be read. */
function drawSvg(doc: PDFKit.PDFDocument, picture: SvgPicture, x: number, y: number, size: number, where: string): void {
  const problems: string[] = [];
  svgToPdf(doc, picture.svg, x, y, {
    width: size,
    height: size,
    preserveAspectRatio: 'xMidYMid meet',
    // Text inside an SVG uses the embedded typeface (the 14 standard PDF fonts cannot be embedded).
    fontCallback: (_family, bold, italic) => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular'),
    warningCallback: (warning) => problems.push(warning),
  });
  const fatal = problems.find((p) => /parseXml|not look like a valid SVG/.test(p));
  if (fatal) throw pdfError('pdf-picture-not-svg', { file: picture.file, reason: fatal }, where);
}

const compiled = new Map<string, Compiled | null>();

const keyOf = (picture: SvgPicture, size: number) => `${size}:${createHash('sha1').update(picture.svg).digest('hex')}`;

/** The picture's operators, or null when it needs more than operators and transparency (draw it directly). */
function compile(picture: SvgPicture, size: number, where: string): Compiled | null {
  const key = keyOf(picture, size);
  const known = compiled.get(key);
  if (known !== undefined) return known;
  // A scratch document, never written: only the operators drawn on its page are kept.
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, font: null });
  attachFonts(doc);
  doc.addPage({ size: [size, size], margin: 0 });
  const chunks: string[] = [];
  const addContent = doc.addContent;
  doc.addContent = (data: string) => {
    chunks.push(String(data));
    return doc;
  };
  try {
    drawSvg(doc, picture, 0, 0, size, where);
  } finally {
    doc.addContent = addContent;
  }
  const resources = doc.page.resources.data as unknown as PDFKit.PdfDictionary;
  const used = Object.entries(resources).filter(([name, value]) => name !== 'ProcSet' && value && Object.keys(value as object).length > 0);
  const extGStates: Record<string, PDFKit.PdfDictionary> = {};
  for (const [name, ref] of Object.entries((resources.ExtGState ?? {}) as Record<string, PDFKit.PDFKitReference>)) {
    extGStates[name] = { ...(ref.data as unknown as PDFKit.PdfDictionary) };
  }
  // Plain transparency only (CA, ca, blend mode): a soft mask refers to other objects of the scratch document.
  const simple = Object.values(extGStates).every((state) => Object.keys(state).every((k) => ['Type', 'CA', 'ca', 'BM'].includes(k)));
  const result: Compiled | null = used.every(([name]) => name === 'ExtGState') && simple ? compiledForm(Buffer.from(chunks.join('\n') + '\n', 'binary'), extGStates) : null;
  if (compiled.size > 2000) compiled.clear();
  compiled.set(key, result);
  return result;
}

function compiledForm(operators: Buffer, extGStates: Record<string, PDFKit.PdfDictionary>): Compiled {
  return { operators, deflated: deflateSync(operators), extGStates };
}

/** Paints pictures into one document, each distinct picture stored once. */
export class PicturePainter {
  /** Form XObject names by picture, and the XObjects by name, in this document. */
  private readonly forms = new Map<string, string>();
  private readonly refs = new Map<string, PDFKit.PDFKitReference>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  paint(picture: SvgPicture, x: number, y: number, size: number, where: string): void {
    const doc = this.doc;
    const form = compile(picture, size, where);
    if (!form) {
      drawSvg(doc, picture, x, y, size, where);
      return;
    }
    const key = keyOf(picture, size);
    let name = this.forms.get(key);
    if (!name) {
      name = `Pic${this.forms.size + 1}`;
      const extGState: Record<string, PDFKit.PDFKitReference> = {};
      for (const [state, data] of Object.entries(form.extGStates)) {
        const ref = doc.ref(data);
        ref.end(undefined);
        extGState[state] = ref;
      }
      const resources = Object.keys(extGState).length ? { ExtGState: extGState } : {};
      // Already deflated (pdfkit then leaves the stream as it is); the entries in the order pdfkit writes them.
      const xobject = doc.compress
        ? doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, size, size], Resources: resources, Length: 0, Filter: 'FlateDecode' })
        : doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, size, size], Resources: resources });
      xobject.end(doc.compress ? form.deflated : form.operators);
      this.forms.set(key, name);
      this.refs.set(name, xobject);
    }
    doc.page.xobjects[name] = this.refs.get(name)!;
    doc.save();
    doc.translate(x, y);
    doc.addContent(`/${name} Do`);
    doc.restore();
  }
}
