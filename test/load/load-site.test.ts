import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadSite } from '../../src/load/load-site.js';
import { makeProject, noticeYaml, REPO_ROOT, type TestProject } from '../helpers/project.js';

const run = promisify(execFile);

const TODAY = new Date('2026-11-22T00:00:00Z');
let project: TestProject | undefined;

afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

async function load(files: Record<string, string>) {
  project = await makeProject(files);
  return loadSite(project.root, { today: TODAY });
}

const errors = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');
const warnings = (list: Diagnostic[]) => list.filter((d) => d.severity === 'warning');

describe('loading a valid notice', () => {
  it('resolves the notice with its organisation, URL, heading levels and contact details', async () => {
    const result = await load({
      'content/test.yaml': noticeYaml('test-notice', `    sections:
      - heading: Our data protection officer
        body:
          - type: paragraph
            text: Write to us.
`),
    });
    expect(errors(result.diagnostics)).toEqual([]);
    const notice = result.site!.published[0]!;
    expect(notice.url).toBe('/test-notice/');
    expect(notice.source).toBe('content/test.yaml');
    expect(notice.organisation.name).toBe('Test Council');
    expect(notice.caption).toBe('Privacy notice');
    expect(notice.lastUpdated).toMatchObject({ year: 2026, month: 1, day: 15 });
    expect(notice.nextReview).toMatchObject({ year: 2027, month: 1, day: undefined });
    const section = notice.sections[0]!;
    expect(section).toMatchObject({ id: 'who-we-are', level: 2, covers: ['controller'] });
    expect(section.sections[0]).toMatchObject({ id: 'our-data-protection-officer', level: 3 });
    const contact = section.body[1]!;
    expect(contact.type === 'contact' && contact.contact.email).toBe('dp@test.example.org');
    expect(notice.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('validates drafts but does not publish them', async () => {
    const result = await load({
      'content/a.yaml': noticeYaml('published-one'),
      'content/b.yaml': noticeYaml('draft-one').replace('status: published', 'status: draft'),
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(result.site!.notices.map((n) => n.id).sort()).toEqual(['draft-one', 'published-one']);
    expect(result.site!.published.map((n) => n.id)).toEqual(['published-one']);
  });

  it('keeps dates as written and refuses dates that do not exist', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('lastUpdated: 2026-01-15', 'lastUpdated: 2026-02-30') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      "content/a.yaml:6:14 error [impossible-date] lastUpdated: '2026-02-30' is not a real date.\n    Check the day and month.",
    ]);
  });
});

describe('messages a comms officer can act on', () => {
  it('reports a YAML syntax error with file, line, column and a hint', async () => {
    const result = await load({ 'content/broken.yaml': noticeYaml().replace('title: How we use your information', 'title: "How we use your information') });
    expect(result.site).toBeUndefined();
    const [d] = errors(result.diagnostics);
    expect(d).toMatchObject({ file: 'content/broken.yaml', severity: 'error' });
    expect(d!.line).toBeGreaterThan(0);
    expect(d!.message).toMatch(/^YAML syntax error: /);
    expect(d!.hint).toMatch(/quote/);
  });

  it('reports bad indentation where it happens', async () => {
    const result = await load({ 'content/indent.yaml': noticeYaml().replace('title: How', '  title: How') });
    const [d] = errors(result.diagnostics);
    expect(formatDiagnostic(d!)).toMatch(/^content\/indent\.yaml:2:\d+ error \[yaml-syntax\] YAML syntax error: bad indentation/);
    expect(d!.hint).toMatch(/indentation/);
  });

  it('names an unknown block type, its path and position, and suggests the right one', async () => {
    const result = await load({ 'content/typo.yaml': noticeYaml().replace('      - type: paragraph', '      - type: paragrah') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      "content/typo.yaml:12:15 error [unknown-block-type] sections[0].body[0].type: unknown block type 'paragrah'.\n    Did you mean 'paragraph'?",
    ]);
  });

  it('names an unknown field and suggests the right one', async () => {
    const result = await load({ 'content/field.yaml': noticeYaml().replace('  - heading: Who we are', '  - heading: Who we are\n    heding: again') });
    const messages = errors(result.diagnostics).map(formatDiagnostic);
    expect(messages).toEqual(["content/field.yaml:10:5 error [unknown-field] sections[0].heding: unknown field 'heding'.\n    Did you mean 'heading'?"]);
  });

  it('says which required field is missing and where to add it', async () => {
    const result = await load({ 'content/missing.yaml': noticeYaml().replace('summary: How Test Council uses information about you.\n', '') });
    const [d] = errors(result.diagnostics);
    expect(d).toMatchObject({ file: 'content/missing.yaml', line: 1, column: 1, path: 'summary' });
    expect(d!.message).toBe("the required field 'summary' is missing.");
    expect(d!.hint).toMatch(/^Add a line 'summary: …' here\. \(One sentence/);
  });

  it('refuses unsafe ids and suggests a safe one', async () => {
    const cases = { '../x': "'x'", 'Has Space': "'has-space'", Capitals: "'capitals'" };
    for (const [id, suggestion] of Object.entries(cases)) {
      const result = await load({ 'content/unsafe.yaml': noticeYaml(JSON.stringify(id)) });
      const [d] = errors(result.diagnostics);
      expect(d, id).toMatchObject({ file: 'content/unsafe.yaml', line: 1, column: 5, path: 'id' });
      expect(d!.message).toContain('cannot be used as an id');
      expect(d!.hint).toBe(`Use ${suggestion} instead.`);
      await project!.cleanup();
    }
    project = undefined;
  });

  it('refuses ids the site uses itself', async () => {
    const result = await load({ 'content/reserved.yaml': noticeYaml('assets') });
    expect(errors(result.diagnostics)[0]!.message).toBe("the id 'assets' is used by the site itself.");
  });

  it('reports an unknown organisation with the closest ids', async () => {
    const result = await load({ 'content/org.yaml': noticeYaml().replace('organisation: test-council', 'organisation: test-counsil') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      "content/org.yaml:3:15 error [unknown-organisation] organisation: there is no organisation with the id 'test-counsil'.\n    Did you mean 'test-council'?",
    ]);
  });

  it('reports an unknown contact point with the ones that exist', async () => {
    const result = await load({ 'content/contact.yaml': noticeYaml().replace('test-council/data-protection', 'test-council/dataprotection') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      "content/contact.yaml:15:18 error [unknown-contact-point] sections[0].body[1].contact: Test Council has no contact point 'dataprotection'.\n    Did you mean 'data-protection'?",
    ]);
  });

  it('refuses two notices at the same URL, naming both files', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml('same'), 'content/b.yaml': noticeYaml('same') });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      "content/b.yaml:1:5 error [duplicate-notice-id] id: another notice, content/a.yaml, has the same id 'same': both would be published at /same/.\n    Give this notice an id of its own.",
    ]);
  });

  it('reports every problem in every file in one run', async () => {
    const result = await load({
      'content/one.yaml': noticeYaml('one').replace('type: paragraph', 'type: paragrah'),
      'content/two.yaml': noticeYaml('two').replace('status: published', 'status: publish'),
      'content/three.yaml': 'id: [unclosed',
    });
    const files = errors(result.diagnostics).map((d) => d.file).sort();
    expect(files).toEqual(['content/one.yaml', 'content/three.yaml', 'content/two.yaml']);
    expect(errors(result.diagnostics).find((d) => d.file === 'content/two.yaml')!.hint).toBe("Did you mean 'published'?");
  });

  it('allows only http, https, mailto and tel links', async () => {
    const result = await load({
      'content/links.yaml': noticeYaml().replace('text: Test Council is responsible for your information.', 'text: "[Click](javascript:alert(1)) or [file](file:///etc/passwd)"'),
    });
    const messages = errors(result.diagnostics).map((d) => d.message);
    expect(messages).toEqual([
      "the link 'Click' goes to 'javascript:alert(1)', which is not allowed.",
      "the link 'file' goes to 'file:///etc/passwd', which is not allowed.",
    ]);
  });

  it('needs one cell per column in every table row', async () => {
    const table = `      - type: table
        caption: Retention
        columns: [Record, Kept for]
        rows:
          - [Case files, 25 years]
          - [Phone calls]
`;
    const result = await load({ 'content/table.yaml': noticeYaml().replace('      - type: contact\n        contact: test-council/data-protection\n', table) });
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      'content/table.yaml:19:13 error [table-row-cells] sections[0].body[1].rows[1]: this row has 1 cell but the table has 2 columns.\n    Give every row one cell per column (use "" for an empty cell).',
    ]);
  });

  it('fails a brand colour too light for white header text, in the data file', async () => {
    const result = await load({
      'content/a.yaml': noticeYaml(),
      'data/organisations.yaml': `test-council:\n  name: Test Council\n  brandColour: "#7fb5e6"\n  contacts:\n    data-protection:\n      email: dp@test.example.org\n`,
    });
    const [d] = errors(result.diagnostics);
    expect(formatDiagnostic(d!)).toMatch(/^data\/organisations\.yaml:3:16 error \[brand-colour-too-light\] test-council\.brandColour: the brand colour #7fb5e6 is too light: white header text on it has a contrast of 2\.\d\d:1/);
  });
});

