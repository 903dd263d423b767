/**
 * npm run links -- --external [--timeout 15] [--concurrency 4]
 *
 * Checks every https link written in the notices with linkinator (src/history/external-links.ts) and reports dead
 * ones with file and line. It needs the network, so it is not part of the build. Exit code 1 when
 * any link is dead, 2 when the command is used wrongly.
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { formatDiagnostic, sortDiagnostics } from '../src/diagnostics/diagnostic.js';
import { checkExternalLinks, collectLinks, linkinatorUrlChecker } from '../src/history/external-links.js';
import { readNotices } from '../src/history/notice-source.js';

const USAGE = 'Usage: npm run links -- --external [--timeout <seconds>] [--concurrency <n>]';

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { external: { type: 'boolean', default: false }, timeout: { type: 'string', default: '15' }, concurrency: { type: 'string', default: '4' } }, strict: true }));
} catch (error) {
  usage(`${(error as Error).message}\n${USAGE}`);
}
if (!values.external) usage(`Links within the site are checked by the build. To check links to other sites (this needs the network), pass --external.\n${USAGE}`);
if (!/^\d{1,3}$/.test(values.timeout ?? '') || Number(values.timeout) < 1) usage('--timeout must be a whole number of seconds.');
if (!/^\d{1,2}$/.test(values.concurrency ?? '') || Number(values.concurrency) < 1) usage('--concurrency must be a whole number from 1.');

const { notices, diagnostics: unreadable } = await readNotices(process.cwd());
for (const d of unreadable) console.error(formatDiagnostic(d));
const uses = collectLinks(notices);
const { diagnostics, checked } = await checkExternalLinks(uses, linkinatorUrlChecker({ timeoutMs: Number(values.timeout) * 1000, concurrency: Number(values.concurrency) }));
for (const d of sortDiagnostics(diagnostics)) console.log(formatDiagnostic(d));
console.log(`${diagnostics.length > 0 ? '\n' : ''}Checked ${checked} address${checked === 1 ? '' : 'es'} (${uses.length} link${uses.length === 1 ? '' : 's'} in ${notices.length} notices): ${diagnostics.length === 0 ? 'all answered' : `${diagnostics.length} dead link${diagnostics.length === 1 ? '' : 's'}`}.`);
process.exit(diagnostics.length > 0 || unreadable.length > 0 ? 1 : 0);
