/**
 * PDF checks with pdfjs-dist (no poppler needed at run time), the automatic part of PDF/UA that
 * matters most to people using screen readers:
 * - tagged: the catalogue has a structure tree (StructTreeRoot) and MarkInfo /Marked true;
 * - a title in the document information, shown in the window title (ViewerPreferences DisplayDocTitle);
 * - the document language (catalogue /Lang);
 * - every font used on every page is embedded (as `pdffonts` shows in its "emb" column).
 */
import { createRequire } from 'node:module';
import { finding } from '../finding.js';
import type { Finding, PageCheck, PageToCheck } from '../types.js';

const require = createRequire(import.meta.url);

export function pdfjsVersion(): string {
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}

function loadPdfJs() {
  // Node caches the module: importing it per PDF costs nothing after the first.
  return import('pdfjs-dist/legacy/build/pdf.mjs');
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

export interface CheckPdfOptions {
  /** Site path of the PDF, for the findings. */
  page?: string;
  source?: string;
  /** 'pdfjs': find fonts that are not embedded with pdf.js even when the file's objects can be read directly. */
  fonts?: 'auto' | 'pdfjs';
}

export async function checkPdf(bytes: Uint8Array, options: CheckPdfOptions = {}): Promise<Finding[]> {
  const pdfjs = await loadPdfJs();
  const page = options.page ?? '(PDF)';
  const place = (rule: string) => ({ check: 'pdf', page, source: options.source, rule, element: page.replace(/^\//, '') });
  const problems: Finding[] = [];
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
    return [finding('pdf-unreadable', { page, reason: error instanceof Error ? error.message : String(error) }, place('pdf-unreadable'))];
  }
  try {
    const markInfo = await doc.getMarkInfo();
    const firstPage = await doc.getPage(1);
    const structTree = await firstPage.getStructTree();
    if (!markInfo?.Marked || !structTree) {
      const missing = [!structTree && 'no structure tree (StructTreeRoot)', !markInfo?.Marked && 'MarkInfo /Marked is not true'].filter(Boolean).join(' and ');
      problems.push(finding('pdf-not-tagged', { page, missing }, place('pdf-tagged')));
    }

    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    const title = typeof info.Title === 'string' ? info.Title.trim() : '';
    if (!title) {
      problems.push(finding('pdf-no-title', { page }, place('pdf-title')));
    } else {
      const prefs = (await doc.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
      if (!prefs?.DisplayDocTitle) {
        problems.push(finding('pdf-title-not-shown', { page }, place('pdf-display-title')));
      }
    }

    const language = typeof info.Language === 'string' ? info.Language.trim() : '';
    if (!language) {
      problems.push(finding('pdf-no-language', { page }, place('pdf-language')));
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
      problems.push(finding('pdf-fonts-not-embedded', { page, fonts: [...notEmbedded].sort().join(', ') }, place('pdf-fonts-embedded')));
    }
  } finally {
    await doc.destroy();
  }
  return problems;
}

export function pdfCheck(): PageCheck {
  const version = pdfjsVersion();
  return {
    name: 'pdf',
    version,
    appliesTo: ['pdf'],
    describe: () => ({ name: 'pdf', tool: `pdf.js ${version}`, purpose: 'to check every PDF is tagged, has a title and a language, and embeds its fonts' }),
    async check(item: PageToCheck): Promise<Finding[]> {
      if (item.kind !== 'pdf') return [];
      return checkPdf(await item.read(), { page: item.path, source: item.source });
    },
  };
}
