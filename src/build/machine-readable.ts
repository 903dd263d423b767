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

async function writeJson(outDir: string, sitePath: string, data: unknown): Promise<void> {
  const file = path.join(outDir, ...sitePath.split('/').filter(Boolean));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Writes every notice.json and notices.json into the staged site; returns how many files. */
export async function writeMachineReadable(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>): Promise<number> {
  for (const notice of site.published) {
    await writeJson(outDir, noticeJsonUrl(notice), NoticeJson.parse(noticeJson(notice, site, downloads[notice.id])));
  }
  await writeJson(outDir, NOTICES_JSON_URL, NoticesJson.parse(noticesJson(site)));
  return site.published.length + 1;
}
