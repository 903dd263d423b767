/**
 * html-validate over every page: valid, well-formed HTML with the accessibility rules html-validate
 * knows (missing alt text, labels, heading levels, ARIA misuse, duplicate ids …).
 *
 * Every rule that is switched off or relaxed below says why. Turning a rule back on is a one-line
 * change here; it changes the checker's settings, so every page is checked again.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConfigData } from 'html-validate';
import { finding } from '../finding.js';
import { fixFor } from '../fixes.js';
import type { CheckContext, Finding, PageCheck, PageToCheck } from '../types.js';

const require = createRequire(import.meta.url);

export const HTML_VALIDATE_CONFIG: ConfigData = {
  root: true,
  // recommended: the maintained rule set (includes the WCAG-related rules wcag/h30, h32, h37, h63, h67, h71 …).
  // document: rules for whole documents, including heading-level (no skipped heading levels).
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // The rule's limit of 70 characters is search-engine advice, not an accessibility requirement.
    // Our titles follow GOV.UK's pattern "<page title> – <site name>" (WCAG 2.4.2 asks for titles that
    // describe the page), so a notice with a long, descriptive title passes 70 characters.
    'long-title': 'off',
    // Subresource integrity protects files loaded from other origins. Every file the site loads is
    // its own, from the same origin, so check SRI only on cross-origin resources.
    'require-sri': ['error', { target: 'crossorigin' }],
    // Wide tables sit in <div role="region" aria-labelledby="…caption" tabindex="0"> so keyboard users
    // can scroll them (the GOV.UK and WCAG 2.1.1 pattern). A <section> would add a second, unwanted
    // landmark around every table; the region role is deliberate there.
    'prefer-native-element': ['error', { exclude: ['region'] }],
    // Typography advice, not a WCAG 2.2 AA requirement: a telephone number that wraps at a space is
    // still read and dialled correctly (its tel: link has no spaces). Contact details come from data/
    // and are shown with ordinary spaces, as people write them.
    'tel-non-breaking': 'off',
    // role="list" on a <ul> or <ol> styled with list-style: none is deliberate: Safari and VoiceOver
    // drop list semantics from lists without bullets, and the role puts them back ("list, 5 items").
    // Every other redundant role is still an error.
    'no-redundant-role': ['error', { exclude: ['list'] }],
  },
};

export interface HtmlMessage {
  rule: string;
  message: string;
  line: number;
  column: number;
  selector: string;
  url?: string;
}

export function htmlValidateVersion(): string {
  return (require('html-validate/package.json') as { version: string }).version;
}

/**
 * The worker's heap (html-validate-worker.mjs): the live data of one validation is some MB, so the
 * garbage of each page is collected soon, and even a page of a few MB has room.
 */
export const VALIDATOR_HEAP_MB = 96;

interface ValidatorReply {
  id: number;
  messages?: HtmlMessage[];
  error?: string;
}

/**
 * One html-validate worker for a run: started on first use, told one page at a time, not keeping
 * the process alive when idle. A worker that dies (out of memory on a huge page) fails the pages
 * it was validating, with the reason, and the next page starts a new one.
 */
function validatorWorker(): { validate(page: { file: string; html?: string; name: string }): Promise<HtmlMessage[]>; close(): Promise<void> } {
  let current: { worker: Worker; waiting: Map<number, (reply: ValidatorReply) => void> } | undefined;
  let next = 0;
  const start = () => {
    const worker = new Worker(new URL('./html-validate-worker.mjs', import.meta.url), {
      execArgv: [],
      workerData: { config: HTML_VALIDATE_CONFIG },
      resourceLimits: { maxOldGenerationSizeMb: VALIDATOR_HEAP_MB },
    });
    const state = { worker, waiting: new Map<number, (reply: ValidatorReply) => void>() };
    const fail = (reason: string) => {
      for (const [id, resolve] of state.waiting) resolve({ id, error: reason });
      state.waiting.clear();
      if (current === state) current = undefined;
    };
    worker.on('message', (reply: ValidatorReply) => {
      state.waiting.get(reply.id)?.(reply);
      state.waiting.delete(reply.id);
      if (state.waiting.size === 0) worker.unref();
    });
    worker.on('error', (error) => fail(`html-validate failed (${error.message})`));
    worker.on('exit', (code) => fail(`html-validate stopped (exit code ${code})`));
    return state;
  };
  return {
    async validate(page) {
      current ??= start();
      const state = current;
      const id = next++;
      state.worker.ref();
      const reply = await new Promise<ValidatorReply>((resolve) => {
        state.waiting.set(id, resolve);
        state.worker.postMessage({ id, ...page });
      });
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply.messages ?? [];
    },
    async close() {
      const state = current;
      current = undefined;
      if (state) await state.worker.terminate();
    },
  };
}

/** Validates one page with the gate's settings, in a worker of its own (for tests and one-off checks). */
export async function validateHtml(html: string, name: string): Promise<HtmlMessage[]> {
  const worker = validatorWorker();
  try {
    return await worker.validate({ file: name, html, name });
  } finally {
    await worker.close();
  }
}

export function htmlValidateCheck(): PageCheck {
  const version = htmlValidateVersion();
  const worker = validatorWorker();
  return {
    name: 'html-validate',
    version,
    settings: HTML_VALIDATE_CONFIG,
    appliesTo: ['html'],
    describe: () => ({ name: 'html-validate', tool: `html-validate ${version}`, purpose: 'for valid HTML and correct use of headings, labels and ARIA' }),
    finished: () => worker.close(),
    async check(item: PageToCheck, context: CheckContext): Promise<Finding[]> {
      if (item.kind !== 'html') return [];
      // The gate's scan does not hold every page's HTML: the worker reads it, checks it, lets it go.
      const messages = await worker.validate({ file: path.join(context.site.root, item.file), html: item.page.html || undefined, name: item.file });
      return messages.map((m) =>
        finding(
          'html-invalid',
          { page: item.path, rule: m.rule, line: m.line, detail: m.message, fix: fixFor(m.rule, m.url) },
          { check: 'html-validate', page: item.path, source: item.source, rule: m.rule, element: m.selector, line: m.line, helpUrl: m.url },
        ),
      );
    },
  };
}
