/**
 * What Eleventy could not do, as one diagnostic instead of its chain of errors and stack trace (its
 * own logging is off: src/build/html.ts): a template it could not draw, at the template's file,
 * line and column, with what Nunjucks said; or a JavaScript file of the project it could not run
 * (.eleventy.js, a template's data file), at its line.
 *
 * Nunjucks names the page template being drawn even when the mistake is in a component it imports
 * (with the line and column in that component), so the place is checked against the page and
 * every template it uses: the one whose text at that line and column is what the message names.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { dir } from '../html/eleventy.js';
import { escapeRegExp } from '../text/regexp.js';
import { templateFiles } from './cache-html.js';

interface ChainedError {
  message?: unknown;
  stack?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

/** The error and the ones it wraps (Eleventy's originalError, or a cause), outermost first. */
function links(error: unknown): ChainedError[] {
  const found: ChainedError[] = [];
  let at: unknown = error;
  for (let depth = 0; at && typeof at === 'object' && depth < 10; depth++) {
    found.push(at as ChainedError);
    at = (at as ChainedError).originalError ?? (at as ChainedError).cause;
  }
  return found;
}

/** The messages of the error and of the ones it wraps, outermost first. */
function chain(error: unknown): string[] {
  return links(error).flatMap((link) => (typeof link.message === 'string' ? [link.message] : []));
}

