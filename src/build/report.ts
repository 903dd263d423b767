/** What the command-line scripts print: problems first, then where the time went. */
import { formatDiagnostic, sortDiagnostics, summarise, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatReadability } from '../easyread/readability.js';
import type { BuildResult, StageTiming } from './build.js';

export function printDiagnostics(diagnostics: Diagnostic[], out: (line: string) => void = console.error): void {
  if (diagnostics.length === 0) return;
  for (const d of sortDiagnostics(diagnostics)) out(formatDiagnostic(d));
  out(`\n${summarise(diagnostics)}.`);
}

export function formatTimings(timings: StageTiming[]): string[] {
  const rows = timings.map((t) => [t.stage, `${(t.ms / 1000).toFixed(2)} s`, `${Math.round(t.peakRss / 1024 / 1024)} MB`]);
  const widths = [0, 1, 2].map((i) => Math.max(...[['stage', 'time', 'peak memory'][i]!.length, ...rows.map((r) => r[i]!.length)]));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(['stage', 'time', 'peak memory']), ...rows.map(line)];
}

export function printTimings(timings: StageTiming[], out: (line: string) => void = console.log): void {
  out('');
  for (const line of formatTimings(timings)) out(line);
}

/**
 * The end of a build's output: what failed (and that nothing was published), or the warnings of
 * later stages, the stage timings, the readability figures and what was built. True when the build
 * published the site.
 */
export function printBuildOutcome(result: BuildResult, outLabel: string): boolean {
  for (const warning of result.pdfWarnings ?? []) console.error(`warning (PDF): ${warning}`);
  if (result.gate?.pa11ySkipped) console.error(`\nwarning: ${result.gate.pa11ySkipped}`);
  if (result.failure) console.error(`\nThe build failed: ${result.failure}`);
  if (!result.ok) {
    console.error(`\nNothing was published: the previous ${outLabel}/ is unchanged. Fix the problems above and build again.`);
    return false;
  }
  printTimings(result.timings);
  if (result.pdf) console.log(`PDFs: ${result.pdf.rendered} rendered, ${result.pdf.fromCache} unchanged (from the cache).`);
  if (result.readability) console.log(['', ...formatReadability(result.readability), 'Written to reports/readability.json.'].join('\n'));
  const checked = result.gate ? ` and checked (${result.gate.counts.pages} pages, ${result.gate.counts.pdfs} PDFs; ${result.gate.counts.cached} unchanged since they last passed)` : ' (not checked: --no-check)';
  console.log(`\nBuilt ${result.site!.published.length} notices (${result.pages} pages)${checked} into ${result.outDir}.`);
  return true;
}
