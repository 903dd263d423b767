/**
 * The completeness report as a build stage: every notice of the loaded site is assessed against
 * UK GDPR Articles 13 and 14 (and the complaints duty of the Data (Use and Access) Act 2025); each
 * problem becomes a diagnostic at its file and line. A missing item is a warning, or an error when
 * data/site.yaml sets `completeness: { strict: true }`; old-law notices never fail the build.
 */
import { diagnostic, type Code } from '../diagnostics/catalogue.js';
import { formatPath, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import type { Notice, Site } from '../model/notice.js';
import { assessNotice, formatCompletenessTable, problemSeverity, reportProblems, type NoticeCompleteness, type Problem } from './completeness.js';
import { fromNotice } from './input.js';
import { isoDay } from '../text/dates.js';

/** Where a YAML path is in a notice file (the load stage's parsed source gives this). */
export interface PositionedSource {
  file: string;
  positionOf(path: readonly PathSegment[]): { line: number; column: number };
}

export interface CompletenessResult {
  reports: NoticeCompleteness[];
  diagnostics: Diagnostic[];
  /** The compact table: notices × items, a legend and the key to the columns. */
  table: string[];
}

const CODES: Record<Problem['kind'], Code> = {
  missing: 'gdpr-item-missing',
  'tag-without-evidence': 'gdpr-tag-without-evidence',
  'suggest-tag': 'gdpr-suggest-tag',
};

/** One notice's assessment and its problems as diagnostics. */
export interface NoticeCompletenessResult {
  report: NoticeCompleteness;
  diagnostics: Diagnostic[];
}

/** Assesses one notice; `source` places each problem at its line (read only when there is a problem). */
export function checkNoticeCompleteness(notice: Notice, source: PositionedSource | undefined, options: { today: Date; strict: boolean }): NoticeCompletenessResult {
  const report = assessNotice(fromNotice(notice, notice.facts), undefined, { today: isoDay(options.today) });
  const diagnostics: Diagnostic[] = [];
  for (const problem of reportProblems(report)) {
    const { line, column } = source ? source.positionOf(problem.at) : { line: 0, column: 0 };
    const item = problem.item;
    diagnostics.push(
      diagnostic(
        CODES[problem.kind],
        { item, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) },
        { file: notice.source, line, column, path: formatPath(problem.at) },
        problemSeverity(problem, report, { strict: options.strict }),
      ),
    );
  }
  return { report, diagnostics };
}

/** Every notice of the site (the build keeps each notice's result: src/build/cache-completeness.ts). */
export function checkCompleteness(
  site: Pick<Site, 'notices'> & { completeness?: { strict?: boolean } },
  sources: readonly PositionedSource[],
  options: { today: Date },
): CompletenessResult {
  const strict = site.completeness?.strict ?? false;
  const byFile = new Map(sources.map((source) => [source.file, source]));
  return completenessResult(site.notices.map((notice) => checkNoticeCompleteness(notice, byFile.get(notice.source), { today: options.today, strict })));
}

/** The stage's result from each notice's, in the site's order. */
export function completenessResult(results: readonly NoticeCompletenessResult[]): CompletenessResult {
  const reports = results.map((result) => result.report);
  return { reports, diagnostics: results.flatMap((result) => result.diagnostics), table: formatCompletenessTable(reports) };
}
