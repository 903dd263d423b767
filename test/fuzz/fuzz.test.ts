/**
 * Fuzzing the loader with damaged copies of the real notices and data files. Whatever the damage,
 * loading must never throw, never hang, and report every problem at a file and line (line 0 only
 * for a problem with the whole file), with no raw control character in any message.
 *
 * Bounded: a fixed seed, a fixed number of runs per property, no shrinking (endOnFailure), and
 * each load in a child process that is killed after RUN_TIMEOUT_MS. About 30 s on two cores.
 *
 * The last five properties each check one thing the loader refuses at its line: raw control
 * characters anywhere, control characters and lone surrogates written as YAML escapes, invalid
 * UTF-8, and an alias bomb.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { REPO_ROOT } from '../helpers/project.js';
import type { LoadAnswer, LoadRequest } from './load-child.js';
import {
  escapedControlMutation,
  escapedSurrogateMutation,
  latin1Mutation,
  mutateBytes,
  mutateData,
  randomBytesMutation,
  rawControlMutation,
  structuralMutation,
  type ByteMutation,
  type DataMutation,
} from './mutations.js';

const SEED = 20_261_129;
const RUN_TIMEOUT_MS = 10_000;
const TODAY = '2026-11-22T00:00:00Z';
const DATA_FILES = ['data/site.yaml', 'data/organisations.yaml', 'data/bodies.yaml', 'data/pictures.yaml'];

let notices: string[] = [];
const originals = new Map<string, Buffer>();
let scratch: string;
let child: ChildProcess | undefined;

async function startChild(): Promise<ChildProcess> {
  const env = { ...process.env };
  delete env.SITE_URL;
  delete env.PATH_PREFIX;
  const started = fork(path.join(REPO_ROOT, 'test/fuzz/load-child.ts'), [], { execArgv: ['--import', 'tsx'], cwd: REPO_ROOT, env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    started.once('message', () => resolve());
    started.once('exit', (code) => reject(new Error(`the loader process exited (${code})`)));
  });
  return started;
}

/** Loads the project at `root` in the child; `timedOut` when it took longer than `timeoutMs` (the child is then replaced). */
async function load(root: string, timeoutMs = RUN_TIMEOUT_MS): Promise<LoadAnswer | { timedOut: true }> {
  child ??= await startChild();
  const running = child;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      running.removeAllListeners('message');
      running.kill('SIGKILL');
      child = undefined;
      resolve({ timedOut: true });
    }, timeoutMs);
    running.once('message', (answer: LoadAnswer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    running.send({ root, today: TODAY } satisfies LoadRequest);
  });
}

beforeAll(async () => {
  const files = await readdir(path.join(REPO_ROOT, 'content'), { recursive: true, encoding: 'utf8' });
  notices = files.filter((f) => f.endsWith('.yaml')).map((f) => `content/${f.split(path.sep).join('/')}`).sort();
  for (const file of [...DATA_FILES, ...notices]) originals.set(file, await readFile(path.join(REPO_ROOT, file)));
  scratch = await mkdtemp(path.join(os.tmpdir(), 'fuzz-'));
  await mkdir(path.join(scratch, 'data'));
  child = await startChild();
});

afterAll(async () => {
  child?.kill();
  await rm(scratch, { recursive: true, force: true });
});

/** A project with the real data files and one real notice, `target` replaced by `bytes`. */
async function projectWith(target: string, bytes: Buffer, notice: string): Promise<string> {
  await rm(path.join(scratch, 'content'), { recursive: true, force: true });
  for (const file of DATA_FILES) await writeFile(path.join(scratch, file), file === target ? bytes : originals.get(file)!);
  const noticeFile = target.startsWith('content/') ? target : notice;
  await mkdir(path.dirname(path.join(scratch, noticeFile)), { recursive: true });
  await writeFile(path.join(scratch, noticeFile), noticeFile === target ? bytes : originals.get(noticeFile)!);
  return scratch;
}

const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const hasRawControl = (text: string | undefined) => text !== undefined && (RAW_CONTROL.test(text) || LONE_SURROGATE.test(text));

/** Problems with a diagnostic itself: where it is, and what it prints. */
function diagnosticFaults(d: Diagnostic, known: Set<string>): string[] {
  const faults: string[] = [];
  if (typeof d.file !== 'string' || !known.has(d.file)) faults.push(`names no file of the project: ${JSON.stringify(d.file)}`);
  const wholeFile = d.line === 0 && d.column === 0;
  if (!wholeFile && !(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1)) faults.push(`has no line and column: ${d.line}:${d.column}`);
  for (const [field, text] of [['message', d.message], ['hint', d.hint], ['path', d.path]] as const) {
    if (hasRawControl(text)) faults.push(`its ${field} contains a raw control character: ${JSON.stringify(text)}`);
  }
  return faults;
}

interface Case {
  target: string;
  notice: string;
  data: DataMutation[];
  bytes: ByteMutation[];
}

