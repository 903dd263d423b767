/** A finding's words come from the error catalogue, so the console, the JSON report and docs/errors.md agree. */
import { diagnostic, type Code, type ParamsOf } from '../diagnostics/catalogue.js';
import type { Finding } from './types.js';

export type FindingPlace = Omit<Finding, 'code' | 'severity' | 'message' | 'fix' | 'element'> & { element?: string };

export function finding<C extends Code>(code: C, params: ParamsOf<C>, place: FindingPlace): Finding {
  const d = diagnostic(code, params, { file: place.page, line: place.line ?? 0, column: 0 });
  return { code, severity: d.severity, ...place, element: place.element ?? '', message: d.message, fix: d.hint ?? '' };
}
