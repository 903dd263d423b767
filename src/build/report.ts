/**
 * What the command-line scripts print: problems first, then where the time went. Every script
 * prints diagnostics through printDiagnostics, so they look the same everywhere:
 * - text (the default): file:line:col severity [code] path: message, then the hint, then a count;
 * - json (--format json): one JSON object per diagnostic on stdout and nothing else there (the
 *   count and progress go to stderr), for editors and tools;
 * - under GitHub Actions (GITHUB_ACTIONS=true), also one ::error / ::warning annotation per
 *   diagnostic, which GitHub shows on the pull request's lines.
 */
import { formatDiagnostic, sortDiagnostics, summarise, type Diagnostic } from '../diagnostics/diagnostic.js';
import { toGithubAnnotation, toJsonLine, type OutputFormat } from '../diagnostics/format.js';
import { formatReadability } from '../easyread/readability.js';
import type { BuildResult, StageTiming } from './build.js';

type Line = (line: string) => void;

export interface PrintOptions {
  /** Default: text. */
  format?: OutputFormat;
  /** Also print GitHub annotations (readEnvironment(process.env).environment.githubActions). */
  githubActions?: boolean;
  /** Where text goes. Default: console.error. */
  out?: Line;
  /** Where JSON lines go. Default: console.log (stdout). */
  json?: Line;
}

/** Prints diagnostics in the chosen format. `options` may also be just the text output (older callers). */
export function printDiagnostics(diagnostics: Diagnostic[], options: PrintOptions | Line = {}): void {
  const { format = 'text', githubActions = false, out = console.error, json = console.log } = typeof options === 'function' ? { out: options } : options;
  const sorted = sortDiagnostics(diagnostics);
  if (format === 'json') {
    for (const d of sorted) json(toJsonLine(d));
    // Annotations are not JSON: they go with the text, never between the JSON lines.
    if (githubActions) for (const d of sorted) console.error(toGithubAnnotation(d));
    if (diagnostics.length) console.error(`${summarise(diagnostics)}.`);
    return;
  }
  if (githubActions) for (const d of sorted) console.log(toGithubAnnotation(d));
  if (diagnostics.length === 0) return;
  for (const d of sorted) out(formatDiagnostic(d));
  out(`\n${summarise(diagnostics)}.`);
}

export function formatTimings(timings: StageTiming[]): string[] {
  const rows = timings.map((t) => [t.stage, `${(t.ms / 1000).toFixed(2)} s`, `${Math.round(t.peakRss / 1024 / 1024)} MB`]);
  const widths = [0, 1, 2].map((i) => Math.max(...[['stage', 'time', 'peak memory'][i]!.length, ...rows.map((r) => r[i]!.length)]));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(['stage', 'time', 'peak memory']), ...rows.map(line)];
}

export function printTimings(timings: StageTiming[], out: Line = console.log): void {
  out('');
  for (const line of formatTimings(timings)) out(line);
}

/**
 * The end of a build's output: what failed (and that nothing was published), or the warnings of
 * later stages, the stage timings, the readability figures and what was built. True when the build
 * published the site. With --format json everything here goes to stderr, leaving stdout to the
 * diagnostics.
 */
export function printBuildOutcome(result: BuildResult, outLabel: string, options: { format?: OutputFormat } = {}): boolean {
  const info: Line = options.format === 'json' ? console.error : console.log;
  for (const warning of result.pdfWarnings ?? []) console.error(`warning (PDF): ${warning}`);
  if (result.gate?.pa11ySkipped) console.error(`\nwarning: ${result.gate.pa11ySkipped}`);
  if (result.failure) console.error(`\nThe build failed: ${result.failure}`);
  if (!result.ok) {
    // Only what is true: a swap that could not put the old site back says where it is instead.
    if (result.previousUnchanged !== false) console.error(`\nNothing was published: the previous ${outLabel}/ is unchanged. Fix the problems above and build again.`);
    return false;
  }
  for (const note of result.notes ?? []) console.error(`note: ${note}`);
  printTimings(result.timings, info);
  if (result.pdf) info(`PDFs: ${result.pdf.rendered} rendered, ${result.pdf.fromCache} unchanged (from the cache).`);
  if (result.readability) info(['', ...formatReadability(result.readability), 'Written to reports/readability.json.'].join('\n'));
  const checked = result.gate ? ` and checked (${result.gate.counts.pages} pages, ${result.gate.counts.pdfs} PDFs; ${result.gate.counts.cached} unchanged since they last passed)` : ' (not checked: --no-check)';
  info(`\nBuilt ${result.site!.published.length} notices (${result.pages} pages)${checked} into ${result.outDir}.`);
  return true;
}
