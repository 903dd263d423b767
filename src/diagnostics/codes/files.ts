/** Messages about putting the site's files in place. */
import { define } from '../define.js';

export const filesMessages = {
  'site-file-not-linked': define<{ from: string; to: string; reason: string }>({
    severity: 'error',
    summary: 'A file kept from an earlier build could not be put into the new site; the site published before is unchanged.',
    message: (p) => `${p.from} could not be put into the new site as ${p.to} (${p.reason}); the build stopped, and the site published before is unchanged.`,
    hint: () => 'It was checked a moment earlier: was .cache/ deleted or changed while the site was built, or is the disk full? Build again.',
    example: { from: '.cache/pdf/3f/3f2a.pdf', to: '_site/kent-early-help/kent-early-help.pdf', reason: 'ENOENT' },
  }),
};
