/**
 * How the build sets Eleventy up for each run (eleventyRun in src/build/html.ts): the HTML stage's
 * own set-up first, then the project's .eleventy.js (plain JavaScript, for a council's additions),
 * then the plugins, among them the one that keeps the answers of Eleventy's url filter.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eleventyRun } from '../../src/build/html.js';
import type { PageData } from '../../src/html/view.js';
import { REPO_ROOT } from '../helpers/project.js';

type Filter = ((this: unknown, ...args: unknown[]) => unknown) & { name: string };
let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'eleventy-setup-'));
  await cp(path.join(REPO_ROOT, 'layouts'), path.join(project, 'layouts'), { recursive: true });
  // A project's own filter, and a count of the calls that reach the url filter it finds (Eleventy's).
  await writeFile(
    path.join(project, '.eleventy.js'),
    `export default function (eleventyConfig) {
  eleventyConfig.addFilter('shout', (text) => String(text).toUpperCase());
  const eleventysUrl = eleventyConfig.getFilter('url');
  eleventyConfig.addFilter('url', function (...args) {
    globalThis.eleventyUrlCalls = (globalThis.eleventyUrlCalls ?? 0) + 1;
    return eleventysUrl.apply(this, args);
  });
}
`,
  );
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

async function filtersOf(pathPrefix: string): Promise<(name: string) => Filter | undefined> {
  const eleventy = await eleventyRun(project, path.join(project, '_site'), { site: { pathPrefix } } as unknown as PageData, { listings: true });
  await eleventy.init();
  const config = (eleventy as unknown as { eleventyConfig: { userConfig: { getFilter(name: string): Filter | undefined } } }).eleventyConfig.userConfig;
  return (name) => config.getFilter(name);
}

describe('an Eleventy run of the build', () => {
  it("has the HTML stage's filters and the project's own from .eleventy.js", async () => {
    const filter = await filtersOf('/');
    expect(filter('inline')).toBeTypeOf('function');
    expect(filter('displayDate')).toBeTypeOf('function');
    expect(filter('shout')?.call({}, 'kent')).toBe('KENT');
  });

  it("answers site addresses through the kept url filter, which Eleventy's own set-up would otherwise replace", async () => {
    const filter = await filtersOf('/notices/');
    const url = filter('url')!;
    const calls = globalThis as { eleventyUrlCalls?: number };
    calls.eleventyUrlCalls = 0;
    for (let i = 0; i < 50; i++) expect(url.call({}, `/notice-${i % 10}/`)).toBe(`/notices/notice-${i % 10}/`);
    // Eleventy's filter was asked once, for the prefix itself; the 50 site addresses never reached it.
    expect(calls.eleventyUrlCalls).toBe(1);
    expect(url.call({}, 'https://ico.org.uk/')).toBe('https://ico.org.uk/');
    expect(calls.eleventyUrlCalls).toBe(2);
  });
});
