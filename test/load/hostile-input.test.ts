/**
 * Broken and hostile input, each refused at its place with a clear message (issue: "every problem
 * at its place"): encoding, control characters, limits, several YAML documents, folders where
 * files should be, missing site.yaml, empty content/, upper-case .YAML, whitespace-only text,
 * implausible years, reserved anchors, long ids, links to pages and sections of this site, and
 * organisation pictures that had to be cleaned or cannot be used.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { copyPictures } from '../../src/easyread/eleventy.js';
import { PictureLibrary } from '../../src/easyread/pictures.js';
import { pageData } from '../../src/html/view.js';
import { loadSite } from '../../src/load/load-site.js';
import { pictureResolver } from '../../src/load/pictures.js';
import { makeProject, noticeYaml, type TestProject } from '../helpers/project.js';
import { GOOD_EASY_READ, NOTICE_HEAD } from '../easyread/helpers.js';

const TODAY = new Date('2026-11-22T00:00:00Z');
let project: TestProject | undefined;

afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

async function load(files: Record<string, string | Buffer>, remove: string[] = []) {
  await project?.cleanup();
  project = await makeProject();
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(project.root, file)), { recursive: true });
    await writeFile(path.join(project.root, file), content);
  }
  for (const file of remove) await project.remove(file);
  return loadSite({ root: project.root, today: TODAY });
}

const errors = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');
const codes = (list: Diagnostic[]) => errors(list).map((d) => d.code);

describe('encoding', () => {
  it('refuses a Latin-1 file with the file, line and column of the first unreadable byte', async () => {
    const text = noticeYaml().replace('title: How we use', 'title: Caf\u00e9 how we use');
    const bytes = Buffer.from(text, 'latin1');
    const result = await load({ 'content/a.yaml': bytes });
    const [d] = errors(result.diagnostics).filter((e) => e.code === 'file-not-utf8');
    expect(formatDiagnostic(d!)).toMatch(/^content\/a\.yaml:2:11 error \[file-not-utf8\] this file is not UTF-8: the byte 0xE9 here cannot be read as text\./);
    expect(result.site).toBeUndefined();
  });

  it('refuses a raw control character, even in a comment, at its line and column', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('status: published', 'status: published # note\u001b[31m') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([expect.stringMatching(/^content\/a\.yaml:5:25 error \[control-character\] this text contains the invisible control character \\u001b \(escape\)\./)]);
  });

  it('refuses control characters and lone surrogates written as YAML escapes, at their value, and never prints them raw', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('text: Test Council is responsible for your information.', 'text: "Test \\e[2J Council \\ud800"') });
    const found = errors(result.diagnostics);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'control-character', line: 13, path: 'sections[0].body[0].text' });
    for (const d of result.diagnostics) expect(`${d.message}${d.hint}${d.path}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('escapes content quoted in messages (an unknown block type with an escape character)', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('      - type: paragraph', '      - type: "para\\egraph"') });
    const messages = result.diagnostics.map(formatDiagnostic).join('\n');
    expect(messages).toContain('para\\u001bgraph');
    expect(messages).not.toContain('\u001b');
  });

  it('normalises text to NFC', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('title: How we use', 'title: Zoe\u0308 how we use') });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.site!.notices[0]!.title).toBe('Zo\u00eb how we use your information');
  });
});

describe('limits', () => {
  it('stops an alias bomb early, at the alias', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 7; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const started = performance.now();
    const result = await load({ 'content/bomb.yaml': `${noticeYaml()}\nextra:\n${lines.map((l) => `  ${l}`).join('\n')}\n` });
    expect(performance.now() - started).toBeLessThan(5_000);
    const [d] = errors(result.diagnostics);
    expect(d).toMatchObject({ code: 'yaml-too-many-nodes', file: 'content/bomb.yaml' });
    expect(d!.line).toBeGreaterThan(20);
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const result = await load({ 'content/big.yaml': `${noticeYaml()}# ${'x'.repeat(1_100_000)}\n` });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'file-too-large', file: 'content/big.yaml', line: 0 })]);
  });

  it('refuses a text over the length limit at its line', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('text: Test Council is responsible for your information.', `text: ${'word '.repeat(12_000)}`) });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'yaml-text-too-long', line: 13 })]);
  });

  it('refuses a table over the size limit at the table', async () => {
    const rows = Array.from({ length: 501 }, (_, i) => `          - [r${i}, v]`).join('\n');
    const table = `      - type: table\n        caption: Big\n        columns: [A, B]\n        rows:\n${rows}\n`;
    const result = await load({ 'content/a.yaml': noticeYaml().replace('      - type: contact\n', `${table}      - type: contact\n`) });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'table-too-large', path: 'sections[0].body[1]', line: 14 })]);
  });
});

describe('files and folders', () => {
  it('says that a file holds two YAML documents, at the second "---"', async () => {
    const result = await load({ 'content/a.yaml': `${noticeYaml()}---\nid: second\n` });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([expect.stringMatching(/^content\/a\.yaml:16:1 error \[yaml-several-documents\]/)]);
  });

  it('says that a folder is where a data file should be', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml() });
    await project.remove('data/bodies.yaml');
    await mkdir(path.join(project.root, 'data/bodies.yaml'));
    const result = await loadSite({ root: project.root, today: TODAY });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'path-is-folder', file: 'data/bodies.yaml', line: 0 })]);
  });

  it('says that a folder is where a notice file should be', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml() });
    await mkdir(path.join(project.root, 'content/b.yaml'));
    const result = await loadSite({ root: project.root, today: TODAY });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'path-is-folder', file: 'content/b.yaml', line: 0 })]);
  });

  it('refuses a pipe where a notice or data file should be, without waiting on it', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml() });
    await project.remove('data/bodies.yaml');
    execFileSync('mkfifo', [path.join(project.root, 'data/bodies.yaml'), path.join(project.root, 'content/b.yaml')]);
    const result = await loadSite({ root: project.root, today: TODAY });
    expect(errors(result.diagnostics)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'file-unreadable', file: 'data/bodies.yaml', message: expect.stringContaining('not a regular file') }),
        expect.objectContaining({ code: 'file-unreadable', file: 'content/b.yaml', message: expect.stringContaining('not a regular file') }),
      ]),
    );
  });

  it('reads a notice file that is a link to one elsewhere', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml(), 'shared/b.yaml': noticeYaml('linked') });
    await symlink(path.join(project.root, 'shared/b.yaml'), path.join(project.root, 'content/b.yaml'));
    const result = await loadSite({ root: project.root, today: TODAY });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.site?.notices.map((notice) => notice.id).sort()).toEqual(['linked', 'test-notice']);
  });

  it('names a notice file that is a link to nothing, instead of skipping it', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml() });
    await symlink(path.join(project.root, 'shared/gone.yaml'), path.join(project.root, 'content/c.yaml'));
    const result = await loadSite({ root: project.root, today: TODAY });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([expect.stringMatching(/^content\/c\.yaml error \[file-unreadable\] this file cannot be read: it is a link to a file that is not there/)]);
  });

  it('says that data/site.yaml is missing', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml() }, ['data/site.yaml']);
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([expect.stringMatching(/^data\/site\.yaml error \[file-missing\] this file is missing\./)]);
  });

  it('says that content/ has no notices', async () => {
    const result = await load({});
    expect(codes(result.diagnostics)).toEqual(['no-notices']);
  });

  it('names a notice with an upper-case .YAML extension instead of ignoring it', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml(), 'content/b.YAML': noticeYaml('other') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([expect.stringMatching(/^content\/b\.YAML error \[yaml-extension-case\] the file b\.YAML is not read.*\n    Rename it to b\.yaml\./)]);
  });
});

describe('texts, dates, ids and links', () => {
  it('refuses a text of spaces only, at its line', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('text: Test Council is responsible for your information.', 'text: "   "') });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'blank-text', line: 13, path: 'sections[0].body[0].text' })]);
  });

  it('refuses years before 1990 and more than five years ahead', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('lastUpdated: 2026-01-15', 'lastUpdated: 0000-01-15').replace('nextReview: 2027-01', 'nextReview: 2099-01') });
    expect(errors(result.diagnostics).map((d) => [d.code, d.path])).toEqual([
      ['implausible-date', 'lastUpdated'],
      ['implausible-date', 'nextReview'],
    ]);
  });

  it('refuses a section id the layout uses, and numbers a heading whose slug is one', async () => {
    const extra = `  - heading: Main content\n    body:\n      - type: paragraph\n        text: Words.\n  - heading: Other\n    id: main-content\n    body:\n      - type: paragraph\n        text: Words.\n`;
    const result = await load({ 'content/a.yaml': noticeYaml('test-notice', extra) });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'reserved-anchor', path: 'sections[2].id', line: 21 })]);
    const fixed = await load({ 'content/a.yaml': noticeYaml('test-notice', extra.split('  - heading: Other')[0]) });
    expect(fixed.site!.notices[0]!.sections.map((s) => s.id)).toEqual(['who-we-are', 'main-content-2']);
  });

  it('refuses an id longer than 80 characters', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml('a'.repeat(300)) });
    expect(errors(result.diagnostics)).toEqual([expect.objectContaining({ code: 'id-too-long', line: 1, path: 'id' })]);
  });

  it('checks links to sections and pages of this site', async () => {
    const links = [
      '[ok](#who-we-are)',
      '[bad anchor](#nowhere)',
      '[other notice](/other/)',
      '[other section](/other/#who-we-are)',
      '[other bad section](/other/#nope)',
      '[missing page](/no-such-notice/)',
      '[home](/)',
      '[organisation](/organisations/test-council/)',
      '[pdf](/other/other.pdf)',
      '[easy read](/other/easy-read/)',
    ];
    const text = `      - type: paragraph\n        text: "${links.join(' ')}"\n`;
    const result = await load({ 'content/a.yaml': noticeYaml('test-notice').replace('      - type: contact\n', `${text}      - type: contact\n`), 'content/b.yaml': noticeYaml('other') });
    expect(errors(result.diagnostics).map((d) => [d.code, d.message])).toEqual([
      ['link-to-unknown-page', "the link to #nowhere points at nothing: this notice has no section with the id 'nowhere'."],
      ['link-to-unknown-page', "the link to /other/#nope points at nothing: the notice other (content/b.yaml) has no section with the id 'nope'."],
      ['link-to-unknown-page', 'the link to /no-such-notice/ points at nothing: no page of this site has that address.'],
      ['link-to-unknown-page', 'the link to /other/easy-read/ points at nothing: the notice other (content/b.yaml) has no easy-read version.'],
    ]);
    expect(errors(result.diagnostics)[0]).toMatchObject({ file: 'content/a.yaml', line: 15, path: 'sections[0].body[1].text' });
  });
});

describe('data files', () => {
  it('reports a broken organisation once, in data/organisations.yaml, and keeps the others', async () => {
    const { ORGANISATIONS_YAML } = await import('../helpers/project.js');
    const broken = `${ORGANISATIONS_YAML}other-council:\n  name: Other Council\n  website: not a web address\n`;
    const result = await load({ 'content/a.yaml': noticeYaml(), 'content/b.yaml': noticeYaml('other').replace('organisation: test-council', 'organisation: other-council'), 'data/organisations.yaml': broken });
    expect(errors(result.diagnostics).map((d) => [d.file, d.code])).toEqual([['data/organisations.yaml', 'invalid-url']]);
    expect(result.organisations.has('test-council')).toBe(true);
  });

  it('does not blame every notice when data/organisations.yaml cannot be read at all', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml(), 'content/b.yaml': noticeYaml('other'), 'data/organisations.yaml': 'test-council: [unclosed\n' });
    expect(errors(result.diagnostics).filter((d) => d.code === 'unknown-organisation')).toEqual([]);
    expect(errors(result.diagnostics).filter((d) => d.file === 'data/organisations.yaml')).toHaveLength(1);
  });

  it('reports an error in data/pictures.yaml once, at its line, and not at every notice', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml(), 'data/pictures.yaml': 'phone:\n  openmoji: "1F4DE"\n  description: A phone.\n  colour: red\n' });
    expect(errors(result.diagnostics).map((d) => [d.file, d.line, d.code])).toEqual([['data/pictures.yaml', 4, 'unknown-field']]);
  });

  it('reports an OpenMoji hexcode that does not exist at the picture entry', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml(), 'data/pictures.yaml': 'phone:\n  openmoji: "1F4DE"\n  description: A phone.\nghost:\n  openmoji: "FFFFF"\n  description: Nothing.\n' });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([expect.stringMatching(/^data\/pictures\.yaml:5:13 error \[unknown-openmoji\] ghost\.openmoji: OpenMoji has no picture with the hexcode FFFFF\./)]);
  });
});

const HOSTILE_SVG = `<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <a xlink:href="javascript:alert(3)"><rect width="10" height="10" fill="#123456"/></a>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject>
</svg>`;

describe("organisation pictures (data/pictures/<organisation>/)", () => {
  const files = {
    'content/a.yaml': noticeYaml(),
    'data/pictures/test-council/town-hall.svg': HOSTILE_SVG,
    'data/pictures/test-council/bomb.svg': '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    'data/pictures/test-council/pictures.yaml': 'town-hall:\n  description: Our town hall.\nbomb:\n  description: Not a picture.\n',
  };

  it('are cleaned: a warning at the entry for one that had to be changed, an error for one that cannot be used, with relative paths', async () => {
    const result = await load(files);
    const found = result.diagnostics.filter((d) => d.code.startsWith('picture-')).map(formatDiagnostic);
    expect(found).toEqual([
      expect.stringMatching(/^data\/pictures\/test-council\/pictures\.yaml:3:1 error \[picture-refused\] bomb: the picture data\/pictures\/test-council\/bomb\.svg cannot be used: it declares a DOCTYPE/),
      expect.stringMatching(/^data\/pictures\/test-council\/pictures\.yaml:1:1 warning \[picture-changed\] town-hall: the picture data\/pictures\/test-council\/town-hall\.svg was cleaned before publishing: .*<script>/),
    ]);
    expect(found.join('\n')).not.toContain(project!.root);
  });

  it('are published and drawn from the cleaned text, never from the file', async () => {
    const result = await load(files);
    const library = new PictureLibrary(result.pictures);
    const entry = library.entry('town-hall', 'test-council')!;
    const cleaned = library.text(entry.svg)!;
    for (const bad of ['<script', 'onload', 'javascript:', 'evil.example', 'foreignObject', 'iframe', 'xml-stylesheet']) expect(cleaned).not.toContain(bad);
    expect(cleaned).toContain('#123456');
    expect(library.text(library.entry('bomb', 'test-council')!.svg)).toBeUndefined();

    // The PDFs: the resolver the build passes gives the cleaned text, and refuses the unusable picture.
    const resolve = pictureResolver(result.pictures);
    expect(resolve('town-hall', 'test-council')!.text).toBe(cleaned);
    expect(() => resolve('bomb', 'test-council')).toThrow(/missing or was refused/);

    // The pages: the picture written into the site is the cleaned text, not the file.
    const raw = await readFile(entry.svg, 'utf8');
    expect(raw).toContain('<script>');
    const { 'data/pictures/test-council/bomb.svg': _bomb, ...usable } = files;
    const easy = GOOD_EASY_READ.replace('        - picture: council', '        - picture: town-hall');
    const site = (await load({ ...usable, 'data/pictures/test-council/pictures.yaml': 'town-hall:\n  description: Our town hall.\n', 'content/a.yaml': NOTICE_HEAD + easy })).site!;
    expect(site).toBeDefined();
    const data = pageData(site);
    const picture = data.pictures!.find((p) => p.url === '/pictures/test-council/town-hall.svg')!;
    expect(picture.svg).toBe(cleaned);
    const out = path.join(project!.root, 'out');
    const written = await copyPictures(out, data.pictures!);
    expect(await readFile(written.find((w) => w.endsWith('town-hall.svg'))!, 'utf8')).toBe(cleaned);
  });
});
