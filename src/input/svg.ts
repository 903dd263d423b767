/**
 * Organisation pictures (SVG files in data/) are cleaned before they are published or drawn: a
 * browser opening a picture directly runs whatever script it holds, and a PDF renderer follows
 * its external references.
 *
 * DOMPurify with its SVG profile does the cleaning, over a jsdom window. Hooks add what the
 * profile allows but a standalone picture must not have: references to other files or sites
 * (href, xlink:href, url(…) outside the picture), <image> elements that load files, and style
 * sheets that import others. DOCTYPE and entity declarations are refused before parsing, so
 * neither XXE nor an entity bomb reaches the parser.
 *
 * Cost (measured on the build machine): a jsdom window takes about 50 ms to create, cleaning an
 * OpenMoji picture about 5-15 ms. sanitiseSvg makes a window per call; to clean many pictures,
 * make one SvgSanitiser with createSvgSanitiser(), pass it to every call, and close() it.
 */
import { createRequire } from 'node:module';
import type { DOMPurify } from 'dompurify';
import type { JSDOM } from 'jsdom';
import { catalogue } from '../diagnostics/catalogue.js';
import { escapeForTerminal } from './decode.js';
import { LIMITS, type Limits } from './limits.js';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';

export type SanitisedSvg = { svg: string; changes: string[] } | { error: string };

/** One jsdom window and its DOMPurify, reused across calls. */
export interface SvgSanitiser {
  window: JSDOM['window'];
  purify: DOMPurify;
  close(): void;
}

// jsdom and DOMPurify are loaded when a picture is first cleaned: most sites have no pictures of
// their own, and loading jsdom costs half a second of every build.
const require = createRequire(import.meta.url);

export function createSvgSanitiser(): SvgSanitiser {
  const { JSDOM: Window } = require('jsdom') as typeof import('jsdom');
  const createDOMPurify = require('dompurify') as typeof import('dompurify').default;
  const { window } = new Window('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  return { window, purify, close: () => window.close() };
}

/** A reference inside the picture ("#part") or an embedded bitmap; anything else loads another file. */
function isLocalReference(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('#') || /^data:image\/(?:png|jpeg|gif)[;,]/i.test(trimmed);
}

/** url(…) targets in CSS or a presentation attribute that point outside the picture. */
function hasExternalUrl(css: string): boolean {
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!isLocalReference(match[2] ?? '')) return true;
  }
  return false;
}

function hasStyleImport(css: string): boolean {
  return /@import|expression\s*\(|javascript:/i.test(css) || hasExternalUrl(css);
}

const DECLARATIONS = /<!DOCTYPE|<!ENTITY/i;

/**
 * The picture with everything that could run code or load another file removed, and a list of
 * what was removed in plain words; or why it cannot be used at all (too large, not an SVG,
 * unreadable, or declaring a DOCTYPE or entities).
 */
export function sanitiseSvg(text: string, limits: Pick<Limits, 'pictureBytes' | 'pictureElements'> = LIMITS, context?: SvgSanitiser): SanitisedSvg {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.pictureBytes) {
    return { error: `it is ${bytes.toLocaleString('en-GB')} bytes, more than the limit of ${limits.pictureBytes.toLocaleString('en-GB')} bytes for a picture.` };
  }
  if (DECLARATIONS.test(text)) {
    return { error: 'it declares a DOCTYPE or entities (<!DOCTYPE or <!ENTITY), which can read other files or grow without end. Delete that declaration.' };
  }
  const sanitiser = context ?? createSvgSanitiser();
  try {
    return clean(text, limits, sanitiser);
  } finally {
    if (!context) sanitiser.close();
  }
}

