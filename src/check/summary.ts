/** The readable console summary: per page, each problem with its code, rule, element and how to fix it. */
import type { Finding, GateResult } from './types.js';

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 pages and 1 PDF" with problems. */
export function failedWhere(result: Pick<GateResult, 'pages' | 'counts'>): string {
  const failedPdfs = result.pages.filter((p) => p.kind === 'pdf' && p.failures > 0).length;
  const failedOther = result.counts.failedPages - failedPdfs;
  return [failedOther > 0 && plural(failedOther, 'page'), failedPdfs > 0 && plural(failedPdfs, 'PDF')].filter(Boolean).join(' and ');
}

/** At most `maxPages` pages in detail (a broken layout fails every page alike), `maxPerPage` problems each. */
export function formatSummary(result: GateResult, maxPerPage = 20, maxPages = 30): string[] {
  const lines: string[] = [];
  const byPage = new Map<string, Finding[]>();
  for (const f of result.failures) {
    const list = byPage.get(f.page) ?? [];
    list.push(f);
    byPage.set(f.page, list);
  }
  let shown = 0;
  for (const [page, list] of byPage) {
    if (shown++ === maxPages) {
      lines.push('', `… and ${byPage.size - maxPages} more pages with problems (every one is in the JSON report).`);
      break;
    }
    const source = list.find((f) => f.source)?.source;
    lines.push('', `✗ ${page} — ${plural(list.length, 'problem')}${source ? ` (made from ${source})` : ''}`);
    for (const f of list.slice(0, maxPerPage)) {
      lines.push(`  ${f.severity} [${f.code}] ${f.check}${f.runner ? ` ${f.runner}` : ''} ${f.rule}`);
      if (f.element) lines.push(`    element: ${f.element}`);
      lines.push(`    problem: ${f.message}`);
      if (f.fix) lines.push(`    fix:     ${f.fix}`);
    }
    if (list.length > maxPerPage) lines.push(`  … and ${list.length - maxPerPage} more (see the JSON report).`);
  }
  const c = result.counts;
  lines.push('');
  const what = `${plural(c.pages, 'page')} and ${plural(c.pdfs, 'PDF')}`;
  const cache = c.cached > 0 ? `, ${c.cached} unchanged from the cache` : '';
  const time = seconds(result.timings.totalMs);
  if (result.ok) {
    lines.push(`Accessibility check passed: ${what} (${c.checked} checked${cache}) in ${time}.`);
  } else {
    const by = Object.entries(c.byCheck)
      .filter(([, n]) => n > 0)
      .map(([check, n]) => `${check} ${n}`)
      .join(', ');
    lines.push(`error [check-failed] Accessibility check FAILED: ${plural(c.failures, 'problem')} on ${failedWhere(result) || 'the site'} (${by}); ${what}, ${c.checked} checked${cache}, in ${time}.`);
  }
  if (result.pa11ySkipped) lines.push('warning [browser-checks-skipped] pa11y did not run (no browser), so contrast and other in-browser checks were NOT done.');
  if (result.reportPath) lines.push(`Report: ${result.reportPath}`);
  return lines;
}
