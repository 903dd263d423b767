/** How diagnostics are printed: text, JSON lines for tools, and GitHub annotations; and npm run validate end to end. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printDiagnostics } from '../../src/build/report.js';
import { diagnostic } from '../../src/diagnostics/catalogue.js';
import { makeProject, noticeYaml, REPO_ROOT, type TestProject } from '../helpers/project.js';

const run = promisify(execFile);

const typo = diagnostic('unknown-block-type', { given: 'paragrah', options: ['paragraph', 'list'] }, { file: 'content/a.yaml', line: 12, column: 15, path: 'sections[0].body[0].type' });
const overdue = diagnostic('review-overdue', { nextReview: '2025-01' }, { file: 'content/a.yaml', line: 7, column: 13, path: 'nextReview' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('printDiagnostics', () => {
  it('prints text with the code, errors first, then the count', () => {
    const lines: string[] = [];
    printDiagnostics([overdue, typo], { out: (l) => lines.push(l) });
    expect(lines).toEqual([
      "content/a.yaml:12:15 error [unknown-block-type] sections[0].body[0].type: unknown block type 'paragrah'.\n    Did you mean 'paragraph'?",
      'content/a.yaml:7:13 warning [review-overdue] nextReview: this notice was due for review by 2025-01.\n    Review the notice, then update lastUpdated and nextReview.',
      '\n1 error, 1 warning.',
    ]);
  });

  it('prints one JSON object per line and nothing else on the JSON output', () => {
    const json: string[] = [];
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    printDiagnostics([typo], { format: 'json', json: (l) => json.push(l) });
    expect(json.map((l) => JSON.parse(l))).toEqual([
      {
        code: 'unknown-block-type',
        severity: 'error',
        file: 'content/a.yaml',
        line: 12,
        column: 15,
        path: 'sections[0].body[0].type',
        message: "unknown block type 'paragrah'.",
        hint: "Did you mean 'paragraph'?",
      },
    ]);
    expect(stderr).toHaveBeenCalledWith('1 error, 0 warnings.');
  });

  it('also prints GitHub annotations under GitHub Actions', () => {
    const stdout = vi.spyOn(console, 'log').mockImplementation(() => {});
    printDiagnostics([typo], { githubActions: true, out: () => {} });
    expect(stdout).toHaveBeenCalledWith(
      "::error file=content/a.yaml,line=12,col=15,title=unknown-block-type::sections[0].body[0].type: unknown block type 'paragrah'. Did you mean 'paragraph'?",
    );
  });
});

describe('npm run validate', () => {
  let project: TestProject | undefined;
  afterEach(async () => {
    await project?.cleanup();
    project = undefined;
  });

  it('--format json prints every problem of the load and easy-read stages as JSON lines, with annotations on stderr under GitHub Actions', async () => {
    const easyRead = `easyRead:
  sections:
    - heading: Who we are
      items:
        - picture: council
          alt: A council building.
          text:
            - Your information is kept by the council.
`;
    project = await makeProject({ 'content/a.yaml': noticeYaml('a', easyRead).replace('lastUpdated: 2026-01-15', 'lastUpdated: 2026-02-30') });
    const env = { ...process.env, GITHUB_ACTIONS: 'true', SITE_URL: '', PATH_PREFIX: '', FORCE_COLOR: '0' };
    const failed = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'scripts/validate.ts'), '--format', 'json'], { cwd: project.root, env }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect((failed as { code?: number }).code).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    const parsed = lines.map((l) => JSON.parse(l) as { code: string; file: string });
    // (The one-item easy read also lacks the ways to get help every easy read must give.)
    expect(parsed.map((d) => d.code).filter((code) => code !== 'easy-read-help-missing')).toEqual(['impossible-date', 'passive-voice']);
    expect(failed.stderr).toContain('::error file=content/a.yaml,line=6,col=14,title=impossible-date::');
  });

  it('refuses a bad PATH_PREFIX in one line naming the variable', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml() });
    const failed = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'scripts/validate.ts')], {
      cwd: project.root,
      env: { ...process.env, PATH_PREFIX: '/a b/', GITHUB_ACTIONS: '', FORCE_COLOR: '0' },
    }).catch((error: { code: number; stdout: string }) => error);
    expect((failed as { code?: number }).code).toBe(2);
    expect(failed.stdout.split('\n')[0]).toBe("(environment) error [bad-path-prefix] PATH_PREFIX must be a folder such as /notices/ (it is '/a b/').");
  });

  it('npm run build --format json stops on a content error with only JSON lines on stdout', async () => {
    project = await makeProject({ 'content/a.yaml': noticeYaml().replace('type: paragraph', 'type: paragrah') });
    const failed = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'scripts/build.ts'), '--no-check', '--format', 'json'], {
      cwd: project.root,
      env: { ...process.env, GITHUB_ACTIONS: '', SITE_URL: '', PATH_PREFIX: '', FORCE_COLOR: '0' },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect((failed as { code?: number }).code).toBe(1);
    expect(failed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { code: string }).code)).toEqual(['unknown-block-type']);
    expect(failed.stderr).toContain('Nothing was published');
  });
});
