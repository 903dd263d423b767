/**
 * How diagnostics are printed: for people (file:line:col severity [code] path: message, then the
 * hint), as JSON lines for editors and tools (--format json), and as GitHub Actions annotations,
 * which GitHub shows on the pull request's lines.
 */
import type { Diagnostic } from './diagnostic.js';

export type OutputFormat = 'text' | 'json';

export function toJsonLine(d: Diagnostic): string {
  return JSON.stringify({ code: d.code, severity: d.severity, file: d.file, line: d.line, column: d.column, path: d.path, message: d.message, hint: d.hint });
}

/** GitHub's workflow command syntax: properties and data escape %, CR and LF (and , : in properties). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function toGithubAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
  props.push(`title=${escapeProperty(d.code)}`);
  const text = `${d.path ? `${d.path}: ` : ''}${d.message}${d.hint ? ` ${d.hint}` : ''}`;
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}`;
}
