/**
 * The preview's rehearsal, so that the first change's rebuild does not pay for the renderer's
 * first run: rehearsePdfs (src/pdf/index.ts) renders one notice's PDFs once while the preview
 * waits for the first change. It writes nothing the site or its cache keeps, and it never fails.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/model/notice.js';
import { rehearsePdfs } from '../../src/pdf/index.js';
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
