/** Messages about files as a whole: missing, unreadable, empty. */
import { define } from '../define.js';

export const generalMessages = {
  'file-missing': define<{ file: string }>({
    severity: 'error',
    summary: 'A file the site needs is not there.',
    message: () => 'this file is missing.',
    hint: () => 'Restore it from git, or create it (see README.md).',
    example: { file: 'data/site.yaml' },
  }),
  'file-empty': define({
    severity: 'error',
    summary: 'A YAML file has nothing in it.',
    message: () => 'this file is empty.',
    hint: () => 'Fill it in (see README.md), or delete it.',
    example: {},
  }),
};
