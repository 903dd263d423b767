// html-validate in a worker thread of its own, with a small heap. Plain JavaScript on purpose, like
// pdf-reader.mjs: the worker starts without the TypeScript loader the scripts run under.
//
// Why a worker: validating a page makes a few MB of garbage that the main thread's large heap let
// pile up (measured: 124 MB of heap for a third of a 50-notice site, 18 MB of it alive), beside the
// browser, at the gate's peak. A heap capped at VALIDATOR_HEAP_MB (html-validate.ts) is
// collected long before that; and the validation runs on the other core while the main thread
// drives the browser.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate(workerData.config);

/** The messages of one page that fail it (severity 2, error), in the shape html-validate.ts reports. */
// Synchronous on purpose: html-validate's async path resolves configuration per file and is about
// three times slower.
function validate(html, name) {
  const report = validator.validateStringSync(html, name);
  return report.results.flatMap((result) =>
    result.messages
      .filter((m) => m.severity >= 2)
      .map((m) => ({ rule: m.ruleId, message: m.message, line: m.line, column: m.column, selector: m.selector ?? '', url: m.ruleUrl })),
  );
}

parentPort.on('message', async ({ id, file, html, name }) => {
  try {
    parentPort.postMessage({ id, messages: validate(html ?? (await readFile(file, 'utf8')), name) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
