/**
 * Merges the reports of a sharded check (npm run check -- --shard i/n, one report per shard) into
 * one report, as if one run had checked the whole site: every page once, every finding, the counts
 * and the accessibility statement's data recomputed from them. A merge of an incomplete or mixed set
 * of shards (a shard missing or twice, different shard counts, different tools or settings) is a
 * failure with a coded finding, never a report that looks complete.
 */
import { finding } from './finding.js';
import type { Finding, GateResult } from './types.js';

function place(rule: string, element: string) {
  return { check: 'gate', page: '(all pages)', rule, element };
}

/** Problems with the set of shards itself: each is a finding on the merged report. */
function shardProblems(reports: readonly { file: string; result: GateResult }[]): Finding[] {
  const problems: Finding[] = [];
  const counts = new Set(reports.map((r) => r.result.shard?.count ?? 1));
  if (counts.size > 1) {
    problems.push(finding('shards-mismatch', { detail: `the reports were made with different numbers of shards (${[...counts].join(', ')})` }, place('shards-mismatch', reports.map((r) => r.file).join(', '))));
    return problems;
  }
  const count = [...counts][0] ?? 1;
  const seen = new Map<number, string>();
  for (const { file, result } of reports) {
    const index = result.shard?.index ?? 1;
    const before = seen.get(index);
    if (before) problems.push(finding('shards-mismatch', { detail: `shard ${index}/${count} is in both ${before} and ${file}` }, place('shards-mismatch', file)));
    seen.set(index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) problems.push(finding('shards-missing', { missing: missing.map((i) => `${i}/${count}`).join(', '), count }, place('shards-missing', `${count} shards`)));
  const tools = new Set(reports.map((r) => JSON.stringify(r.result.tools)));
  if (tools.size > 1) problems.push(finding('shards-mismatch', { detail: 'the shards were checked with different tool versions or settings' }, place('shards-mismatch', 'tools')));
  const sites = new Set(reports.map((r) => r.result.pathPrefix));
  if (sites.size > 1) problems.push(finding('shards-mismatch', { detail: `the shards checked sites published at different paths (${[...sites].join(', ')})` }, place('shards-mismatch', 'pathPrefix')));
  const pages = new Map<string, string>();
  for (const { file, result } of reports) {
    for (const page of result.pages) {
      const other = pages.get(page.page);
      if (other) problems.push(finding('shards-mismatch', { detail: `${page.page} was checked in both ${other} and ${file}` }, place('shards-mismatch', page.page)));
      pages.set(page.page, file);
    }
  }
  return problems;
}

/** One report from the shards' reports (file names for messages). */
export function mergeGateResults(reports: readonly { file: string; result: GateResult }[]): GateResult {
  if (reports.length === 0) throw new Error('no reports to merge');
  const results = reports.map((r) => r.result).sort((a, b) => (a.shard?.index ?? 1) - (b.shard?.index ?? 1));
  const first = results[0]!;
  const problems = shardProblems(reports);
  const pages = results.flatMap((r) => r.pages).sort((a, b) => a.page.localeCompare(b.page));
  const failures = [...problems, ...results.flatMap((r) => r.failures)];
  const warnings = results.flatMap((r) => r.warnings);
  const byCheck: Record<string, number> = {};
  for (const f of failures) byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  const sum = (pick: (r: GateResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  const timingsByCheck: Record<string, number> = {};
  for (const r of results) for (const [check, ms] of Object.entries(r.timings.byCheck)) timingsByCheck[check] = (timingsByCheck[check] ?? 0) + ms;
  const ok = failures.length === 0 && results.every((r) => r.ok);
  const counts = {
    pages: pages.filter((p) => p.kind === 'html').length,
    pdfs: pages.filter((p) => p.kind === 'pdf').length,
    checked: pages.filter((p) => p.checked).length,
    cached: pages.filter((p) => p.verdict === 'cached').length,
    failedPages: new Set(failures.map((f) => f.page)).size,
    failures: failures.length,
    byCheck,
  };
  const dates = results.map((r) => r.statement.date).sort();
  const skipped = results.map((r) => r.pa11ySkipped).find(Boolean);
  return {
    ok,
    siteDir: first.siteDir,
    pathPrefix: first.pathPrefix,
    startedAt: results.map((r) => r.startedAt).sort()[0]!,
    finishedAt: results.map((r) => r.finishedAt).sort().at(-1)!,
    pages,
    failures,
    warnings,
    counts,
    // Wall time of the slowest shard (they run side by side); check times add up.
    timings: { totalMs: Math.max(...results.map((r) => r.timings.totalMs)), scanMs: Math.max(...results.map((r) => r.timings.scanMs)), byCheck: timingsByCheck },
    browser: results.map((r) => r.browser).find(Boolean),
    ...(skipped ? { pa11ySkipped: skipped } : {}),
    concurrency: first.concurrency,
    tools: first.tools,
    mergedFrom: reports.map((r) => r.file),
    statement: { ...first.statement, date: dates[0]!, pages: counts.pages, pdfs: counts.pdfs, passed: ok },
  };
}
