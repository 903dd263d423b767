/**
 * What Eleventy could not do becomes one diagnostic at the right place. For a template: Nunjucks
 * counts a page's lines after its front matter, and names the page even when the mistake is in a
 * component it imports. For the project's .eleventy.js: the line of the stack's frame in it, or,
 * for a syntax mistake, where it does not parse. The errors here are shaped as Eleventy throws
 * them (a TemplateContentRenderError wrapping Nunjucks' Template render error, an
 * EleventyConfigError wrapping the file's own); test/build/build.test.ts breaks a real template.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eleventyFailure } from '../../src/build/eleventy-failure.js';

let root: string;

const PAGE = `---js
{
  permalink: "/page/",
  layout: "base.njk",
}
---
{% from "card/card.njk" import card %}
<h1>{{ title }}</h1>
{{ card(item) | shout }}
`;
const CARD = `{% macro card(item) %}
<div>{{ item.name }} {% endif %}</div>
{% endmacro %}
`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'eleventy-failure-'));
  await mkdir(path.join(root, 'layouts', 'pages'), { recursive: true });
  await mkdir(path.join(root, 'layouts', 'components', 'card'), { recursive: true });
  await writeFile(path.join(root, 'layouts', 'pages', 'page.njk'), PAGE);
  await writeFile(path.join(root, 'layouts', 'components', 'card', 'card.njk'), CARD);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An error as Eleventy throws it for a page whose Nunjucks failed with `nunjucks`. */
function eleventyError(nunjucks: string): Error {
  const inner = Object.assign(new Error(nunjucks), { name: 'Template render error' });
  return Object.assign(new Error('Having trouble rendering njk template ./layouts/pages/page.njk'), { name: 'TemplateContentRenderError', originalError: inner });
}

describe('a template that cannot be drawn', () => {
  it("is placed in the page's own lines, counted after its front matter", () => {
    const found = eleventyFailure(eleventyError('(./layouts/pages/page.njk) [Line 2, Column 5]\n  expected variable end'), root);
    expect(found).toMatchObject({ code: 'template-failed', severity: 'error', file: 'layouts/pages/page.njk', line: 8, column: 5 });
    expect(found!.message).toBe('this template could not be drawn: expected variable end.');
    expect(found!.hint).toMatch(/undo the last change/);
  });

  it('is placed in the component it imports when the line and column there hold what the message names', () => {
    const found = eleventyFailure(eleventyError('(./layouts/pages/page.njk) [Line 2, Column 25]\n  unknown block tag: endif'), root);
    expect(found).toMatchObject({ file: 'layouts/components/card/card.njk', line: 2, column: 25 });
    // The page's second line after its front matter is too short for that column; the card's is the only one it fits.
    expect(eleventyFailure(eleventyError('(./layouts/pages/page.njk) [Line 2, Column 24]\n  expected block end'), root)).toMatchObject({ file: 'layouts/components/card/card.njk', line: 2, column: 24 });
  });

  it('finds where a filter or template that does not exist is used, when Nunjucks gives no line', () => {
    expect(eleventyFailure(eleventyError('(./layouts/pages/page.njk)\n  Error: filter not found: shout'), root)).toMatchObject({ file: 'layouts/pages/page.njk', line: 9, column: 17 });
    expect(eleventyFailure(eleventyError('(./layouts/pages/page.njk)\n  Error: filter not found: whisper'), root)).toMatchObject({ file: 'layouts/pages/page.njk', line: 0, column: 0 });
  });

  it('finds where a page names a layout that does not exist', () => {
    const inner = new Error(`You’re trying to use a layout that does not exist: ${path.join(root, 'layouts', 'base', 'base.njk')} (via \`layout: base.njk\`)`);
    const error = Object.assign(new Error('Problem creating an Eleventy Layout for the "./layouts/pages/page.njk" template file.'), { originalError: inner });
    const found = eleventyFailure(error, root);
    expect(found).toMatchObject({ code: 'template-failed', file: 'layouts/pages/page.njk', line: 4, column: 12 });
    expect(found!.message).toBe('this template could not be drawn: You’re trying to use a layout that does not exist: layouts/base/base.njk (via `layout: base.njk`).');
  });

  it('names the page as a whole when the line given is not in any of its templates', () => {
    expect(eleventyFailure(eleventyError('(./layouts/pages/page.njk) [Line 40, Column 1]\n  unexpected token: }}'), root)).toMatchObject({ file: 'layouts/pages/page.njk', line: 0 });
  });

  it("names the line of the project's .eleventy.js that failed, from the error's stack", async () => {
    await writeFile(path.join(root, '.eleventy.js'), 'export default function (config) {\n  config.addFilter("x", () => 1);\n  undefinedThing.call();\n}\n');
    const inner = new ReferenceError('undefinedThing is not defined');
    inner.stack = `ReferenceError: undefinedThing is not defined\n    at default (file://${path.join(root, '.eleventy.js')}:3:3)\n    at TemplateConfig.requireLocalConfigFile (node_modules/@11ty/eleventy/src/TemplateConfig.js:406:26)`;
    const error = Object.assign(new Error(`Error in your Eleventy config file '${path.join(root, '.eleventy.js')}'.`), { name: 'EleventyConfigError', originalError: inner });
    const found = eleventyFailure(error, root);
    expect(found).toMatchObject({ code: 'eleventy-script-failed', file: '.eleventy.js', line: 3, column: 3 });
    expect(found!.message).toBe('this file could not be run: undefinedThing is not defined.');
  });

  it("finds where the project's .eleventy.js does not parse, which its error does not say", async () => {
    await writeFile(path.join(root, '.eleventy.js'), 'export default function (config) {\n  config.addFilter("x", (t) => t +);\n}\n');
    const inner = new SyntaxError("Unexpected token ')'");
    inner.stack = "SyntaxError: Unexpected token ')'\n    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)";
    const error = Object.assign(new Error(`Error in your Eleventy config file '${path.join(root, '.eleventy.js')}'.`), { originalError: Object.assign(new Error("There was a problem importing '.eleventy.js' via import(esm)"), { originalError: inner }) });
    expect(eleventyFailure(error, root)).toMatchObject({ code: 'eleventy-script-failed', file: '.eleventy.js', line: 2, column: 35 });
  });

  it("names the line of a template's data file that failed", async () => {
    const data = path.join(root, 'layouts', 'pages', 'page.11tydata.js');
    await writeFile(data, 'const base = missingThing.url;\nexport default { base };\n');
    const inner = new ReferenceError('missingThing is not defined');
    inner.stack = `ReferenceError: missingThing is not defined\n    at file://${data}:1:14\n    at ModuleJob.run (node:internal/modules/esm/module_job:234:25)`;
    const error = Object.assign(new Error("There was a problem importing 'layouts/pages/page.11tydata.js' via import(esm)"), { originalError: inner });
    expect(eleventyFailure(error, root)).toMatchObject({ code: 'eleventy-script-failed', file: 'layouts/pages/page.11tydata.js', line: 1, column: 14 });
  });

  it('is not claimed for another failure', () => {
    expect(eleventyFailure(new Error('EACCES: permission denied, open _site/index.html'), root)).toBeUndefined();
    expect(eleventyFailure('not an error', root)).toBeUndefined();
    expect(eleventyFailure(new Error('(content/a.yaml) the PDF could not be made'), root)).toBeUndefined();
  });
});
