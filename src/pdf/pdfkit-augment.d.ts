/**
 * The parts of pdfkit 0.17 that the PDF stage uses but @types/pdfkit does not describe: the PDF/UA
 * subset, and the internals a tagged document needs (the structure parent tree, annotation and
 * outline dictionaries, the document ID). Every such use in src/pdf is typed here, in one place,
 * so the rest of the code compiles under `strict` without `any`.
 *
 * This file is a global declaration (no imports or exports): it merges into @types/pdfkit's
 * `PDFKit` namespace.
 */

declare namespace PDFKit {
  /** Document options as pdfkit 0.17 takes them: @types/pdfkit lacks subset 'PDF/UA' and a font given as bytes. */
  interface TaggedDocumentOptions extends Omit<PDFDocumentOptions, 'subset' | 'font'> {
    subset?: Mixins.PDFSubsets | 'PDF/UA';
    /** null: open no default font (pdfkit would open Helvetica, which cannot be embedded). */
    font?: string | Buffer | null;
  }

  /** The fontkit font inside pdfkit's font object (only what src/pdf reads). */
  interface FontkitFont {
    characterSet: number[];
  }

  /** pdfkit's EmbeddedFont: an embeddable font of one document. */
  interface EmbeddedFontInternals {
    font: FontkitFont;
    ascender: number;
    descender: number;
    /** Laid-out words, by text (shared between documents by fonts.ts). */
    layoutCache?: Record<string, unknown>;
    widthOfString(text: string, size: number): number;
    constructor: unknown;
  }
  type EmbeddedFontConstructor = new (document: PDFDocument, font: FontkitFont, id: string) => EmbeddedFontInternals;

  /** A PDF dictionary's entries, as pdfkit holds them before writing. */
  type PdfDictionary = Record<string, unknown>;

  /** pdfkit's name and number trees (the structure parent tree is a number tree). */
  interface PdfNumberTree {
    add(key: number, value: unknown): void;
    get(key: number): unknown[];
  }

  interface PDFDocument {
    /** Extra constructor overload: the same options, plus subset 'PDF/UA'. */
    new (options?: TaggedDocumentOptions): PDFDocument;
    /** The file identifier written to the trailer (/ID); pdfkit derives it from the info dictionary. */
    _id: Buffer;
    /** The PDF/A or PDF/UA part: PDF/UA sets 1. See document.ts for why it is reassigned. */
    subset?: number | string;
    /** Writes the XMP dc:title, dc:creator … from `info` (unescaped: see document.ts). */
    _addInfo(): void;
    /** The document catalog. */
    _root: PDFKitReference;
    getStructParentTree(): PdfNumberTree;
    /** The current font: pdfkit's wrapper around the fontkit font it embeds. */
    _font: EmbeddedFontInternals;
    /** Fonts by name; `font(name)` looks here first. */
    _fontFamilies: Record<string, EmbeddedFontInternals>;
    _fontCount: number;
    hasMarkInfoDictionary(): boolean;
  }

  interface PDFPage {
    /** The page's key in the structure parent tree (created on first use). */
    readonly structParentTreeKey: number;
    annotations: PDFKitReference[];
    /** The page's resource dictionary (fonts, XObjects, transparency states …). */
    resources: PDFKitReference;
    xobjects: Record<string, PDFKitReference>;
  }

  interface PDFOutline {
    /** The outline item's dictionary entries (Title, Dest, Parent …), written at the end. */
    outlineData: PdfDictionary;
    dictionary: PDFKitReference;
  }
}