function linesOf(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/**
 * Lines before a template's body: Eleventy takes the front matter (between two "---" lines) off
 * the templates it reads itself (pages and layouts), and Nunjucks counts lines from what is left.
 */
function frontMatterLines(lines: readonly string[]): number {
  if (!/^---/.test(lines[0] ?? '')) return 0;
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  return end > 0 ? end + 1 : 0;
}

/** The named template, then (for a page template) every template it uses: the page shell and the components it imports. */
function templatesOf(root: string, named: string): string[] {
  const isPage = path.dirname(named) === path.resolve(root, dir.input);
  return [named, ...(isPage ? templateFiles(root, path.basename(named)).filter((file) => file !== named && file.endsWith('.njk')) : [])];
}

interface Place {
  file: string;
  line: number;
  column: number;
}

/**
 * Where the mistake is: among the named template and the templates it uses, the one whose line
 * and column hold what the message names (its last word, e.g. "endif" in "unknown block tag:
 * endif"); else the named one when the line is in it, or the only other one it is in; else the
 * named one as a whole.
 */
function locate(root: string, named: string, line: number, column: number, reason: string): Place {
  const pages = path.resolve(root, dir.input);
  const eleventysOwn = (file: string) => [pages, path.resolve(pages, dir.layouts)].includes(path.dirname(file));
  const candidates = templatesOf(root, named);
  const token = /\s(\S+)$/.exec(reason)?.[1];
  const fitting: Place[] = [];
  for (const file of candidates) {
    const lines = linesOf(file);
    if (!lines) continue;
    const at = line + (eleventysOwn(file) ? frontMatterLines(lines) : 0);
    const text = lines[at - 1];
    if (text === undefined || column > text.length + 1) continue;
    const place = { file, line: at, column };
    if (token && text.slice(column - 1).startsWith(token)) return place;
    fitting.push(place);
  }
  const others = fitting.filter((place) => place.file !== named);
  return fitting.find((place) => place.file === named) ?? (others.length === 1 ? others[0]! : { file: named, line: 0, column: 0 });
}

/**
 * Where a name that could not be found is used, when no line is given ("filter not found: shout",
 * "template not found: x.njk", a layout that does not exist): the first line of the named
 * template, or of a template it uses, that has it. Else the named template as a whole.
 */
function findUse(root: string, named: string, reason: string): Place {
  // "filter not found: shout", "template not found: x.njk", "a layout that does not exist: layouts/base/x.njk (via `layout: x.njk`)".
  const missing = /not found: (\S+)$|\(via `layout: ([^`]+)`\)/.exec(reason)?.slice(1).find((found) => found !== undefined);
  const candidates = templatesOf(root, named);
  if (missing) {
    const use = new RegExp(`(?<![\\w-])${escapeRegExp(missing)}(?![\\w-])`);
    for (const file of candidates) {
      const lines = linesOf(file) ?? [];
      const at = lines.findIndex((line) => use.test(line));
      if (at >= 0) return { file, line: at + 1, column: lines[at]!.search(use) + 1 };
    }
  }
  return { file: named, line: 0, column: 0 };
}

/**
 * What Eleventy could not do in `error` (an Eleventy run's failure): a JavaScript file of the
 * project that could not be run, or a template that could not be drawn; undefined for any other failure.
 * `root`: the project folder, which file names are given relative to.
 */
export function eleventyFailure(error: unknown, root: string): Diagnostic | undefined {
  return scriptFailure(error, root) ?? templateFailure(error, root);
}

/**
 * A JavaScript file of the project that Eleventy runs and could not (.eleventy.js, a template's
 * .11tydata.js): where (a frame of the error's stack in the file, or for a syntax mistake, where
 * esbuild finds it) and what its error says.
 */
function scriptFailure(error: unknown, root: string): Diagnostic | undefined {
  const chained = links(error);
  // "Error in your Eleventy config file '/project/.eleventy.js'.", "There was a problem importing 'layouts/pages/x.11tydata.js' via import(esm)".
  const named = chained
    .map((link) => (typeof link.message === 'string' ? /^(?:Error in your Eleventy config file|There was a problem importing) '([^']+\.[cm]?js)'/.exec(link.message)?.[1] : undefined))
    .find((found) => found !== undefined);
  if (!named) return undefined;
  const file = path.resolve(root, named);
  const innermost = chained.at(-1)!;
  const reason = String(innermost.message ?? 'it failed').replace(/\s+/g, ' ').trim();
  const inFile = new RegExp(`(?:file://)?${escapeRegExp(file)}:(\\d+):(\\d+)`);
  const frame = chained.map((link) => inFile.exec(String(link.stack ?? ''))).find((found) => found !== null);
  const place = frame ? { line: Number(frame[1]), column: Number(frame[2]) } : syntaxMistake(file);
  return diagnostic('eleventy-script-failed', { reason }, { file: path.relative(root, file), ...place });
}

/** Where a JavaScript file does not parse (esbuild's first error), or the file as a whole. */
function syntaxMistake(file: string): { line: number; column: number } {
  try {
    const { transformSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    transformSync(readFileSync(file, 'utf8'), { loader: 'js', format: 'esm' });
  } catch (error) {
    const location = (error as { errors?: { location?: { line: number; column: number } | null }[] }).errors?.[0]?.location;
    if (location) return { line: location.line, column: location.column + 1 };
  }
  return { line: 0, column: 0 };
}

/** A template that could not be drawn. */
function templateFailure(error: unknown, root: string): Diagnostic | undefined {
  const messages = chain(error);
  // Eleventy: "Having trouble rendering njk template ./layouts/pages/notice.njk", or "Problem
  // creating an Eleventy Layout for the "./layouts/pages/notice.njk" template file."
  const page = messages.map((message) => /\btemplate (\S+\.njk)\b|for the "([^"]+\.njk)" template file/.exec(message)).map((found) => found?.[1] ?? found?.[2]).find((found) => found !== undefined);
  // Nunjucks: "(./layouts/pages/notice.njk) [Line 8, Column 55]\n  unexpected token: %}",
  // or without a place: "(./layouts/pages/notice.njk)\n  Error: filter not found: shout".
  const nunjucks = messages.map((message) => /^\(([^()\n]+)\)(?:\s*\[Line (\d+), Column (\d+)\])?\s*([\s\S]*)$/.exec(message)).find((found) => found !== null);
  // Only a failure that names a template: another message may also start with a name in brackets.
  if (!page && !/\.njk$/.test(nunjucks?.[1] ?? '')) return undefined;
  const named = path.resolve(root, nunjucks?.[1] ?? page!);
  const reason = (nunjucks?.[4] || messages.at(-1) || 'the template could not be drawn')
    .replace(/^(Template render error|Error):\s*/i, '')
    .replaceAll(`${path.resolve(root)}${path.sep}`, '')
    .replace(/\s+/g, ' ')
    .trim();
  const place = nunjucks?.[2] ? locate(root, named, Number(nunjucks[2]), Number(nunjucks[3]), reason) : findUse(root, named, reason);
  return diagnostic('template-failed', { reason }, { ...place, file: path.relative(root, place.file) });
}
