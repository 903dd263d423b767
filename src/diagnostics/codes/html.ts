/** Messages of the HTML stage: page templates in layouts/ that Eleventy cannot draw. */
import { define } from '../define.js';

export const htmlMessages = {
  'template-failed': define<{ reason: string }>({
    severity: 'error',
    summary: 'A template in layouts/ could not be drawn (a Nunjucks syntax mistake, or a name it does not know), so nothing was published.',
    message: (p) => `this template could not be drawn: ${p.reason.replace(/\.$/, '')}.`,
    hint: () => 'Fix the template there, or undo the last change to it (git diff layouts/ shows what changed), then build again.',
    example: { reason: 'unexpected token: %}' },
    exampleAt: { file: 'layouts/pages/notice.njk', line: 29, column: 55 },
  }),
};
