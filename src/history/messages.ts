/**
 * Diagnostics from the history messages (src/diagnostics/codes/history.ts), built the way the
 * catalogue's diagnostic() builds them, so they read and print like every other message.
 */
import type { Place } from '../diagnostics/catalogue.js';
import type { MessageDefinition } from '../diagnostics/define.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { historyMessages } from '../diagnostics/codes/history.js';

export type HistoryCode = keyof typeof historyMessages;
export type HistoryParams<C extends HistoryCode> = (typeof historyMessages)[C]['example'];

export function historyDiagnostic<C extends HistoryCode>(code: C, params: HistoryParams<C>, place: Place, severity?: Severity): Diagnostic {
  const entry = historyMessages[code] as unknown as MessageDefinition<HistoryParams<C>>;
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
