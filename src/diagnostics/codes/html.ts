/** Messages of the HTML stage: page templates in layouts/ that Eleventy cannot draw, and the project's JavaScript files it cannot run. */
import { define } from '../define.js';

export const htmlMessages = {
  'eleventy-script-failed': define<{ reason: string }>({
    severity: 'error',
    summary: "A JavaScript file of the project that Eleventy runs (.eleventy.js, with a council's own filters or plugins, or a template's .11tydata.js) could not be run, so nothing was published.",
    message: (p) => `this file could not be run: ${p.reason.replace(/\.$/, '')}.`,
    hint: () => 'Fix the line given (the file is plain JavaScript), or undo the last change to it (git diff shows what changed), then build again.',
    example: { reason: 'undefinedThing is not defined' },
    exampleAt: { file: '.eleventy.js', line: 6, column: 3 },
  }),
  'template-failed': define<{ reason: string }>({
    severity: 'error',
    summary: 'A template in layouts/ could not be drawn (a Nunjucks syntax mistake, or a name it does not know), so nothing was published.',
    message: (p) => `this template could not be drawn: ${p.reason.replace(/\.$/, '')}.`,
    hint: () => 'Fix the template there, or undo the last change to it (git diff layouts/ shows what changed), then build again.',
    example: { reason: 'unexpected token: %}' },
    exampleAt: { file: 'layouts/pages/notice.njk', line: 29, column: 55 },
  }),
};