/** Loads the damaged project and checks the promises every load keeps; returns the diagnostics. */
async function loadChecked(c: Case, timeoutMs = RUN_TIMEOUT_MS): Promise<Diagnostic[]> {
  const original = originals.get(c.target)!;
  let bytes = original;
  if (c.data.length > 0) bytes = Buffer.from(mutateData(original.toString('utf8'), c.data), 'utf8');
  if (c.bytes.length > 0) bytes = mutateBytes(bytes, c.bytes);
  const root = await projectWith(c.target, bytes, c.notice);
  const answer = await load(root, timeoutMs);
  if ('timedOut' in answer) throw new Error(`loading took longer than ${timeoutMs / 1000} s (${c.target})`);
  if (!answer.ok) throw new Error(`loading threw: ${answer.thrown}`);
  const known = new Set([...DATA_FILES, c.target.startsWith('content/') ? c.target : c.notice, 'content']);
  const faults = answer.diagnostics.flatMap((d) => diagnosticFaults(d, known).map((f) => `${d.file}:${d.line}:${d.column} ${JSON.stringify(d.message)} ${f}`));
  expect(faults).toEqual([]);
  return answer.diagnostics;
}

const anyFile = () => fc.constantFrom(...DATA_FILES, ...notices);
const anyNotice = () => fc.constantFrom(...notices);
const run = (property: fc.IAsyncProperty<[Case]>, numRuns: number) => fc.assert(property, { seed: SEED, numRuns, endOnFailure: true });

const errorsIn = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');

describe('fuzzing the loader with damaged real files', () => {
  it('deleted keys, wrong types, aliases and huge texts: no exception, no hang, every problem placed', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyFile(), notice: anyNotice(), data: fc.array(structuralMutation, { minLength: 1, maxLength: 3 }), bytes: fc.constant([]) }), async (c) => {
        await loadChecked(c);
      }),
      40,
    );
  });

  it('random bytes: no exception, no hang, every problem placed', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyFile(), notice: anyNotice(), data: fc.constant([]), bytes: fc.array(randomBytesMutation, { minLength: 1, maxLength: 3 }) }), async (c) => {
        await loadChecked(c);
      }),
      25,
    );
  });

  it('raw control characters: no exception, no hang, every problem placed, none printed raw', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyFile(), notice: anyNotice(), data: fc.constant([]), bytes: fc.array(rawControlMutation, { minLength: 1, maxLength: 3 }) }), async (c) => {
        await loadChecked(c);
      }),
      15,
    );
  });

  it('raw control characters anywhere in a file (comments and NEL included) are refused at their line', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyFile(), notice: anyNotice(), data: fc.constant([]), bytes: fc.tuple(rawControlMutation) }), async (c) => {
        const diagnostics = await loadChecked(c);
        expect(errorsIn(diagnostics).some((d) => d.file === c.target && d.line >= 1)).toBe(true);
      }),
      10,
    );
  });

  it('control characters written as YAML escapes are refused at their line, and never printed raw', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyNotice(), notice: anyNotice(), data: fc.tuple(escapedControlMutation), bytes: fc.constant([]) }), async (c) => {
        const diagnostics = await loadChecked(c);
        expect(errorsIn(diagnostics).filter((d) => d.line >= 1 && /control character/.test(d.message))).not.toEqual([]);
      }),
      10,
    );
  });

  it('lone surrogates written as YAML escapes are refused at their line', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyNotice(), notice: anyNotice(), data: fc.tuple(escapedSurrogateMutation), bytes: fc.constant([]) }), async (c) => {
        const diagnostics = await loadChecked(c);
        expect(errorsIn(diagnostics).filter((d) => d.line >= 1 && /control character/.test(d.message))).not.toEqual([]);
      }),
      10,
    );
  });

  it('a Latin-1 letter (invalid UTF-8) is refused with the file, line and column', async () => {
    await run(
      fc.asyncProperty(fc.record({ target: anyFile(), notice: anyNotice(), data: fc.constant([]), bytes: fc.tuple(latin1Mutation) }), async (c) => {
        const diagnostics = await loadChecked(c);
        expect(errorsIn(diagnostics).filter((d) => d.file === c.target && d.line >= 1 && /not UTF-8/.test(d.message))).not.toEqual([]);
      }),
      10,
    );
  });

  it('an alias bomb in a notice is stopped early, at the alias', async () => {
    const bomb = ['id: bomb', 'title: Bomb', 'organisation: kent-county-council', 'summary: A bomb.', 'status: published', 'lastUpdated: 2026-01-15', 'nextReview: 2027-01', 'sections:'];
    bomb.push('  - &s0 {heading: Part, body: [{type: paragraph, text: Words.}]}');
    for (let level = 1; level <= 6; level++) bomb.push(`  - &s${level} {heading: Part, body: [{type: paragraph, text: Words.}], sections: [${Array.from({ length: 10 }, () => `*s${level - 1}`).join(', ')}]}`);
    const target = 'content/bomb.yaml';
    originals.set(target, Buffer.from(`${bomb.join('\n')}\n`));
    const diagnostics = await loadChecked({ target, notice: target, data: [], bytes: [] }, 5_000);
    expect(errorsIn(diagnostics).filter((d) => d.line >= 1 && /aliases/.test(d.message))).not.toEqual([]);
  });
});
