/** Messages about files as a whole: missing, unreadable, empty, not YAML. */
import { define } from '../define.js';

export const generalMessages = {
  'file-missing': define<{ file: string }>({
    severity: 'error',
    summary: 'A file the site needs is not there.',
    message: () => 'this file is missing.',
    hint: () => 'Restore it from git, or create it (see README.md).',
    example: { file: 'data/site.yaml' },
    exampleAt: { file: 'data/site.yaml', line: 0, column: 0 },
  }),
  'file-empty': define({
    severity: 'error',
    summary: 'A YAML file has nothing in it.',
    message: () => 'this file is empty.',
    hint: () => 'Fill it in (see README.md), or delete it.',
    example: {},
    exampleAt: { file: 'content/kent-county-council/new-notice.yaml', line: 1, column: 1 },
  }),
  'file-unreadable': define<{ reason: string }>({
    severity: 'error',
    summary: 'A file is there but cannot be read.',
    message: (p) => `this file cannot be read: ${p.reason}.`,
    hint: () => 'Check that it is a readable text file (and not a folder).',
    example: { reason: 'EACCES: permission denied' },
    exampleAt: { file: 'data/organisations.yaml', line: 0, column: 0 },
  }),
  'yaml-syntax': define<{ reason: string }>({
    severity: 'error',
    summary: 'A file is not valid YAML, so nothing in it can be checked.',
    message: (p) => `YAML syntax error: ${p.reason}.`,
    hint: (p) => yamlHint(p.reason),
    example: { reason: 'bad indentation of a mapping entry' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 14, column: 8 },
  }),
};

/** What usually causes a js-yaml error, in words a writer can act on. */
function yamlHint(reason: string): string {
  if (/duplicated mapping key/.test(reason)) return 'A field is written twice in the same place: remove or rename one of them.';
  if (/bad indentation|end of the stream or a document separator|expected <block end>/.test(reason))
    return 'Check the indentation: fields of the same item line up, and list items start with "- " at the same column. Text containing ": " must be in quotes.';
  if (/unexpected end of the stream within a (double|single) quoted scalar/.test(reason)) return 'A quoted text is never closed: add the closing quote mark.';
  if (/tab/.test(reason)) return 'Indent with spaces, not tabs.';
  return 'Check the line shown and the one before it. Text that contains a colon followed by a space, or starts with a quote, * or [, must be put in quotes.';
}