function clean(text: string, limits: Pick<Limits, 'pictureElements'>, { window, purify }: SvgSanitiser): SanitisedSvg {
  const document = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const root = document.documentElement;
  if (root.localName === 'parsererror') {
    return { error: `it is not well-formed SVG: ${escapeForTerminal(root.textContent?.trim() ?? 'the file cannot be read')} (line:column).` };
  }
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NAMESPACE) {
    return { error: 'it is not an SVG picture: the file must start with <svg xmlns="http://www.w3.org/2000/svg" …>.' };
  }
  const elements = root.getElementsByTagName('*').length + 1;
  if (elements > limits.pictureElements) {
    return { error: `it has ${elements.toLocaleString('en-GB')} elements, more than the limit of ${limits.pictureElements.toLocaleString('en-GB')} for a picture.` };
  }

  const changes: string[] = [];
  for (const node of [...document.childNodes]) {
    if (node.nodeType === window.Node.PROCESSING_INSTRUCTION_NODE) changes.push(`removed the <?${node.nodeName}?> instruction`);
  }

  // Style sheets and bitmaps that load other files: DOMPurify's profile keeps both elements.
  for (const element of [...root.getElementsByTagNameNS(SVG_NAMESPACE, 'style')]) {
    if (hasStyleImport(element.textContent ?? '')) {
      changes.push('removed a <style> element that loads other files');
      element.remove();
    }
  }
  for (const element of [...root.getElementsByTagNameNS(SVG_NAMESPACE, 'image')]) {
    const reference = element.getAttribute('href') ?? element.getAttributeNS(XLINK_NAMESPACE, 'href');
    if (reference !== null && !isLocalReference(reference)) {
      changes.push('removed an <image> element that loads another file');
      element.remove();
    }
  }

  purify.removed = [];
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    const value = data.attrValue ?? '';
    const external =
      ((name === 'href' || name === 'xlink:href' || name === 'src') && !isLocalReference(value)) ||
      (name === 'style' ? hasStyleImport(value) : hasExternalUrl(value));
    if (external && data.keepAttr) {
      data.keepAttr = false;
      // DOMPurify lists the removal itself; this says why.
      changes.push(`removed the ${name} attribute from <${(node as Element).localName}>, which pointed outside the picture`);
    }
  });
  try {
    // <use> is safe once its href can only name a part of this picture (the hook above).
    purify.sanitize(root as unknown as Node, { IN_PLACE: true, USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ['use'] });
  } finally {
    purify.removeAllHooks();
  }
  for (const removed of purify.removed) {
    if ('element' in removed) {
      const element = removed.element as Node;
      if (element.nodeType === window.Node.ELEMENT_NODE) changes.push(`removed ${article((element as Element).localName)} <${(element as Element).localName}> element`);
      else if (element.nodeType === window.Node.PROCESSING_INSTRUCTION_NODE) changes.push(`removed the <?${element.nodeName}?> instruction`);
      else if (element.nodeType === window.Node.COMMENT_NODE) changes.push('removed a comment containing markup');
    } else if (removed.attribute && !changes.some((c) => c.startsWith(`removed the ${removed.attribute!.name} attribute from <${(removed.from as Element).localName}>`))) {
      changes.push(`removed the ${removed.attribute.name} attribute from <${(removed.from as Element).localName}>`);
    }
  }
  purify.removed = [];
  return { svg: new window.XMLSerializer().serializeToString(root), changes: summarise(changes) };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** "removed a <script> element" ×3 becomes "removed 3 <script> elements"; order kept. */
function summarise(changes: string[]): string[] {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change, (counts.get(change) ?? 0) + 1);
  return [...counts].map(([change, n]) => {
    if (n === 1) return change;
    const element = /^removed an? (<[^>]+>) element(.*)$/.exec(change);
    if (element) return `removed ${n} ${element[1]} elements${element[2]!.replace(/ loads /, ' load ')}`;
    return `${change} (${n} times)`;
  });
}

/** The catalogue message for a sanitised picture, or undefined when nothing had to change. */
export function svgMessage(file: string, result: SanitisedSvg): { code: 'picture-refused' | 'picture-changed'; severity: 'error' | 'warning'; message: string } | undefined {
  if ('error' in result) return { code: 'picture-refused', severity: 'error', message: catalogue['picture-refused'].message({ file, reason: result.error }) };
  if (result.changes.length === 0) return undefined;
  return { code: 'picture-changed', severity: 'warning', message: catalogue['picture-changed'].message({ file, changes: result.changes }) };
}
