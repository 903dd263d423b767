/**
 * PDF checks with pdfjs-dist (no poppler needed at run time), the automatic part of PDF/UA that
 * matters most to people using screen readers:
 * - tagged: the catalogue has a structure tree (StructTreeRoot) and MarkInfo /Marked true;
 * - a title in the document information, shown in the window title (ViewerPreferences DisplayDocTitle);
 * - the document language (catalogue /Lang);
 * - every font used on every page is embedded (as `pdffonts` shows in its "emb" column).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { finding } from '../finding.js';
import type { Finding, PageCheck, PageToCheck } from '../types.js';

const require = createRequire(import.meta.url);

export function pdfjsVersion(): string {
  return (require('pdfjs-dist/package.json') as { version: string }).version;
}

interface PdfFacts {
  unreadable?: string;
  marked?: boolean;
  structTree?: boolean;
  title?: string;
  displayDocTitle?: boolean;
  language?: string;
  /** Only when pdf.js looked for them (fonts: 'pdfjs', or objects the quick reader cannot unpack). */
  notEmbedded?: string[];
}

/** The worker thread that runs pdf.js (pdf-reader.mjs), one for a run of the gate. */
export interface PdfReader {
  read(bytes: Uint8Array, fontsWithPdfjs: boolean): Promise<PdfFacts>;
  /** Ends the worker and frees its memory; a later read starts a new one. */
  close(): Promise<void>;
}

/**
 * Started on first use, without the TypeScript loader (execArgv: []), and not keeping the process
 * alive when idle.
 */
export function pdfReader(): PdfReader {
  let current: { worker: Worker; next: number; waiting: Map<number, (facts: PdfFacts) => void> } | undefined;
  const start = () => {
    const worker = new Worker(new URL('./pdf-reader.mjs', import.meta.url), { execArgv: [] });
    const state = { worker, next: 0, waiting: new Map<number, (facts: PdfFacts) => void>() };
    const fail = (reason: string) => {
      for (const resolve of state.waiting.values()) resolve({ unreadable: reason });
      state.waiting.clear();
      if (current === state) current = undefined;
    };
    worker.on('message', ({ id, facts }: { id: number; facts: PdfFacts }) => {
      state.waiting.get(id)?.(facts);
      state.waiting.delete(id);
      if (state.waiting.size === 0) worker.unref();
    });
    worker.on('error', (error) => fail(`the PDF reader failed (${error.message})`));
    worker.on('exit', (code) => fail(`the PDF reader stopped (exit code ${code})`));
    return state;
  };
  return {
    read(bytes, fontsWithPdfjs) {
      current ??= start();
      const state = current;
      const id = state.next++;
      state.worker.ref();
      return new Promise((resolve) => {
        state.waiting.set(id, resolve);
        const copy = new Uint8Array(bytes);
        state.worker.postMessage({ id, bytes: copy, fontsWithPdfjs }, [copy.buffer]);
      });
    },
    async close() {
      const state = current;
      current = undefined;
      if (state) await state.worker.terminate();
    },
  };
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
  /** The run's reader; without one, a reader is started for this PDF alone and ended after it. */
  reader?: PdfReader;
}

export async function checkPdf(bytes: Uint8Array, options: CheckPdfOptions = {}): Promise<Finding[]> {
  const page = options.page ?? '(PDF)';
  const place = (rule: string) => ({ check: 'pdf', page, source: options.source, rule, element: page.replace(/^\//, '') });
  const fast = options.fonts === 'pdfjs' ? undefined : notEmbeddedFontsFromObjects(bytes);
  const ownReader = options.reader ? undefined : pdfReader();
  let facts: PdfFacts;
  try {
    facts = await (options.reader ?? ownReader!).read(bytes, fast === undefined);
  } finally {
    await ownReader?.close();
  }
  if (facts.unreadable !== undefined) return [finding('pdf-unreadable', { page, reason: facts.unreadable }, place('pdf-unreadable'))];
  const problems: Finding[] = [];
  if (!facts.marked || !facts.structTree) {
    const missing = [!facts.structTree && 'no structure tree (StructTreeRoot)', !facts.marked && 'MarkInfo /Marked is not true'].filter(Boolean).join(' and ');
    problems.push(finding('pdf-not-tagged', { page, missing }, place('pdf-tagged')));
  }
  if (!facts.title) problems.push(finding('pdf-no-title', { page }, place('pdf-title')));
  else if (!facts.displayDocTitle) problems.push(finding('pdf-title-not-shown', { page }, place('pdf-display-title')));
  if (!facts.language) problems.push(finding('pdf-no-language', { page }, place('pdf-language')));
  const notEmbedded = fast ?? facts.notEmbedded ?? [];
  if (notEmbedded.length > 0) {
    problems.push(finding('pdf-fonts-not-embedded', { page, fonts: [...notEmbedded].sort().join(', ') }, place('pdf-fonts-embedded')));
  }
  return problems;
}

export function pdfCheck(): PageCheck {
  const version = pdfjsVersion();
  const reader = pdfReader();
  return {
    name: 'pdf',
    version,
    appliesTo: ['pdf'],
    describe: () => ({ name: 'pdf', tool: `pdf.js ${version}`, purpose: 'to check every PDF is tagged, has a title and a language, and embeds its fonts' }),
    async check(item: PageToCheck): Promise<Finding[]> {
      if (item.kind !== 'pdf') return [];
      return checkPdf(await item.read(), { page: item.path, source: item.source, reader });
    },
    finished: () => reader.close(),
  };
}
