/**
 * What the accessibility statement page (layouts/pages/accessibility.njk, at /accessibility/) shows:
 * the site's `accessibility` data from data/site.yaml, its owner, the contact point for reporting
 * problems, and how this build was tested.
 *
 * It is made ONCE, before the gate runs, from what is known then: this build's date and the gate's
 * checks with their versions. A site is published only when the gate passes, so a published
 * statement that says "tested on <this build's date> with …" is true by construction; there is no
 * second render after the gate.
 */
import type { ContactPoint, Organisation, PartialDate, Site } from '../model/notice.js';
import { parsePartialDate } from '../text/dates.js';
import { findContactPoint } from '../model/contacts.js';
import type { CheckDescription, GateStatement } from './types.js';

export interface StatementTest {
  /** The day of this build. */
  date: PartialDate;
  standard: string;
  /** One entry per check: "pa11y 9.1.1 with axe-core 4.11.4", "for the WCAG 2.2 AA success criteria …". */
  tools: CheckDescription[];
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
  /** How this build is tested; undefined when it is built without the gate (a preview, --no-check). */
  test?: StatementTest;
}

/** This build's gate: when it runs and with which checks. */
export interface BuildTest {
  date: Date;
  checks: readonly CheckDescription[];
}

function day(date: Date): PartialDate {
  const iso = date.toISOString().slice(0, 10);
  return parsePartialDate(iso)!;
}

/**
 * The statement page's data, or undefined when data/site.yaml has no `accessibility` section (then
 * no statement is built and the footer does not link to one).
 */
export function accessibilityStatement(site: Site, test: BuildTest | undefined): AccessibilityStatementView | undefined {
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
    test: test ? { date: day(test.date), standard: 'WCAG 2.2 AA', tools: [...test.checks] } : undefined,
  };
}

/**
 * The part of a gate run the statement uses (the day, the standard, the tools): written into every
 * report, and the same for one full run and for merged shards (src/check/merge.ts). Counts and
 * the verdict are filled in when the run or the merge finishes.
 */
export function gateStatement(startedAt: Date, tools: readonly CheckDescription[]): GateStatement {
  return { date: startedAt.toISOString().slice(0, 10), standard: 'WCAG 2.2 AA', tools: [...tools], pages: 0, pdfs: 0, passed: false };
}
