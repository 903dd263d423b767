/** What npm run import prints after an import: counts, suggestions, what it could not place, coverage. */
import { formatDiagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import type { ImportResult } from './import-notice.js';
import { coverageShare } from './sentences.js';

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

export function importReport(result: ImportResult): string[] {
  const { stats, coverage } = result;
  const lines = [
    `${result.written ? 'Wrote' : 'Would write'} ${result.out} (status: draft).`,
    `  ${plural(stats.sections, 'section')}, ${plural(stats.lists, 'list')}, ${plural(stats.tables, 'table')}, ${plural(stats.links, 'link')}, ${plural(stats.addresses, 'address', 'addresses')}.`,
    `  Contacts found in data/: ${stats.contacts.length > 0 ? stats.contacts.join(', ') : 'none'}.`,
    `  Suggestions to confirm: ${plural(stats.coverSuggestions, 'covers tag')}, ${plural(stats.contactSuggestions.length, 'contact detail')} for data/ (each marked "# suggested" or "# not in the source" in the file).`,
  ];
  if (result.organisationAdded) lines.push(`  ${result.written ? 'Added' : 'Would add'} ${result.draft.organisation} to data/organisations.yaml: complete its entry.`);
  for (const suggestion of stats.contactSuggestions) lines.push(`  For data/: ${suggestion}.`);
  for (const note of result.notes) lines.push(`  Note: ${note}`);
  if (result.unplaced.length === 0) lines.push('  Nothing was left out.');
  else {
    lines.push(`  Not placed (${result.unplaced.length}), also listed at the top of the file:`);
    for (const u of result.unplaced) lines.push(`    - ${u.what} ${u.where}${u.detail ? `: ${u.detail}` : ''}`);
  }
  const share = coverageShare(coverage);
  lines.push(`  Sentence coverage: ${(Math.floor(share * 1000) / 10).toFixed(1)}% (${coverage.found} of ${coverage.total} sentences of the source, in order${result.unplaced.length > 0 ? '; what is listed as not placed is not counted' : ''}).`);
  for (const sentence of coverage.missing.slice(0, 10)) lines.push(`    missing: "${sentence}"`);
  if (coverage.missing.length > 10) lines.push(`    … and ${coverage.missing.length - 10} more.`);
  const problems = result.diagnostics;
  if (problems.length === 0) lines.push('  npm run validate: the draft is valid.');
  else {
    lines.push(`  npm run validate: ${hasErrors(problems) ? 'the draft has errors to fix' : 'valid, with warnings'}:`);
    for (const d of problems) lines.push(...formatDiagnostic(d).split('\n').map((l) => `    ${l}`));
  }
  return lines;
}
