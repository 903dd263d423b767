/** What the command-line scripts print: problems first, then where the time went. */
import { formatDiagnostic, sortDiagnostics, summarise, type Diagnostic } from '../load/diagnostics.js';
import type { StageTiming } from './build.js';

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
