/** Throwaway projects for tests: a temp folder with data/ and content/ written from strings. */
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const SITE_YAML = `name: Test notices
url: https://notices.example.org
owner: test-council
`;

export const ORGANISATIONS_YAML = `test-council:
  name: Test Council
  shortName: TC
  contacts:
    data-protection:
      lines: [Data Protection Team, Test Council, 1 High Street, Testtown, TT1 1TT]
      email: dp@test.example.org
      phone: 01234 567890
`;

export const BODIES_YAML = `information-commissioners-office:
  name: Information Commissioner's Office
  website: https://ico.org.uk
  contacts:
    helpline:
      phone: 0303 123 1113
`;

/** A small valid notice; `overrides` replaces top-level lines by key. */
export function noticeYaml(id = 'test-notice', extra = ''): string {
  return `id: ${id}
title: How we use your information
organisation: test-council
summary: How Test Council uses information about you.
status: published
lastUpdated: 2026-01-15
nextReview: 2027-01
sections:
  - heading: Who we are
    covers: [controller]
    body:
      - type: paragraph
        text: Test Council is responsible for your information.
      - type: contact
        contact: test-council/data-protection
${extra}`;
}

/** The project's own shared pictures (data/pictures.yaml), so test notices can use the real keys. */
export const PICTURES_YAML = readFileSync(path.join(REPO_ROOT, 'data/pictures.yaml'), 'utf8');

export interface TestProject {
  root: string;
  write(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A project with the test data files (and the real shared pictures) and the given files (path relative to the root). */
export async function makeProject(files: Record<string, string> = {}, options: { withLayouts?: boolean } = {}): Promise<TestProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'notices-test-'));
  const project: TestProject = {
    root,
    async write(file, text) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    },
    async remove(file) {
      await rm(path.join(root, file), { force: true });
    },
    async cleanup() {
      await rm(root, { recursive: true, force: true });
    },
  };
  const defaults: Record<string, string> = {
    'data/site.yaml': SITE_YAML,
    'data/organisations.yaml': ORGANISATIONS_YAML,
    'data/bodies.yaml': BODIES_YAML,
    'data/pictures.yaml': PICTURES_YAML,
  };
  for (const [file, text] of Object.entries({ ...defaults, ...files })) await project.write(file, text);
  if (options.withLayouts) {
    for (const item of ['layouts', 'src', '.eleventy.js', 'package.json', 'tsconfig.json']) {
      await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
    }
  }
  return project;
}
