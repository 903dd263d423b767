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

export async function checkPdf(bytes: Uint8Array): Promise<PdfProblem[]> {
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

    const notEmbedded = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
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
