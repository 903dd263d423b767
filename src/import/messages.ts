/**
 * The errors `npm run import` stops with. Their wording is in the error catalogue
 * (src/diagnostics/codes/import.ts). Usage mistakes exit with 2, bad input with 1.
 */
import { importMessages } from '../diagnostics/codes/import.js';

export { importMessages };

export type ImportCode = keyof typeof importMessages;
type ParamsOf<C extends ImportCode> = (typeof importMessages)[C]['example'];

const USAGE_CODES = new Set<ImportCode>(['import-usage', 'import-file-missing', 'import-unknown-format', 'import-unknown-organisation', 'import-organisation-exists', 'import-bad-id']);

/** Why an import stopped: a message and a hint, never a stack trace. */
export class ImportError extends Error {
  readonly code: ImportCode;
  readonly hint?: string;
  /** 2 for a usage mistake, 1 for a file that cannot be imported. */
  readonly exitCode: 1 | 2;

  constructor(code: ImportCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
    this.exitCode = USAGE_CODES.has(code) ? 2 : 1;
  }
}

export function importError<C extends ImportCode>(code: C, params: ParamsOf<C>): ImportError {
  const entry = importMessages[code] as unknown as { message(p: ParamsOf<C>): string; hint?(p: ParamsOf<C>): string | undefined };
  return new ImportError(code, entry.message(params), entry.hint?.(params));
}
