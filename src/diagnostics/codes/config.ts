/** Messages about the environment the scripts run in (src/config.ts). */
import { define } from '../define.js';

export const configMessages = {
  'bad-site-url': define<{ variable: string; value: string }>({
    severity: 'error',
    summary: 'The SITE_URL environment variable is not a web address.',
    message: (p) => `${p.variable} must be a web address starting https:// (it is '${p.value}').`,
    hint: (p) => `Set ${p.variable} to the address the site is published at, e.g. https://council.github.io, or unset it to use data/site.yaml.`,
    example: { variable: 'SITE_URL', value: 'council.gov.uk' },
    exampleAt: { file: '(environment)', line: 0, column: 0 },
  }),
  'bad-path-prefix': define<{ variable: string; value: string }>({
    severity: 'error',
    summary: 'The PATH_PREFIX environment variable is not a folder path.',
    message: (p) => `${p.variable} must be a folder such as /notices/ (it is '${p.value}').`,
    hint: (p) => `Set ${p.variable} to letters, digits, dots, hyphens and underscores between slashes, e.g. /privacy-notices/, or / for the root.`,
    example: { variable: 'PATH_PREFIX', value: '/a b/' },
    exampleAt: { file: '(environment)', line: 0, column: 0 },
  }),
  'bad-output-format': define<{ value: string }>({
    severity: 'error',
    summary: 'The --format option names a format the scripts cannot print.',
    message: (p) => `--format must be text or json (it is '${p.value}').`,
    hint: () => 'Use --format json for one JSON object per line, or leave it out for text.',
    example: { value: 'xml' },
    exampleAt: { file: '(command line)', line: 0, column: 0 },
  }),
};
