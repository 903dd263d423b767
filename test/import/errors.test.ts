/** Bad input gets one clear message naming the file and what to do, and the right exit code. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, InsertedTextRun, DeletedTextRun, Packer, Paragraph, TextRun, Textbox, HeadingLevel } from 'docx';
import { importNotice, type ImportOptions } from '../../src/import/import-notice.js';
import { ImportError } from '../../src/import/messages.js';
import { REPO_ROOT } from '../helpers/project.js';
import { importProject, type ImportProject } from './helpers.js';

let project: ImportProject;
const TEXT = 'Who we are\n\nWe are Kent County Council. We look after your information.\n';

beforeAll(async () => {
  project = await importProject();
  await writeFile(path.join(project.root, 'notice.txt'), TEXT);
});
afterAll(() => project.cleanup());

async function failure(options: Partial<ImportOptions> & { file: string }): Promise<ImportError> {
  const error = await importNotice({ root: project.root, organisation: 'kent-county-council', write: false, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

async function file(name: string, data: string | Buffer): Promise<string> {
  const target = path.join(project.root, name);
  await writeFile(target, data);
  return target;
}

describe('bad input', () => {
  it('a .docx that is really text', async () => {
    const error = await failure({ file: await file('notice.docx', 'This is not a Word file.') });
    expect(error).toMatchObject({ code: 'import-not-docx', exitCode: 1, message: 'notice.docx is not a Word .docx document.' });
    expect(error.hint).toMatch(/Save As/);
  });

  it('a password-protected (or old .doc) file', async () => {
    const error = await failure({ file: await file('locked.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])) });
    expect(error).toMatchObject({ code: 'import-docx-protected', exitCode: 1 });
    expect(error.message).toContain('locked.docx');
    expect(error.hint).toMatch(/remove the password/);
  });

  it('a damaged .docx', async () => {
    const error = await failure({ file: await file('broken.docx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)])) });
    expect(error).toMatchObject({ code: 'import-docx-corrupt', exitCode: 1 });
    expect(error.message).toMatch(/^broken\.docx is damaged/);
  });

  it('an empty file, and a document with no text', async () => {
    expect(await failure({ file: await file('empty.txt', '') })).toMatchObject({ code: 'import-empty', message: 'empty.txt has no text in it.' });
    expect(await failure({ file: await file('blank.html', '<html><body><main> </main></body></html>') })).toMatchObject({ code: 'import-empty' });
    const blankWord = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] }));
    expect(await failure({ file: await file('blank.docx', blankWord) })).toMatchObject({ code: 'import-empty' });
  });

  it('a file over the size limit', async () => {
    const error = await failure({ file: path.join(project.root, 'notice.txt'), maxBytes: 10 });
    expect(error).toMatchObject({ code: 'import-too-large', exitCode: 1 });
  });

  it('a format it does not read, and a file that is not there (usage mistakes)', async () => {
    expect(await failure({ file: await file('notice.pdf', '%PDF-1.7') })).toMatchObject({ code: 'import-unknown-format', exitCode: 2 });
    expect(await failure({ file: 'nowhere.txt' })).toMatchObject({ code: 'import-file-missing', exitCode: 2 });
  });

  it('an organisation that does not exist, unless --name adds it', async () => {
    const error = await failure({ file: 'notice.txt', organisation: 'kent' });
    expect(error).toMatchObject({ code: 'import-unknown-organisation', exitCode: 2 });
    expect(error.hint).toContain('kent-county-council');
    expect(await failure({ file: 'notice.txt', name: 'Kent' })).toMatchObject({ code: 'import-organisation-exists' });
    expect(await failure({ file: 'notice.txt', id: 'Who We Are' })).toMatchObject({ code: 'import-bad-id', exitCode: 2 });
    expect(await failure({ file: 'notice.txt', out: '../elsewhere.yaml' })).toMatchObject({ code: 'import-usage', exitCode: 2 });
  });
});

describe('an id that already exists', () => {
  it('is refused, unless --force replaces the same file', async () => {
    const first = await importNotice({ root: project.root, file: 'notice.txt', organisation: 'kent-county-council', id: 'who-we-are' });
    expect(first.out).toBe('content/kent-county-council/who-we-are.yaml');
    const error = await failure({ file: 'notice.txt', id: 'who-we-are' });
    expect(error).toMatchObject({ code: 'import-notice-exists', exitCode: 1 });
    expect(error.message).toContain('content/kent-county-council/who-we-are.yaml');
    await expect(importNotice({ root: project.root, file: 'notice.txt', organisation: 'kent-county-council', id: 'who-we-are', force: true })).resolves.toBeDefined();
    // Another file with the same id would clash on the site, so --force does not help there.
    expect(await failure({ file: 'notice.txt', id: 'who-we-are', out: 'content/kent-county-council/other.yaml', force: true })).toMatchObject({ code: 'import-notice-exists' });
  });
});

describe('a new organisation', () => {
  it('is appended to data/organisations.yaml, keeping its comments and layout', async () => {
    const before = await readFile(path.join(project.root, 'data/organisations.yaml'), 'utf8');
    const result = await importNotice({ root: project.root, file: 'notice.txt', organisation: 'westdale-council', name: 'Westdale Council: "North"', id: 'westdale-notice' });
    const after = await readFile(path.join(project.root, 'data/organisations.yaml'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(`\nwestdale-council:\n  name: 'Westdale Council: "North"'\n  # Added by npm run import: add a description, website and contact points (see README.md, "Shared data").\n`);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.out).toBe('content/westdale-council/westdale-notice.yaml');
  });
});

describe('what a Word file hides', () => {
  it('reports tracked changes and text boxes, with what the draft did with them', async () => {
    const changed = { author: 'A. Editor', date: '2025-01-01T00:00:00Z' };
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Who we are', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [new TextRun('We are a council. '), new InsertedTextRun({ ...changed, id: 1, text: 'We look after your information.' }), new DeletedTextRun({ ...changed, id: 2, text: 'We sell it.' })],
            }),
            new Textbox({ style: { width: '200pt', height: '50pt' }, children: [new Paragraph('Call us on 01234 567890.')] }),
          ],
        },
      ],
    });
    const result = await importNotice({ root: project.root, file: await file('changes.docx', await Packer.toBuffer(doc)), organisation: 'kent-county-council', id: 'changes', write: false });
    expect(result.notes.join('\n')).toMatch(/tracked changes \(1 insertions, 1 deletions\)/);
    expect(result.notes.join('\n')).toMatch(/1 text box/);
    expect(result.yaml).not.toContain('We sell it.');
    expect(result.yaml).toContain('Note: The document has tracked changes');
  });
});

describe('npm run import (the script)', () => {
  const run = promisify(execFile);
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  const script = path.join(REPO_ROOT, 'scripts/import.ts');

  it('exits with 2 for a usage mistake and 1 for a bad file, with a one-line error', async () => {
    const usage = await run(tsx, [script, 'notice.txt'], { cwd: project.root }).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toMatch(/^error \[import-usage\] no --organisation given\./);
    const bad = await run(tsx, [script, 'notice.docx', '--organisation', 'kent-county-council'], { cwd: project.root }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toMatch(/^error \[import-not-docx\] notice\.docx is not a Word \.docx document\.\n/);
  });
});
