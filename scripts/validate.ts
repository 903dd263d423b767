/**
 * npm run validate: checks every notice and data file and reports every problem, without building.
 * Exit code 1 when there is any error.
 */
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { loadSite } from '../src/load/load-site.js';
import { printDiagnostics } from '../src/build/report.js';

const result = await loadSite(process.cwd());
printDiagnostics(result.diagnostics, console.log);
if (hasErrors(result.diagnostics)) process.exit(1);
console.log(`All ${result.site!.notices.length} notices are valid (${result.site!.published.length} published).`);
