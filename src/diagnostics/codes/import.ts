/**
 * The messages `npm run import` prints when it cannot import a file. Usage mistakes exit with 2,
 * bad input with 1 (src/import/messages.ts).
 */
import { define } from '../define.js';

export const importMessages = {
  'import-usage': define<{ problem: string }>({
    severity: 'error',
    summary: 'The importer (npm run import) was called without a file or with an option it does not know.',
    message: (p) => `${p.problem}.`,
    hint: () => 'Run: npm run import -- <file.docx|.html|.md|.txt> --organisation <id> [--id <notice id>] [--out content/<organisation>/<id>.yaml] [--name "New organisation"] [--force]',
    example: { problem: 'no file given' },
  }),
  'import-file-missing': define<{ file: string }>({
    severity: 'error',
    summary: 'The file to import is not there.',
    message: (p) => `${p.file}: there is no such file.`,
    hint: () => 'Check the path; put quotes round it if it has spaces.',
    example: { file: 'notices/early-help.docx' },
  }),
  'import-unknown-format': define<{ file: string; extension: string }>({
    severity: 'error',
    summary: 'The file is not a kind the importer reads.',
    message: (p) => `${p.file}: '${p.extension || 'no extension'}' files cannot be imported.`,
    hint: () => 'Save the notice as a Word .docx, a web page (.html), or text (.md or .txt), then import that.',
    example: { file: 'notice.pdf', extension: '.pdf' },
  }),
  'import-too-large': define<{ file: string; megabytes: number; limit: number }>({
    severity: 'error',
    summary: 'The file is larger than the importer accepts.',
    message: (p) => `${p.file} is ${p.megabytes} MB, more than the ${p.limit} MB the importer reads.`,
    hint: () => 'A privacy notice is rarely that big: remove pictures from the document, or save just the notice, and import again.',
    example: { file: 'notice.docx', megabytes: 31, limit: 20 },
  }),
  'import-empty': define<{ file: string }>({
    severity: 'error',
    summary: 'The document has no text to import.',
    message: (p) => `${p.file} has no text in it.`,
    hint: () => 'Check it is the right file. A scanned notice is a picture of text: it needs typing up first.',
    example: { file: 'notice.docx' },
  }),
  'import-not-docx': define<{ file: string }>({
    severity: 'error',
    summary: 'A .docx file that is not a Word document.',
    message: (p) => `${p.file} is not a Word .docx document.`,
    hint: () => 'Open it in Word and use Save As, choosing "Word Document (.docx)", then import the new file.',
    example: { file: 'notice.docx' },
  }),
  'import-docx-protected': define<{ file: string }>({
    severity: 'error',
    summary: 'A Word document that is password-protected, or in the old .doc format.',
    message: (p) => `${p.file} is password-protected or an old Word .doc file, which cannot be read.`,
    hint: () => 'Open it in Word, remove the password (File > Info > Protect Document) and save it as "Word Document (.docx)", then import the new file.',
    example: { file: 'notice.docx' },
  }),
  'import-docx-corrupt': define<{ file: string; reason: string }>({
    severity: 'error',
    summary: 'A Word document that is damaged.',
    message: (p) => `${p.file} is damaged and cannot be read (${p.reason}).`,
    hint: () => 'Open it in Word (it offers to repair it) and save it again, or ask for a fresh copy, then import again.',
    example: { file: 'notice.docx', reason: 'no word/document.xml' },
  }),
  'import-notice-exists': define<{ id: string; file: string }>({
    severity: 'error',
    summary: 'A notice with the id the import would use already exists.',
    message: (p) => `a notice with the id '${p.id}' already exists (${p.file}).`,
    hint: () => 'Choose another id with --id, or add --force to replace it.',
    example: { id: 'early-help', file: 'content/kent-county-council/early-help.yaml' },
  }),
  'import-unknown-organisation': define<{ id: string; known: string }>({
    severity: 'error',
    summary: 'The organisation given to the importer is not in data/organisations.yaml.',
    message: (p) => `there is no organisation with the id '${p.id}' in data/organisations.yaml.`,
    hint: (p) => `Use one of: ${p.known}; or add it with --name "Its full name".`,
    example: { id: 'kent', known: 'kent-county-council' },
  }),
  'import-organisation-exists': define<{ id: string }>({
    severity: 'error',
    summary: 'The option --name was given for an organisation that already exists.',
    message: (p) => `the organisation '${p.id}' already exists, so --name is not needed.`,
    hint: () => 'Leave out --name to import into it, or choose a new id.',
    example: { id: 'kent-county-council' },
  }),
  'import-bad-id': define<{ id: string; option: string }>({
    severity: 'error',
    summary: 'An id given to the importer is not lower-case letters, digits and hyphens.',
    message: (p) => `${p.option} '${p.id}' is not a valid id.`,
    hint: () => 'Use lower-case letters, digits and single hyphens, e.g. early-help.',
    example: { id: 'Early Help', option: '--id' },
  }),
};
