/**
 * The error catalogue: every error and warning the build, validate, check and preview print, by
 * stable code. Add a message to the codes/ file of its stage; `npm run docs:errors` rewrites
 * docs/errors.md from here (a test fails when it is stale).
 */
import type { Diagnostic, Severity } from './diagnostic.js';
import type { MessageDefinition } from './define.js';
import { generalMessages } from './codes/general.js';
import { historyMessages } from './codes/history.js';
import { inputMessages } from './codes/input.js';
import { checkMessages } from './codes/check.js';
import { importMessages } from './codes/import.js';
import { configMessages } from './codes/config.js';
import { loadMessages } from './codes/load.js';
import { easyReadMessages } from './codes/easyread.js';
import { pdfMessages } from './codes/pdf.js';
import { gdprMessages } from './codes/gdpr.js';
import { filesMessages } from './codes/files.js';
import { htmlMessages } from './codes/html.js';

export const catalogue = {
  ...generalMessages,
  ...configMessages,
  ...loadMessages,
  ...easyReadMessages,
  ...historyMessages,
  ...inputMessages,
  ...checkMessages,
  ...importMessages,
  ...pdfMessages,
  ...gdprMessages,
  ...filesMessages,
  ...htmlMessages,
} satisfies Record<string, { severity: Severity; summary: string }>;

export type Code = keyof typeof catalogue;
export type ParamsOf<C extends Code> = (typeof catalogue)[C]['example'];

/** Where a problem is: a file, and a 1-based line and column (0 for the whole file). */
export interface Place {
  file: string;
  line: number;
  column: number;
  /** Where in the YAML, e.g. "sections[3].body[0]". */
  path?: string;
}

export function isCode(name: string): name is Code {
  return Object.hasOwn(catalogue, name);
}

/** A diagnostic from the catalogue, at `place`. */
export function diagnostic<C extends Code>(code: C, params: ParamsOf<C>, place: Place, severity?: Severity): Diagnostic {
  const entry = catalogue[code] as unknown as MessageDefinition<ParamsOf<C>>;
  return {
    code,
    severity: severity ?? entry.severity,
    file: place.file,
    line: place.line,
    column: place.column,
    path: place.path ?? '',
    message: entry.message(params),
    hint: entry.hint?.(params),
  };
}
