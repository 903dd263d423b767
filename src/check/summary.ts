/** The readable console summary: per page, each problem with its rule, element and how to fix it. */
import type { GateFailure, GateResult } from './index.js';

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

const CHECK_LABEL: Record<GateFailure['check'], string> = {
  pa11y: 'pa11y',
  'html-validate': 'html-validate',
  links: 'links',
  pdf: 'PDF',
  gate: 'gate',
};

/** At most `maxPages` pages in detail (a broken layout fails every page alike), `maxPerPage` problems each. */
export function formatSummary(result: GateResult, maxPerPage = 20, maxPages = 30): string[] {
  const lines: string[] = [];
  const byPage = new Map<string, GateFailure[]>();
  for (const f of result.failures) {
    const list = byPage.get(f.page) ?? [];
    list.push(f);
    byPage.set(f.page, list);
  }
  let shown = 0;
  for (const [page, list] of byPage) {
    if (shown++ === maxPages) {
      lines.push('');
      lines.push(`… and ${byPage.size - maxPages} more pages with problems (every one is in the JSON report).`);
      break;
    }
    lines.push('');
    lines.push(`✗ ${page} — ${list.length} problem${list.length === 1 ? '' : 's'}`);
    for (const f of list.slice(0, maxPerPage)) {
      const rule = f.runner ? `${f.runner} ${f.rule}` : f.rule;
      lines.push(`  [${CHECK_LABEL[f.check]}] ${rule}`);
      if (f.element) lines.push(`    element: ${f.element}`);
      lines.push(`    problem: ${f.message}`);
      lines.push(`    fix:     ${f.fix}`);
    }
    if (list.length > maxPerPage) lines.push(`  … and ${list.length - maxPerPage} more (see the JSON report).`);
  }
  const c = result.counts;
  lines.push('');
  const what = `${c.pages} page${c.pages === 1 ? '' : 's'} and ${c.pdfs} PDF${c.pdfs === 1 ? '' : 's'}`;
  const cache = c.cached > 0 ? `, ${c.cached} unchanged from the cache` : '';
  const time = `${seconds(result.timings.totalMs)}`;
  if (result.ok) {
    lines.push(`Accessibility check passed: ${what} (${c.checked} checked${cache}) in ${time}.`);
  } else {
    const by = Object.entries(c.byCheck)
      .filter(([, n]) => n > 0)
      .map(([check, n]) => `${check} ${n}`)
      .join(', ');
    const failedPdfs = result.pages.filter((p) => p.kind === 'pdf' && p.failures > 0).length;
    const failedOther = c.failedPages - failedPdfs;
    const where = [failedOther > 0 && `${failedOther} page${failedOther === 1 ? '' : 's'}`, failedPdfs > 0 && `${failedPdfs} PDF${failedPdfs === 1 ? '' : 's'}`].filter(Boolean).join(' and ');
    lines.push(`Accessibility check FAILED: ${c.failures} problem${c.failures === 1 ? '' : 's'} on ${where} (${by}); ${what}, ${c.checked} checked${cache}, in ${time}.`);
  }
  if (result.pa11ySkipped) lines.push('WARNING: pa11y did not run (no browser), so contrast and other in-browser checks were NOT done.');
  if (result.reportPath) lines.push(`Report: ${result.reportPath}`);
  return lines;
}
