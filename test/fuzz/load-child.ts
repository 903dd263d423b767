/**
 * Runs the loader in a child process for the fuzz test, so a run that hangs (a synchronous loop
 * no timer can interrupt) is stopped by killing the process. Receives { root, today } over IPC
 * and answers with the diagnostics, or with the stack of whatever was thrown.
 */
import { loadSite } from '../../src/load/load-site.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

export interface LoadRequest {
  root: string;
  today: string;
}

export type LoadAnswer = { ok: true; diagnostics: Diagnostic[]; published: number } | { ok: false; thrown: string };

/** The one place the fuzz test calls the loader: its signature may change to an options object. */
async function loadProject(root: string, today: Date) {
  return loadSite(root, { today });
}

process.on('message', (request: LoadRequest) => {
  loadProject(request.root, new Date(request.today)).then(
    (result) => process.send!({ ok: true, diagnostics: result.diagnostics, published: result.site?.published.length ?? 0 } satisfies LoadAnswer),
    (error: unknown) => process.send!({ ok: false, thrown: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LoadAnswer),
  );
});
process.send!('ready');
