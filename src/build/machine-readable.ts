/**
 * Stage (after HTML): the machine-readable notices. Every published notice as /<id>/notice.json
 * and the list of them as /notices.json (src/views/notice-json.ts), each checked against its zod
 * schema (src/model/notice-json.ts) before it is written: a file that would not match the
 * published JSON Schema is a bug that stops the build, never a file that misleads a reader.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NoticeJson, NoticesJson } from '../model/notice-json.js';
import type { Site } from '../model/notice.js';
import { NOTICES_JSON_URL, noticeJson, noticeJsonUrl, noticesJson, type JsonDownloads } from '../views/notice-json.js';
import type { NoticeView } from '../views/notice.js';

async function writeJson(outDir: string, sitePath: string, data: unknown): Promise<void> {
  const file = path.join(outDir, ...sitePath.split('/').filter(Boolean));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
}

/**
 * Writes every notice.json and notices.json into the staged site; returns how many files. `views`
 * are the notice pages' views by notice id, when the build has made them already.
 */
export async function writeMachineReadable(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, views?: ReadonlyMap<string, NoticeView>): Promise<number> {
  // A few files at a time: the writes overlap, and a large site's JSON is not all in memory at once.
  const notices = site.published;
  for (let i = 0; i < notices.length; i += 32) {
    await Promise.all(notices.slice(i, i + 32).map((notice) => writeJson(outDir, noticeJsonUrl(notice), NoticeJson.parse(noticeJson(notice, site, downloads[notice.id], views?.get(notice.id))))));
  }
  await writeJson(outDir, NOTICES_JSON_URL, NoticesJson.parse(noticesJson(site, views)));
  return site.published.length + 1;
}
