/**
 * Problems found in content, reported the way a comms officer can act on them:
 *   content/kent/early-help.yaml:42:15 error [unknown-block-type] sections[3].body[0].type: unknown block type 'paragrah'.
 *     Did you mean 'paragraph'?
 * An error stops the build; a warning is printed and the build goes on.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /**
   * Stable kebab-case name from the error catalogue (src/diagnostics/catalogue.ts), printed as
   * [code] and documented in docs/errors.md. Make diagnostics with diagnostic() from the catalogue.
   */
  code: string;
  severity: Severity;
  /** Project-relative path of the file, e.g. "content/kent/early-help.yaml". */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file. */
  line: number;
  column: number;
  /** Where in the YAML, e.g. "sections[3].body[0]"; empty for the whole file. */
  path: string;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  hint?: string;
}

export type PathSegment = string | number;

/** sections[3].body[0].type */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const label = d.severity === 'error' ? 'error' : 'warning';
  const path = d.path ? ` ${d.path}:` : '';
  const hint = d.hint ? `\n    ${d.hint}` : '';
  return `${where} ${label} [${d.code}]${path} ${d.message}${hint}`;
}

/** Errors first, then by file and position, so a report reads top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
}

export function summarise(list: Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function hasErrors(list: Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The candidates closest to `value`, closest first; only those near enough to be a typo. */
export function closest(value: string, candidates: readonly string[], max = 3): string[] {
  const lower = value.toLowerCase();
  return candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(c.length / 3)) || c.startsWith(lower) || lower.startsWith(c))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map(({ c }) => c);
}

export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const near = closest(value, candidates);
  if (near.length === 0) return undefined;
  return `Did you mean ${near.map((c) => `'${c}'`).join(' or ')}?`;
}
