/**
 * What git knows about a notice's past: its versions, and its text at any of them.
 *
 * git runs with execFile and argument arrays (never a shell string), so a file or revision name is
 * never interpreted by a shell. Nothing here throws: a folder without git, a machine without git and
 * a shallow clone are ordinary answers that the caller explains to the reader.
 */
import { execFile } from 'node:child_process';

/** One commit that changed a file. */
export interface FileVersion {
  commit: string;
  /** The commit's date, YYYY-MM-DD (committer date, as published). */
  date: string;
  /** The first line of the commit message. */
  subject: string;
  /** The file's path at that commit (it differs before a rename). */
  path: string;
}

export type Unavailable =
  | { available: false; reason: 'git-not-installed'; explanation: string }
  | { available: false; reason: 'not-a-repository'; explanation: string };

export type FileHistory =
  | {
      available: true;
      /** True in a shallow clone: older versions exist but were not fetched. */
      shallow: boolean;
      /** Newest first. */
      versions: FileVersion[];
    }
  | Unavailable;

interface GitOutput {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** git itself could not be started. */
  missing: boolean;
}

/** Big enough for the text of any notice at any commit. */
const MAX_OUTPUT = 64 * 1024 * 1024;
const FIELD = '\x1f';
const RECORD = '\x1e';

function runGit(root: string, args: readonly string[]): Promise<GitOutput> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd: root, maxBuffer: MAX_OUTPUT, encoding: 'utf8' }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !error, stdout: stdout ?? '', stderr: stderr ?? '', missing });
    });
  });
}

/** Whether `root` is inside a git work tree, and why not. */
export async function gitAvailability(root: string): Promise<{ available: true } | Unavailable> {
  const result = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
  if (result.missing) {
    return { available: false, reason: 'git-not-installed', explanation: 'git is not installed here, so the history of notices cannot be read.' };
  }
  if (!result.ok || result.stdout.trim() !== 'true') {
    return { available: false, reason: 'not-a-repository', explanation: 'this folder is not a git repository (there is no .git), so the history of notices cannot be read.' };
  }
  return { available: true };
}

/** True in a shallow clone (git clone --depth 1, or actions/checkout without fetch-depth: 0). */
export async function isShallow(root: string): Promise<boolean> {
  const result = await runGit(root, ['rev-parse', '--is-shallow-repository']);
  return result.ok && result.stdout.trim() === 'true';
}

/** The versions of `file` (a path relative to `root`), newest first, following renames. */
export async function fileVersions(root: string, file: string): Promise<FileHistory> {
  const availability = await gitAvailability(root);
  if (!availability.available) return availability;
  const shallow = await isShallow(root);
  const result = await runGit(root, [
    'log',
    '--follow',
    '--no-merges',
    '--relative',
    `--format=${RECORD}%H${FIELD}%cs${FIELD}%s`,
    '--name-only',
    '--',
    file,
  ]);
  // A file git has never seen has no versions yet (a notice not committed).
  if (!result.ok) return { available: true, shallow, versions: [] };
  const versions: FileVersion[] = [];
  for (const record of result.stdout.split(RECORD)) {
    const [header, ...rest] = record.split('\n');
    if (!header) continue;
    const [commit, date, subject] = header.split(FIELD);
    const changedPath = rest.map((line) => line.trim()).find((line) => line.length > 0);
    if (!commit || !date) continue;
    versions.push({ commit, date, subject: subject ?? '', path: changedPath ?? file });
  }
  return { available: true, shallow, versions };
}

/** The text of `file` (relative to `root`) at `commit`; undefined when it did not exist there or git cannot say. */
export async function fileAt(root: string, commit: string, file: string): Promise<string | undefined> {
  // "./" makes the path relative to root rather than to the top of the repository.
  const result = await runGit(root, ['show', `${commit}:./${file}`]);
  return result.ok ? result.stdout : undefined;
}

/** The full commit a revision names (HEAD~1, main, a tag, origin/main), or undefined when git does not know it. */
export async function resolveRevision(root: string, revision: string): Promise<string | undefined> {
  // A revision starting with "-" would be read as an option.
  if (revision.startsWith('-')) return undefined;
  const result = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  const commit = result.stdout.trim();
  return result.ok && /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
}

/** Files under `folder` (relative to root) at `commit`, as paths relative to root. */
export async function filesAt(root: string, commit: string, folder: string): Promise<string[]> {
  // Without --full-tree, ls-tree reads the folder and prints paths relative to the working directory.
  const result = await runGit(root, ['ls-tree', '-r', '--name-only', commit, '--', folder.replace(/\/+$/, '')]);
  if (!result.ok) return [];
  return result.stdout.split('\n').filter((line) => line.length > 0);
}