describe('warnings: the build goes on, the gap is visible', () => {
  it('warns when the review date has passed', async () => {
    const result = await load({ 'content/old.yaml': noticeYaml().replace('lastUpdated: 2026-01-15', 'lastUpdated: 2024-01').replace('nextReview: 2027-01', 'nextReview: 2025-01') });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(warnings(result.diagnostics).map(formatDiagnostic)).toEqual([
      'content/old.yaml:7:13 warning [review-overdue] nextReview: this notice was due for review by 2025-01.\n    Review the notice, then update lastUpdated and nextReview.',
    ]);
    expect(result.site!.published).toHaveLength(1);
  });

  it('does not warn during the month a month-only review date names', async () => {
    const result = await load({ 'content/now.yaml': noticeYaml().replace('nextReview: 2027-01', 'nextReview: 2026-11') });
    expect(warnings(result.diagnostics)).toEqual([]);
  });

  it('warns when a section introduces details that are missing', async () => {
    const result = await load({
      'content/gap.yaml': noticeYaml('gap', `  - heading: Contact details
    body:
      - type: paragraph
        text: "If you have any questions, please contact:"
`),
    });
    expect(errors(result.diagnostics)).toEqual([]);
    const [d] = warnings(result.diagnostics);
    expect(d).toMatchObject({ file: 'content/gap.yaml', line: 18, path: 'sections[1].body[0]' });
    expect(d!.message).toContain("the section 'Contact details' ends with");
  });

  it('warns where a notice shows a contact point that gives only a name', async () => {
    const result = await load({
      'content/a.yaml': noticeYaml(),
      'data/organisations.yaml': `test-council:\n  name: Test Council\n  contacts:\n    data-protection:\n      lines: [Test Council]\n`,
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(warnings(result.diagnostics).map((d) => `${d.file}:${d.line}`).sort()).toEqual(['content/a.yaml:15', 'data/organisations.yaml:5']);
  });
});

describe('deployment settings from the environment', () => {
  it('lets SITE_URL and PATH_PREFIX override data/site.yaml, and refuses bad values', async () => {
    const { readEnvironment } = await import('../../src/config.js');
    const deployment = (env: NodeJS.ProcessEnv) => readEnvironment(env).environment.deployment;
    const problems = (env: NodeJS.ProcessEnv) => readEnvironment(env).diagnostics.map((d) => `[${d.code}] ${d.message}`);
    expect(deployment({})).toEqual({});
    expect(deployment({ SITE_URL: 'https://council.github.io', PATH_PREFIX: 'notices' })).toEqual({ url: 'https://council.github.io', pathPrefix: '/notices/' });
    expect(deployment({ PATH_PREFIX: '/' })).toEqual({ pathPrefix: '/' });
    expect(problems({ SITE_URL: 'council.gov.uk' })).toEqual([expect.stringMatching(/^\[bad-site-url\] SITE_URL must be a web address/)]);
    expect(problems({ PATH_PREFIX: '/a b/' })).toEqual([expect.stringMatching(/^\[bad-path-prefix\] PATH_PREFIX must be a folder/)]);
  });

  it('gives no caption when the title already says it is a privacy notice', async () => {
    const result = await load({ 'content/a.yaml': noticeYaml().replace('title: How we use your information', 'title: Early help privacy notice') });
    expect(result.site!.published[0]!.caption).toBe('');
  });
});

describe('one run lists every problem', () => {
  it('still checks the organisation and dates of a notice that breaks the schema', async () => {
    const text = noticeYaml()
      .replace('      - type: paragraph', '      - type: paragrah')
      .replace('organisation: test-council', 'organisation: test-counsil')
      .replace('lastUpdated: 2026-01-15', 'lastUpdated: 2026-02-30');
    const result = await load({ 'content/all.yaml': text });
    expect(result.site).toBeUndefined();
    expect(errors(result.diagnostics).map(formatDiagnostic)).toEqual([
      "content/all.yaml:12:15 error [unknown-block-type] sections[0].body[0].type: unknown block type 'paragrah'.\n    Did you mean 'paragraph'?",
      "content/all.yaml:3:15 error [unknown-organisation] organisation: there is no organisation with the id 'test-counsil'.\n    Did you mean 'test-council'?",
      "content/all.yaml:6:14 error [impossible-date] lastUpdated: '2026-02-30' is not a real date.\n    Check the day and month.",
    ]);
  });

  it('still checks the contact references and links of a notice that breaks the schema', async () => {
    const text = noticeYaml()
      .replace('status: published', 'status: publish')
      .replace('test-council/data-protection', 'test-council/dataprotection')
      .replace('text: Test Council is responsible for your information.', 'text: "[Click](javascript:alert(1))"');
    const result = await load({ 'content/refs.yaml': text });
    expect(errors(result.diagnostics).map((d) => d.code)).toEqual(['value-not-allowed', 'link-not-allowed', 'unknown-contact-point']);
  });

  it('does not check a value the schema already refused', async () => {
    const result = await load({ 'content/format.yaml': noticeYaml().replace('lastUpdated: 2026-01-15', 'lastUpdated: 15/01/2026') });
    expect(errors(result.diagnostics).map((d) => d.code)).toEqual(['invalid-date-format']);
  });
});

describe('the project folder is an option, not the current folder', () => {
  it('loads a fixture site from another working directory, with its own pictures', async () => {
    project = await makeProject({
      'content/a.yaml': noticeYaml(),
      'data/pictures/test-council/town-hall.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"></svg>',
    });
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'notices-elsewhere-'));
    try {
      const script = path.join(elsewhere, 'load.mts');
      const loader = pathToFileURL(path.join(REPO_ROOT, 'src/load/load-site.ts')).href;
      const model = pathToFileURL(path.join(REPO_ROOT, 'src/model/pictures.ts')).href;
      await writeFile(
        script,
        `import { loadSite } from ${JSON.stringify(loader)};
import { findPicture } from ${JSON.stringify(model)};
const result = await loadSite({ root: ${JSON.stringify(project.root)}, today: new Date('2026-11-22') });
console.log(JSON.stringify({
  cwd: process.cwd(),
  notices: result.site?.published.map((n) => n.id),
  errors: result.diagnostics.filter((d) => d.severity === 'error').length,
  ownPicture: findPicture(result.pictures, 'town-hall', 'test-council')?.file,
  sharedPicture: findPicture(result.pictures, 'phone', 'test-council')?.file,
}));
`,
      );
      const { stdout } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [script], { cwd: elsewhere });
      const seen = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(seen).toEqual({
        cwd: await realpath(elsewhere),
        notices: ['test-notice'],
        errors: 0,
        ownPicture: 'data/pictures/test-council/town-hall.svg',
        sharedPicture: 'openmoji/color/svg/1F4DE.svg',
      });
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
