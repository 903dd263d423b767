/**
 * PDF problems as text for an Error or a warning, from the error catalogue: "<file>: <message> <hint>".
 * The PDF stage runs partly on worker threads, so its problems travel as text; a PdfError also
 * keeps its catalogue code.
 */
import { diagnostic, type Code, type ParamsOf } from '../diagnostics/catalogue.js';

type PdfCode = Extract<Code, `pdf-${string}`>;

/** "content/x.yaml: the table … is too wide … Split it …" */
export function pdfMessage<C extends PdfCode>(code: C, params: ParamsOf<C>, where: string): string {
  const d = diagnostic(code, params, { file: where, line: 0, column: 0 });
  return `${where}: ${d.message}${d.hint ? ` ${d.hint}` : ''}`;
}

/** An error that carries its catalogue entry. */
export class PdfError extends Error {
  constructor(
    readonly code: PdfCode,
    message: string,
  ) {
    super(message);
  }
}

export function pdfError<C extends PdfCode>(code: C, params: ParamsOf<C>, where: string): PdfError {
  return new PdfError(code, pdfMessage(code, params, where));
}
