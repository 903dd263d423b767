/**
 * Reads a PDF back with pdf.js, the way assistive technology and text extraction see it: the text
 * that is real content (artifacts such as running headers and page numbers apart), the structure
 * tree, metadata, bookmarks, links and fonts.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextPiece {
  str: string;
  /** Font size in points (from the text matrix). */
  size: number;
  /** Marked-content tags around the text, outermost first. */
  tags: string[];
  fontName: string;
}

export interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
  type?: string;
  id?: string;
}

export interface PageInfo {
  /** Text that is content, in content order. */
  content: TextPiece[];
  /** Text marked as artifact (headers, footers, repeated table headers). */
  artifacts: TextPiece[];
  struct: StructNode | null;
  /** Text by marked-content id ("p12R_mc3"), as the structure tree refers to it. */
  textById: Map<string, string>;
  links: { url?: string; contents?: string }[];
  /** Fonts used for text on the page: name and whether the file is embedded. */
  fonts: { name: string; embedded: boolean }[];
  width: number;
  height: number;
}

export interface PdfInfo {
  pages: PageInfo[];
  info: Record<string, unknown>;
  viewerPreferences: Record<string, unknown> | null;
  markInfo: { Marked: boolean } | null;
  outline: { title: string; items: { title: string; items: unknown[] }[] }[];
  /** All content text, joined without separators. */
  text: string;
}

interface RawTextItem {
  str?: string;
  transform?: number[];
  fontName?: string;
  type?: string;
  tag?: string;
  id?: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfInfo> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PageInfo[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { items } = await page.getTextContent({ includeMarkedContent: true });
      const content: TextPiece[] = [];
      const artifacts: TextPiece[] = [];
      const stack: string[] = [];
      const ids: (string | undefined)[] = [];
      const textById = new Map<string, string>();
      for (const raw of items as RawTextItem[]) {
        if (raw.type === 'beginMarkedContent' || raw.type === 'beginMarkedContentProps') {
          stack.push(raw.tag ?? '');
          ids.push(raw.id);
        } else if (raw.type === 'endMarkedContent') {
          stack.pop();
          ids.pop();
        } else if (raw.str !== undefined && raw.str !== '') {
          const piece: TextPiece = { str: raw.str, size: Math.hypot(raw.transform![0]!, raw.transform![1]!), tags: [...stack], fontName: raw.fontName ?? '' };
          (stack.includes('Artifact') ? artifacts : content).push(piece);
          const id = ids[ids.length - 1];
          if (id) textById.set(id, (textById.get(id) ?? '') + raw.str);
        }
      }
      await page.getOperatorList();
      const fontNames = [...new Set([...content, ...artifacts].map((p) => p.fontName))];
      const fonts = fontNames.map((id) => {
        const font = page.commonObjs.get(id) as { name?: string; missingFile?: boolean };
        return { name: font.name ?? id, embedded: font.missingFile === false };
      });
      const annotations = (await page.getAnnotations()) as { subtype: string; url?: string; contentsObj?: { str: string } }[];
      const viewport = page.getViewport({ scale: 1 });
      pages.push({
        content,
        artifacts,
        struct: (await page.getStructTree()) as StructNode | null,
        textById,
        links: annotations.filter((a) => a.subtype === 'Link').map((a) => ({ url: a.url, contents: a.contentsObj?.str })),
        fonts,
        width: viewport.width,
        height: viewport.height,
      });
    }
    const meta = await doc.getMetadata();
    return {
      pages,
      info: meta.info as Record<string, unknown>,
      viewerPreferences: (await doc.getViewerPreferences()) as Record<string, unknown> | null,
      markInfo: (await doc.getMarkInfo()) as { Marked: boolean } | null,
      outline: ((await doc.getOutline()) ?? []) as PdfInfo['outline'],
      text: pages.map((p) => p.content.map((c) => c.str).join('')).join(''),
    };
  } finally {
    await doc.destroy();
  }
}

/** Every element of a structure tree, depth first, in reading order. */
export function* walk(node: StructNode | null | undefined, ancestors: string[] = []): Generator<{ node: StructNode; ancestors: string[] }> {
  if (!node) return;
  yield { node, ancestors };
  for (const child of node.children ?? []) yield* walk(child, node.role ? [...ancestors, node.role] : ancestors);
}

/** The text of a structure element on one page (its content and its descendants'). */
export function nodeText(node: StructNode, page: PageInfo): string {
  if (node.type === 'content') return page.textById.get(node.id ?? '') ?? '';
  return (node.children ?? []).map((child) => nodeText(child, page)).join('');
}

/** Whether an element has content on the page (pdf.js also lists list items and table rows shown on other pages). */
export function hasContent(node: StructNode): boolean {
  return node.type === 'content' || node.type === 'object' || (node.children ?? []).some(hasContent);
}

/** Elements with content, page by page in reading order: role, text on that page, alt text, page number (1-based). */
export function elements(info: PdfInfo): { role: string; text: string; alt?: string; page: number; node: StructNode }[] {
  const out: { role: string; text: string; alt?: string; page: number; node: StructNode }[] = [];
  info.pages.forEach((page, i) => {
    for (const { node } of walk(page.struct)) {
      if (node.role && hasContent(node)) out.push({ role: node.role, text: nodeText(node, page), alt: node.alt, page: i + 1, node });
    }
  });
  return out;
}

/** Text without any whitespace: line breaks, and words broken across lines, then compare equal. */
export const squash = (text: string) => text.replace(/\s+/g, '');
