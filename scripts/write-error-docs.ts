/** npm run docs:errors: regenerates docs/errors.md from the error catalogue (src/diagnostics/codes/). */
import './start-up.js';
import { renderErrorDocs } from '../src/diagnostics/docs.js';
import { writeFileAtomic } from '../src/files/write-atomic.js';

await writeFileAtomic('docs/errors.md', renderErrorDocs());
console.log('wrote docs/errors.md');
