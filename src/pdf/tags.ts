/**
 * The structure tree of a tagged PDF: what a screen reader reads, in reading order.
 *
 * pdfkit marks content (`markStructureContent`, `markContent('Artifact')`) and keeps the
 * structure parent tree; this module builds the elements on top of that. It does not use
 * pdfkit's own `doc.struct()` elements because a PDF/UA link must hold its annotation as an
 * object reference (OBJR) beside its text, and pdfkit's elements can only hold marked content.
 *
 * Every element's dictionary is allocated when the element is made (so children and the parent
 * tree can point at it) and written by `finish()`, once the whole tree is known.
 */

type PdfDictionary = PDFKit.PdfDictionary;
type Ref = PDFKit.PDFKitReference;

/** The dictionary entries of an object pdfkit has not written yet. */
function entries(ref: Ref): PdfDictionary {
  return ref.data as unknown as PdfDictionary;
}

interface MarkedContentKid {
  kind: 'mcid';
  page: Ref;
  mcid: number;
}
interface AnnotationKid {
  kind: 'objr';
  page: Ref;
  annotation: Ref;
}
type Kid = StructElement | MarkedContentKid | AnnotationKid;

export interface ElementOptions {
  /** Alternative description (Figure, Formula, and annotations' elements). */
  alt?: string;
  /** Replacement text, read instead of the content. */
  actualText?: string;
  /** A title for the element (shown by some tag viewers, e.g. a section's heading). */
  title?: string;
  /** Attribute objects, e.g. { O: 'Table', Scope: 'Column' }. Strings become PDF names. */
  attributes?: PdfDictionary[];
}

export class StructElement {
  readonly kids: Kid[] = [];
  constructor(
    readonly type: string,
    readonly ref: Ref,
    readonly parent: StructElement | undefined,
  ) {}
}

export interface ArtifactOptions {
  type?: 'Pagination' | 'Layout' | 'Page';
  attached?: ('Top' | 'Bottom' | 'Left' | 'Right')[];
}

export interface LinkAction {
  /** A web, mailto: or tel: address. */
  uri?: string;
  /** A named destination in this document. */
  destination?: string;
}

export class Tagger {
  readonly root: StructElement;
  private readonly elements: StructElement[] = [];
  private open = false;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.root = this.make('Document', undefined, {});
  }

  private make(type: string, parent: StructElement | undefined, options: ElementOptions): StructElement {
    const data: PdfDictionary = { Type: 'StructElem', S: type };
    if (options.alt !== undefined) data.Alt = new String(options.alt);
    if (options.actualText !== undefined) data.ActualText = new String(options.actualText);
    if (options.title !== undefined) data.T = new String(options.title);
    if (options.attributes?.length) data.A = options.attributes.length === 1 ? options.attributes[0] : options.attributes;
    const element = new StructElement(type, this.doc.ref(data), parent);
    this.elements.push(element);
    parent?.kids.push(element);
    return element;
  }

  /** A new element, the last child of `parent` (in reading order). */
  add(parent: StructElement, type: string, options: ElementOptions = {}): StructElement {
    return this.make(type, parent, options);
  }

  /**
   * Draws content that belongs to `element`: everything `draw` puts on the current page is one
   * marked-content sequence, read as part of the element. Content must not be drawn across a page break.
   */
  content<T>(element: StructElement, draw: () => T): T {
    if (this.open) throw new Error('Tagger: marked content cannot be nested.');
    const page = this.doc.page;
    this.doc.markStructureContent(element.type);
    const kids = this.doc.getStructParentTree().get(page.structParentTreeKey);
    const mcid = kids.length - 1;
    kids[mcid] = element.ref;
    element.kids.push({ kind: 'mcid', page: page.dictionary, mcid });
    return this.drawMarked(draw);
  }

  /** Draws content that is not read: running headers, page numbers, decoration, repeated table headers. */
  artifact<T>(draw: () => T, options: ArtifactOptions = {}): T {
    if (this.open) throw new Error('Tagger: marked content cannot be nested.');
    this.doc.markContent('Artifact', options.type ? { type: options.type, attached: options.attached } : undefined);
    return this.drawMarked(draw);
  }

  /** Draws inside the marked-content sequence just begun, and always ends it. */
  private drawMarked<T>(draw: () => T): T {
    this.open = true;
    try {
      return draw();
    } finally {
      this.open = false;
      this.doc.endMarkedContent();
    }
  }

  /**
   * Adds a link annotation over a rectangle of the current page (top-left origin, in points) and
   * ties it to `element` (a Link) through the parent tree, as PDF/UA requires. `description` is
   * the annotation's Contents, which assistive technology announces.
   */
  linkAnnotation(element: StructElement, rect: { x: number; y: number; width: number; height: number }, action: LinkAction, description: string): void {
    const doc = this.doc;
    const page = doc.page;
    const root = entries(doc.getStructTreeRoot());
    const key = root.ParentTreeNextKey as number;
    root.ParentTreeNextKey = key + 1;
    doc.getStructParentTree().add(key, element.ref);

    const A = action.uri !== undefined ? doc.ref({ S: 'URI', URI: new String(action.uri) }) : doc.ref({ S: 'GoTo', D: new String(action.destination ?? '') });
    A.end(undefined);
    const annotation = doc.ref({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [rect.x, page.height - rect.y - rect.height, rect.x + rect.width, page.height - rect.y],
      Border: [0, 0, 0],
      F: 4, // print
      A,
      StructParent: key,
      Contents: new String(description),
    });
    page.annotations.push(annotation);
    annotation.end(undefined);
    element.kids.push({ kind: 'objr', page: page.dictionary, annotation });
  }

  /** Writes every element. Call once, after all content is drawn and before `doc.end()`. */
  finish(): void {
    const treeRoot = this.doc.getStructTreeRoot();
    entries(treeRoot).K = [this.root.ref];
    for (const element of this.elements) {
      const data = entries(element.ref);
      data.P = element.parent ? element.parent.ref : treeRoot;
      const K: unknown[] = [];
      for (const kid of element.kids) {
        if (kid instanceof StructElement) {
          K.push(kid.ref);
        } else if (kid.kind === 'mcid') {
          if (data.Pg === undefined) data.Pg = kid.page;
          K.push(data.Pg === kid.page ? kid.mcid : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid });
        } else {
          K.push({ Type: 'OBJR', Pg: kid.page, Obj: kid.annotation });
        }
      }
      data.K = K;
      element.ref.end(undefined);
    }
  }
}
