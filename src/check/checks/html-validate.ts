/**
 * html-validate over every page: valid, well-formed HTML with the accessibility rules html-validate
 * knows (missing alt text, labels, heading levels, ARIA misuse, duplicate ids …).
 *
 * Every rule that is switched off or relaxed below says why. Turning a rule back on is a one-line
 * change here; it changes the checker's settings, so every page is checked again.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ConfigData, HtmlValidate as HtmlValidateType } from 'html-validate';
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

function newValidator(): HtmlValidateType {
  const { HtmlValidate } = require('html-validate') as typeof import('html-validate');
  return new HtmlValidate(HTML_VALIDATE_CONFIG);
}

export function htmlValidateVersion(): string {
  return (require('html-validate/package.json') as { version: string }).version;
}

/**
 * Validates one page. Synchronous on purpose: html-validate's async path resolves configuration per
 * file and is about three times slower; a page takes some tens of milliseconds this way.
 */
export function validateHtml(html: string, name: string, validator: HtmlValidateType = newValidator()): HtmlMessage[] {
  const report = validator.validateStringSync(html, name);
  return report.results.flatMap((result) =>
    result.messages
      .filter((m) => m.severity >= 2)
      .map((m) => ({ rule: m.ruleId, message: m.message, line: m.line, column: m.column, selector: m.selector ?? '', url: m.ruleUrl })),
  );
}

export function htmlValidateCheck(): PageCheck {
  const version = htmlValidateVersion();
  // One validator for the run: it caches its resolved configuration.
  let validator: HtmlValidateType | undefined;
  return {
    name: 'html-validate',
    version,
    settings: HTML_VALIDATE_CONFIG,
    appliesTo: ['html'],
    describe: () => ({ name: 'html-validate', tool: `html-validate ${version}`, purpose: 'for valid HTML and correct use of headings, labels and ARIA' }),
    async check(item: PageToCheck, context: CheckContext): Promise<Finding[]> {
      if (item.kind !== 'html') return [];
      validator ??= newValidator();
      // The gate's scan does not hold every page's HTML: read it now, check it, let it go.
      const html = item.page.html || (await readFile(path.join(context.site.root, item.file), 'utf8'));
      return validateHtml(html, item.file, validator).map((m) =>
        finding(
          'html-invalid',
          { page: item.path, rule: m.rule, line: m.line, detail: m.message, fix: fixFor(m.rule, m.url) },
          { check: 'html-validate', page: item.path, source: item.source, rule: m.rule, element: m.selector, line: m.line, helpUrl: m.url },
        ),
      );
    },
  };
}
