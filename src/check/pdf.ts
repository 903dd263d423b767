/**
 * PDF checks with pdfjs-dist (no poppler needed at run time), the automatic part of PDF/UA that
 * matters most to people using screen readers:
 * - tagged: the catalogue has a structure tree (StructTreeRoot) and MarkInfo /Marked true;
 * - a title in the document information, shown in the window title (ViewerPreferences DisplayDocTitle);
 * - the document language (catalogue /Lang);
 * - every font used on every page is embedded (as `pdffonts` shows in its "emb" column).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface PdfProblem {
  rule: 'pdf-tagged' | 'pdf-title' | 'pdf-display-title' | 'pdf-language' | 'pdf-fonts-embedded' | 'pdf-unreadable';
  message: string;
  fix: string;
}

export function pdfjsVersion(): string {
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

interface FontInfo {
  name?: string;
  missingFile?: boolean;
}

/**
 * Fonts that are not embedded, read straight from the file's font dictionaries (as pdffonts does):
 * a font other than Type 0 (whose descendant font is checked instead) and Type 3 (drawn with PDF
 * operators) needs a FontDescriptor with a FontFile, FontFile2 or FontFile3. Much faster than
 * having pdf.js interpret every page. Undefined when the file keeps objects in compressed object
 * streams, which this does not unpack: pdf.js then does the check.
 */
export function notEmbeddedFontsFromObjects(bytes: Uint8Array): string[] | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (/\/Type\s*\/ObjStm\b/.test(text) || /\/Type\s*\/XRef\b/.test(text)) return undefined;
  const objects = new Map<string, string>();
  for (const match of text.matchAll(/(\d+)\s+(\d+)\s+obj\b([\s\S]*?)\bendobj\b/g)) {
    const body = match[3] ?? '';
    const streamAt = body.search(/\bstream\r?\n/);
    objects.set(`${match[1]} ${match[2]}`, streamAt === -1 ? body : body.slice(0, streamAt));
  }
  const notEmbedded = new Set<string>();
  for (const dict of objects.values()) {
    if (!/\/Type\s*\/Font\b/.test(dict)) continue;
    const subtype = /\/Subtype\s*\/(\w+)/.exec(dict)?.[1];
    if (subtype === 'Type0' || subtype === 'Type3') continue;
    const name = /\/BaseFont\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1] ?? 'unnamed font';
    const ref = /\/FontDescriptor\s+(\d+)\s+(\d+)\s+R/.exec(dict);
    const descriptor = ref ? (objects.get(`${ref[1]} ${ref[2]}`) ?? '') : dict;
    if (!/\/FontFile[23]?\s+\d+\s+\d+\s+R/.test(descriptor)) notEmbedded.add(name);
  }
  return [...notEmbedded].sort();
}

export async function checkPdf(bytes: Uint8Array, options: { fonts?: 'auto' | 'pdfjs' } = {}): Promise<PdfProblem[]> {
  const pdfjs = await loadPdfJs();
  const problems: PdfProblem[] = [];
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      fontExtraProperties: true,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (error) {
    return [
      {
        rule: 'pdf-unreadable',
        message: `the PDF cannot be read (${error instanceof Error ? error.message : String(error)}).`,
        fix: 'Build it again; if it still fails, the PDF stage wrote a broken file.',
      },
    ];
  }
  try {
    const markInfo = await doc.getMarkInfo();
    const firstPage = await doc.getPage(1);
    const structTree = await firstPage.getStructTree();
    if (!markInfo?.Marked || !structTree) {
      const missing = [!structTree && 'no structure tree (StructTreeRoot)', !markInfo?.Marked && 'MarkInfo /Marked is not true'].filter(Boolean).join(' and ');
      problems.push({
        rule: 'pdf-tagged',
        message: `the PDF is not tagged: ${missing}, so screen readers cannot follow its headings, lists and tables.`,
        fix: "Create it with pdfkit's tagged: true and build the structure tree (doc.struct …) for all content.",
      });
    }

    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    const title = typeof info.Title === 'string' ? info.Title.trim() : '';
    if (!title) {
      problems.push({ rule: 'pdf-title', message: 'the PDF has no title in its document information.', fix: 'Set info: { Title } when creating the PDF.' });
    } else {
      const prefs = (await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
      if (!prefs?.DisplayDocTitle) {
        problems.push({
          rule: 'pdf-display-title',
          message: 'the PDF does not ask viewers to show its title (ViewerPreferences /DisplayDocTitle), so they show the file name instead.',
          fix: 'Create the PDF with displayTitle: true.',
        });
      }
    }

    const language = typeof info.Language === 'string' ? info.Language.trim() : '';
    if (!language) {
      problems.push({ rule: 'pdf-language', message: 'the PDF does not say what language it is in (no /Lang).', fix: "Create the PDF with lang: 'en-GB'." });
    }

    const fast = options.fonts === 'pdfjs' ? undefined : notEmbeddedFontsFromObjects(bytes);
    const notEmbedded = new Set<string>(fast ?? []);
    for (let n = 1; fast === undefined && n <= doc.numPages; n++) {
      const page = n === 1 ? firstPage : await doc.getPage(n);
      const ops = await page.getOperatorList();
      const fontIds = new Set<string>();
      ops.fnArray.forEach((fn, i) => {
        if (fn === pdfjs.OPS.setFont) fontIds.add(String((ops.argsArray[i] as unknown[])[0]));
      });
      for (const id of fontIds) {
        let font: FontInfo | undefined;
        try {
          font = page.commonObjs.get(id) as FontInfo;
        } catch {
          continue;
        }
        if (font?.missingFile) notEmbedded.add(font.name ?? id);
      }
    }
    if (notEmbedded.size > 0) {
      problems.push({
        rule: 'pdf-fonts-embedded',
        message: `fonts are not embedded: ${[...notEmbedded].sort().join(', ')}. Readers' computers substitute other fonts, and text may not be extracted correctly.`,
        fix: "Register a real font file with doc.registerFont (the 14 built-in PDF fonts, such as Helvetica, cannot be embedded).",
      });
    }
  } finally {
    await doc.destroy();
  }
  return problems;
}
