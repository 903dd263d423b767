/** A small git repository in a temporary folder, with fixed names and dates, for history tests. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestRepo {
  root: string;
  git(...args: string[]): Promise<string>;
  write(file: string, text: string): Promise<void>;
  read(file: string): Promise<string>;
  /** Stages everything and commits on `date` (YYYY-MM-DD); returns the commit. */
  commit(message: string, date: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Environment for git that ignores the machine's own settings (signing, hooks, editor). */
function gitEnv(home: string, date?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig-none'),
    GIT_AUTHOR_NAME: 'Comms Officer',
    GIT_AUTHOR_EMAIL: 'comms@example.org',
    GIT_COMMITTER_NAME: 'Comms Officer',
    GIT_COMMITTER_EMAIL: 'comms@example.org',
    ...(date ? { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` } : {}),
  };
}

export async function makeTempFolder(prefix = 'notices-history-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function makeRepo(): Promise<TestRepo> {
  const root = await makeTempFolder();
  const git = async (...args: string[]) => (await run('git', args, { cwd: root, env: gitEnv(root) })).stdout;
  await git('init', '-q', '-b', 'main');
  return {
    root,
    git,
    async write(file, text) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    },
    read: (file) => readFile(path.join(root, file), 'utf8'),
    async commit(message, date) {
      await git('add', '-A');
      await run('git', ['commit', '-q', '--no-verify', '--allow-empty', '-m', message], { cwd: root, env: gitEnv(root, date) });
      return (await git('rev-parse', 'HEAD')).trim();
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A clone of `repo` with only its last commit (as actions/checkout makes by default). */
export async function shallowClone(repo: TestRepo): Promise<{ root: string; cleanup(): Promise<void> }> {
  const parent = await makeTempFolder('notices-shallow-');
  const root = path.join(parent, 'clone');
  await run('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, root], { env: gitEnv(parent) });
  return { root, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

/** A notice as a comms team writes it; `extra` lines go after nextReview. */
export function notice(options: { id?: string; status?: string; lastUpdated?: string; nextReview?: string; purposes?: string; who?: string; extra?: string } = {}): string {
  return `# yaml-language-server: $schema=../../schema/notice.schema.json
id: ${options.id ?? 'test-notice'}
title: How we use your information
organisation: test-council
owner: test-council-data-protection
summary: How Test Council uses information about you.
status: ${options.status ?? 'published'}
lastUpdated: ${options.lastUpdated ?? '2026-01-15'}
nextReview: ${options.nextReview ?? '2027-01'}
${options.extra ?? ''}sections:
  - heading: Who we are
    covers: [controller]
    body:
      - type: paragraph
        text: ${options.who ?? 'Test Council is responsible for your information. We are the controller.'}
  - heading: How we use your information
    covers: [purposes]
    body:
      - type: list
        intro: "We use your information to:"
        items:
          - ${options.purposes ?? 'plan and provide support for you and your family'}
          - check the quality of our services
`;
}
