/** The gate's checks, in the order their findings are listed. */
import { htmlValidateCheck } from './html-validate.js';
import { linksCheck } from './links.js';
import { pa11yCheck } from './pa11y.js';
import { pdfCheck } from './pdf.js';
import type { CheckDescription, PageCheck } from '../types.js';

export function gateChecks(): PageCheck[] {
  return [pa11yCheck(), htmlValidateCheck(), linksCheck(), pdfCheck()];
}

/** What the accessibility statement says the site was tested with. */
export function describeGateChecks(checks: readonly PageCheck[] = gateChecks()): CheckDescription[] {
  return checks.map((check) => check.describe());
}
