/**
 * Rehearsals, so that a change's rebuild does not pay for the renderer's first run:
 * - rehearsePdfs (src/pdf/index.ts): the preview renders one notice's PDFs once while it waits for
 *   the first change. It writes nothing the site or its cache keeps, and it never fails.
 * - src/pdf/rehearsal.ts: a build that rendered PDFs keeps one job of each kind in the PDF cache,
 *   and the PDF worker of the next process (npm run build) renders them, and throws them away,
 *   while the main thread loads the notices.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/model/notice.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { renderPdfs, rehearsePdfs } from '../../src/pdf/index.js';
import { startPdfWorker } from '../../src/pdf/pool.js';
import { rehearsalJobs } from '../../src/pdf/rehearsal.js';
import { writeVerifiedSync } from '../../src/files/verified-cache.js';
import type { TestProject } from '../helpers/project.js';
import { easyReadNotice, linkNotice, loadNotices } from './generated-notices.js';

const projects: TestProject[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((p) => p.cleanup()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A folder for the rehearsals' throwaway folders, so what they leave behind can be seen. */
async function under(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-rehearsal-test-'));
  dirs.push(dir);
  return dir;
}

describe('rehearsePdfs', () => {
  it('renders a notice with an easy read, and leaves nothing behind: no cache entry, no folder', async () => {
    const loaded = await loadNotices([linkNotice(), easyReadNotice()]);
    projects.push(loaded.project);
    const dir = await under();
    // The notice with an easy read: its PDF and its easy read's, made in a folder inside `dir`, then removed.
    expect(await rehearsePdfs(loaded.site, { under: dir })).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(loaded.project.root, '.cache'))).toBe(false);
  });

  it('never fails: a site without notices, or a notice the renderer cannot draw', async () => {
    const loaded = await loadNotices([linkNotice()]);
    projects.push(loaded.project);
    const dir = await under();
    await expect(rehearsePdfs({ ...loaded.site, published: [] }, { under: dir })).resolves.toBe(0);
    const broken = { ...loaded.site.published[0]!, sections: null } as unknown as Notice;
    await expect(rehearsePdfs({ ...loaded.site, published: [broken] }, { under: dir })).resolves.toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the rehearsal kept for the next process', () => {
  /** A project's two notices rendered with the PDF cache in `cacheDir`; the site folder is thrown away. */
  async function renderWithCache(cacheDir: string) {
    const loaded = await loadNotices([linkNotice(), easyReadNotice()]);
    projects.push(loaded.project);
    await renderPdfs(loaded.site, await under(), { root: loaded.project.root, cacheDir, concurrency: 1 });
  }

  it('is one job of each kind, kept by a build that rendered PDFs, without the places it wrote them', async () => {
    const cacheDir = path.join(await under(), 'pdf');
    await renderWithCache(cacheDir);
    const jobs = rehearsalJobs(cacheDir);
    expect(jobs.map((job) => job.kind).sort()).toEqual(['easy-read', 'full']);
    for (const job of jobs) {
      expect(job.outFile).toBe('');
      expect(job.cacheFile).toBeUndefined();
    }
    // The easy read's pictures travel with it: the worker reads no picture file.
    expect(Object.keys(jobs.find((job) => job.kind === 'easy-read')!.pictures ?? {}).length).toBeGreaterThan(0);
  });

  it('is not used when another renderer kept it, or when it is damaged', async () => {
    const cacheDir = path.join(await under(), 'pdf');
    await renderWithCache(cacheDir);
    const file = path.join(cacheDir, '.rehearsal.json');
    const kept = readFileSync(file);
    expect(rehearsalJobs(cacheDir)).toHaveLength(2);
    // Other code kept it: its fingerprint is not this renderer's (with a checksum of its own, so only the fingerprint differs).
    const text = kept.toString('utf8');
    writeVerifiedSync(file, text.slice(text.indexOf('\n') + 1).replace(/"renderer":"[0-9a-f]+"/, '"renderer":"another"'));
    expect(rehearsalJobs(cacheDir)).toEqual([]);
    // Damaged: cut short.
    writeFileSync(file, kept.subarray(0, kept.length - 10));
    expect(rehearsalJobs(cacheDir)).toEqual([]);
    // None at all.
    expect(rehearsalJobs(path.join(cacheDir, 'nowhere'))).toEqual([]);
  });

  it("is rendered by a new process's PDF worker as it starts, leaving nothing behind", async () => {
    const cacheDir = path.join(await under(), 'pdf');
    await renderWithCache(cacheDir);
    const before = readdirSync(cacheDir, { recursive: true }).sort();
    const worker = startPdfWorker({ rehearseFrom: cacheDir })!;
    try {
      expect(await worker.rehearsed).toBe(2);
    } finally {
      await worker.close();
    }
    expect(readdirSync(cacheDir, { recursive: true }).sort()).toEqual(before);
    // Without a rehearsal kept, the worker starts all the same.
    const bare = startPdfWorker({ rehearseFrom: path.join(cacheDir, 'nowhere') })!;
    try {
      expect(await bare.rehearsed).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
