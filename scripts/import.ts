/**
 * npm run import -- <file> --organisation <id> [--id <notice id>] [--out content/<organisation>/<id>.yaml]
 *                   [--name "New organisation"] [--force] [--dry-run]
 * Turns a Word, web page or text privacy notice into a draft notice. Exit code 2 for a usage
 * mistake, 1 when the file cannot be imported or the draft does not validate.
 */
import './start-up.js';
import { parseArgs } from 'node:util';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { importNotice } from '../src/import/import-notice.js';
import { ImportError, importError } from '../src/import/messages.js';
import { importReport } from '../src/import/report.js';

function fail(error: ImportError): never {
  console.error(`error [${error.code}] ${error.message}${error.hint ? `\n    ${error.hint}` : ''}`);
  process.exit(error.exitCode);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      organisation: { type: 'string' },
      id: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
}
try {
  args = parse();
} catch (error) {
  fail(importError('import-usage', { problem: error instanceof Error ? error.message.replace(/\.$/, '') : 'the options could not be read' }));
}

const [file, ...extra] = args.positionals;
if (!file) fail(importError('import-usage', { problem: 'no file given' }));
if (extra.length > 0) fail(importError('import-usage', { problem: `one file at a time: '${extra.join(' ')}' is more than one` }));
if (!args.values.organisation) fail(importError('import-usage', { problem: 'no --organisation given' }));

try {
  const result = await importNotice({
    root: process.cwd(),
    file,
    organisation: args.values.organisation,
    name: args.values.name,
    id: args.values.id,
    out: args.values.out,
    force: args.values.force,
    write: !args.values['dry-run'],
  });
  for (const line of importReport(result)) console.log(line);
  if (hasErrors(result.diagnostics)) process.exit(1);
} catch (error) {
  if (error instanceof ImportError) fail(error);
  throw error;
}
