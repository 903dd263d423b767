/**
 * Small hand-written sites for npm run check:engines and the gate's tests, written into temporary
 * folders: a stylesheet, pages that pass, one page for each problem the gate must catch, and two
 * PDFs made with pdfkit (one tagged, with an embedded font; one untagged, with a built-in font).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const CSS = `html { font-family: Arial, sans-serif; color: #0b0c0c; background: #ffffff; line-height: 1.5; }
a { color: #1d70b8; }
.faint { color: #b1b4b6; }
.tiny { display: inline-block; width: 10px; height: 10px; overflow: hidden; font-size: 8px; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 0; }
`;

export function page(title: string, body: string, prefix = '/'): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} – Test site</title>
  <link rel="stylesheet" href="${prefix}assets/site.css">
</head>
<body>
  <a class="skip-link" href="#main-content">Skip to main content</a>
  <header>
    <nav aria-label="Site">
      <ul>
        <li><a href="${prefix}">Home</a></li>
      </ul>
    </nav>
  </header>
  <main id="main-content">
${body}
  </main>
  <footer>
    <p>Test footer.</p>
  </footer>
</body>
</html>
`;
}

export async function makePdf(tagged: boolean, title = 'Test notice'): Promise<Buffer> {
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const doc = tagged
    ? new PDFDocument({ pdfVersion: '1.7', tagged: true, lang: 'en-GB', displayTitle: true, info: { Title: title } } as PDFKit.PDFDocumentOptions)
    : new PDFDocument({});
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (tagged) {
    doc.registerFont('Body', require.resolve('@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff'));
    doc.font('Body');
    // @types/pdfkit lacks the struct(type, drawing) form that pdfkit documents.
    const struct = doc.struct.bind(doc) as unknown as (type: string, drawing?: () => void) => PDFKit.PDFStructureElement;
    const root = struct('Document');
    doc.addStructure(root);
    const heading = struct('H1', () => {
      doc.fontSize(20).text(title);
    });
    root.add(heading);
    heading.end();
    const para = struct('P', () => {
      doc.fontSize(12).text('This PDF is tagged, has a title and a language, and embeds its font.');
    });
    root.add(para);
    para.end();
    root.end();
  } else {
    doc.text('This PDF has no tags, no title, no language, and uses Helvetica, which is not embedded.');
  }
  doc.end();
  return done;
}

export async function writeSite(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

export async function tempDir(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `gate-${name}-`));
}

/** Pages that pass every check. */
export function goodPages(prefix = '/'): Record<string, string> {
  return {
    'assets/site.css': CSS,
    'index.html': page(
      'Home',
      `    <h1>Test site</h1>
    <p>Pages: <a href="${prefix}good/">a good page</a>, <a href="${prefix}good/#details">its details</a> and <a href="${prefix}other/">another page</a>.</p>
    <p><a href="${prefix}docs/tagged.pdf">Download the tagged PDF (PDF, 2 KB)</a></p>`,
      prefix,
    ),
    'good/index.html': page(
      'A good page',
      `    <h1>A good page</h1>
    <p>This page has headings in order, readable text and working links.</p>
    <h2 id="details">Details</h2>
    <p>See <a href="#details">this section</a> and <a href="${prefix}">the home page</a>.</p>
    <h3>More details</h3>
    <p>Nothing is missing here.</p>`,
      prefix,
    ),
    'other/index.html': page(
      'Another page',
      `    <h1>Another page</h1>
    <p>Back to <a href="../good/">the good page</a>.</p>`,
      prefix,
    ),
  };
}

/** One page per problem the gate must catch. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export function problemPages(): Record<string, string | Buffer> {
  return {
    'no-alt/index.html': page('Image without alt text', `    <h1>Image without alt text</h1>\n    <img src="/assets/photo.png" width="40" height="40">`),
    'assets/photo.png': PNG,
    'low-contrast/index.html': page('Low contrast', `    <h1>Low contrast</h1>\n    <p class="faint">This grey text is too faint to read on white.</p>`),
    'skipped-heading/index.html': page('Skipped heading', `    <h1>Skipped heading</h1>\n    <p>Introduction.</p>\n    <h3>A heading two levels down</h3>\n    <p>Text.</p>`),
    'broken-link/index.html': page('Broken link', `    <h1>Broken link</h1>\n    <p>See <a href="/missing-page/">a page that does not exist</a>.</p>`),
    'small-targets/index.html': page('Small targets', `    <h1>Small targets</h1>\n    <div><a class="tiny" href="/good/">A</a><a class="tiny" href="/other/">B</a></div>`),
    'untagged-pdf/index.html': page('Untagged PDF', `    <h1>Untagged PDF</h1>\n    <p><a href="/docs/untagged.pdf">Download the untagged PDF (PDF, 1 KB)</a></p>`),
  };
}
