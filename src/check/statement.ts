/**
 * What the accessibility statement page (layouts/pages/accessibility.njk, at /accessibility/) shows:
 * the site's `accessibility` data from data/site.yaml, its owner, the resolved contact point for
 * reporting problems, and the record of the gate's last passing run ("how it was tested").
 */
import type { ContactPoint, Organisation, PartialDate, Site } from '../model/notice.js';
import { findContactPoint } from '../load/load-site.js';
import { parsePartialDate } from '../text/dates.js';
import type { GateRunRecord } from './last-run.js';

export interface StatementTest {
  /** The day of the last passing run. */
  date: PartialDate;
  pages: number;
  pdfs: number;
  /** "pa11y 9.1.1 (axe-core 4.11.4 and HTML_CodeSniffer 2.6.0)" */
  pa11y: string;
  htmlValidate: string;
  pdfjs: string;
  browser?: string;
  standard: string;
}

export interface AccessibilityStatementView {
  siteName: string;
  siteUrl: string;
  owner: Organisation;
  /** Where to report problems and ask for other formats. */
  contact: ContactPoint;
  compliance: 'full' | 'partial' | 'none';
  /** Inline Markdown, one item each. */
  nonAccessibleContent: string[];
  prepared: PartialDate;
  reviewed?: PartialDate;
  /** The gate's last passing run; undefined when this site has never passed it here. */
  lastTest?: StatementTest;
}

function testRecord(run: GateRunRecord): StatementTest | undefined {
  const date = parsePartialDate(run.date);
  if (!date) return undefined;
  const t = run.tools;
  return {
    date,
    pages: run.pages,
    pdfs: run.pdfs,
    pa11y: `pa11y ${t.pa11y ?? ''} (axe-core ${t['axe-core'] ?? ''} and HTML_CodeSniffer ${t.html_codesniffer ?? ''})`.replace(/\s+\)/g, ')'),
    htmlValidate: `html-validate ${t['html-validate'] ?? ''}`.trim(),
    pdfjs: `pdf.js ${t['pdfjs-dist'] ?? ''}`.trim(),
    browser: run.browser,
    standard: run.standard,
  };
}

/**
 * The statement page's data, or undefined when data/site.yaml has no `accessibility` section (then
 * no statement is built and the footer does not link to one). `lastRun` is `await lastGateRun()`.
 */
export function accessibilityStatement(site: Site, lastRun: GateRunRecord | undefined): AccessibilityStatementView | undefined {
  const a11y = site.accessibility;
  if (!a11y) return undefined;
  const contact = findContactPoint(a11y.contact, site.organisations);
  const prepared = parsePartialDate(a11y.prepared);
  // Loading has validated both; a failure here is a bug, not a content problem.
  if (!contact) throw new Error(`The accessibility contact '${a11y.contact}' does not resolve.`);
  if (!prepared) throw new Error(`The accessibility statement date '${a11y.prepared}' is not a date.`);
  return {
    siteName: site.name,
    siteUrl: site.url,
    owner: site.owner,
    contact,
    compliance: a11y.compliance,
    nonAccessibleContent: a11y.nonAccessibleContent ?? [],
    prepared,
    reviewed: a11y.reviewed ? parsePartialDate(a11y.reviewed) : undefined,
    lastTest: lastRun ? testRecord(lastRun) : undefined,
  };
}
