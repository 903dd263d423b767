// The pdf.js half of the PDF check, in a worker thread of its own. Plain JavaScript on purpose:
// the worker starts without the TypeScript loader the scripts run under, which would otherwise
// transform pdf.js's 3 MB of modules and keep about 350 MB more in memory for the whole check
// (measured: 447 MB against 95 MB for the same PDF). It reads the facts; pdf.ts turns them into findings.
import { parentPort } from 'node:worker_threads';

const pdfjsPromise = import('pdfjs-dist/legacy/build/pdf.mjs');

async function read({ bytes, fontsWithPdfjs }) {
  const pdfjs = await pdfjsPromise;
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      fontExtraProperties: true,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
  try {
    const markInfo = await doc.getMarkInfo();
    const firstPage = await doc.getPage(1);
    const structTree = await firstPage.getStructTree();
    const { info } = await doc.getMetadata();
    const prefs = await doc.getViewerPreferences();
    const facts = {
      marked: Boolean(markInfo?.Marked),
      structTree: Boolean(structTree),
      title: typeof info.Title === 'string' ? info.Title.trim() : '',
      displayDocTitle: Boolean(prefs?.DisplayDocTitle),
      language: typeof info.Language === 'string' ? info.Language.trim() : '',
    };
    if (!fontsWithPdfjs) return facts;
    const notEmbedded = new Set();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = n === 1 ? firstPage : await doc.getPage(n);
      const ops = await page.getOperatorList();
      const fontIds = new Set();
      ops.fnArray.forEach((fn, i) => {
        if (fn === pdfjs.OPS.setFont) fontIds.add(String(ops.argsArray[i][0]));
      });
      for (const id of fontIds) {
        let font;
        try {
          font = page.commonObjs.get(id);
        } catch {
          continue;
        }
        if (font?.missingFile) notEmbedded.add(font.name ?? id);
      }
    }
    return { ...facts, notEmbedded: [...notEmbedded].sort() };
  } finally {
    await doc.destroy();
  }
}

parentPort.on('message', async ({ id, bytes, fontsWithPdfjs }) => {
  try {
    parentPort.postMessage({ id, facts: await read({ bytes, fontsWithPdfjs }) });
  } catch (error) {
    parentPort.postMessage({ id, facts: { unreadable: error instanceof Error ? error.message : String(error) } });
  }
});
