/**
 * npm start against 127.0.0.1, on a throwaway project: it builds with the build's pipeline, serves
 * pages, PDFs and the accessibility statement, rebuilds when content or a layout changes, and keeps
 * the last good preview (with a coded warning) when a change breaks the content.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, noticeYaml, REPO_ROOT, SITE_YAML, type TestProject } from '../helpers/project.js';

let project: TestProject;
let child: ChildProcess;
let output = '';
let origin = '';

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await test()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting for ${what}; the preview printed:\n${output}`);
}

async function get(sitePath: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${origin}${sitePath}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

beforeAll(async () => {
  project = await makeProject(
    {
      'data/site.yaml': `${SITE_YAML}accessibility:\n  contact: test-council/data-protection\n  compliance: full\n  prepared: 2026-11-22\n`,
      'content/test/test-notice.yaml': noticeYaml(),
    },
    { withLayouts: true },
  );
  await cp(path.join(REPO_ROOT, 'scripts'), path.join(project.root, 'scripts'), { recursive: true });
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(project.root, 'node_modules'));
  child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/serve.ts', '--port', '0'], { cwd: project.root, env: { ...process.env, FORCE_COLOR: '0', PATH_PREFIX: '' } });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('the first build', () => /Watching content\//.test(output));
  origin = /Preview: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!;
}, 150_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await project?.cleanup();
});

describe('npm start', () => {
  it('serves the pages, the PDFs and the accessibility statement on 127.0.0.1', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    const notice = await get('/test-notice/');
    expect(notice.text).toContain('How we use your information');
    const pdf = await get('/test-notice/test-notice.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.type).toMatch(/application\/pdf/);
    const statement = await get('/accessibility/');
    expect(statement.status).toBe(200);
    expect(statement.text).toContain('Accessibility statement for Test notices');
    expect(statement.text).toContain('built without its automated accessibility check');
    expect((await get('/no-such-page/')).status).toBe(404);
  });

  it('rebuilds when a notice or a layout changes', async () => {
    await project.write('content/test/test-notice.yaml', noticeYaml().replace('title: How we use your information', 'title: How we use information about you'));
    await until('the changed title', async () => (await get('/test-notice/')).text.includes('How we use information about you'));
    const index = path.join('layouts', 'pages', 'index.njk');
    const { readFile } = await import('node:fs/promises');
    const layout = await readFile(path.join(project.root, index), 'utf8');
    const marker = 'Preview layout marker';
    await project.write(index, layout.replace(/(<h1[^>]*>)/, `<p>${marker}</p>\n$1`));
    await until('the changed layout', async () => (await get('/')).text.includes(marker));
    // The shell every page shares: the builds run in one process, which must not keep the old one.
    const base = path.join('layouts', 'base', 'base.njk');
    const shell = await readFile(path.join(project.root, base), 'utf8');
    await project.write(base, shell.replace('</body>', '<!-- preview shell marker --></body>'));
    await until('the changed shell', async () => (await get('/test-notice/')).text.includes('preview shell marker'));
  }, 150_000);

  it('rebuilds after every save, whether an editor writes the file in place or replaces it with a new one', async () => {
    const file = path.join(project.root, 'content', 'test', 'test-notice.yaml');
    // Many editors save by writing a new file and renaming it over the old one.
    const replace = async (text: string) => {
      await writeFile(`${file}.saving`, text);
      await rename(`${file}.saving`, file);
    };
    const saves: [string, (text: string) => Promise<void>][] = [
      ['replaced', replace],
      ['written in place', (text) => writeFile(file, text)],
      ['replaced again', replace],
      ['written in place again', (text) => writeFile(file, text)],
    ];
    for (const [how, save] of saves) {
      const title = `How we use your information (${how})`;
      await save(noticeYaml().replace('title: How we use your information', `title: ${title}`));
      await until(`the title saved ${how}`, async () => (await get('/test-notice/')).text.includes(title), 30_000);
    }
    await writeFile(file, noticeYaml().replace('title: How we use your information', 'title: How we use information about you'));
    await until('the title put back', async () => (await get('/test-notice/')).text.includes('How we use information about you'), 30_000);
  }, 180_000);

  it('keeps serving the last good preview when the content breaks, and says so with a code', async () => {
    const before = output.length;
    await project.write('content/test/test-notice.yaml', 'id: test-notice\ntitle: [unclosed\n');
    await until('the failed rebuild', () => output.slice(before).includes('[preview-kept-last-good]'));
    expect(output.slice(before)).toMatch(/content\/test\/test-notice\.yaml/);
    expect((await get('/test-notice/')).text).toContain('How we use information about you');
  }, 150_000);
});
