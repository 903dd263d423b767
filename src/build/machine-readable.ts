/**
 * Stage (after HTML): the machine-readable notices. Every published notice as /<id>/notice.json
 * and the list of them as /notices.json (src/views/notice-json.ts), each checked against its zod
 * schema (src/model/notice-json.ts) before it is written: a file that would not match the
 * published JSON Schema is a bug that stops the build, never a file that misleads a reader.
 *
 * With the views stage (src/build/views.ts), each notice.json is kept in .cache/json under the
 * hash of the notice's page view, its PDF links and where the site is deployed (what noticeJson
 * reads), so a rebuild makes only the changed notices' files and their views.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NoticeJson, NoticesJson, type NoticesJsonData } from '../model/notice-json.js';
import type { Notice, Site } from '../model/notice.js';
import { NOTICES_JSON_URL, noticeJson, noticeJsonUrl, noticeListEntry, noticesJson, type JsonDownloads } from '../views/notice-json.js';
import { siteFile } from '../files/site-paths.js';
import { inBatches } from './batches.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts } from './cache.js';
import type { SiteViews } from './views.js';

/** Bump when notice.json changes in a way the code fingerprint would not notice. */
const JSON_VERSION = 'notice-json 1';

type ListEntry = NoticesJsonData['notices'][number];

async function writeText(outDir: string, sitePath: string, text: string): Promise<void> {
  const file = siteFile(outDir, sitePath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const asText = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

export interface MachineReadableOptions {
  /** The page views (made only when a notice's file is not kept); without them, each notice's view is made here. */
  views?: SiteViews;
  /** The project folder, for .cache/json; without it, nothing is kept. */
  cacheRoot?: string;
  onDamaged?: (note: string) => void;
}

/** Writes every notice.json and notices.json into the staged site; returns what came from the cache. */
export async function writeMachineReadable(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, options: MachineReadableOptions = {}): Promise<CacheCounts> {
  const { views } = options;
  const store = cacheStore(views ? options.cacheRoot : undefined, 'json', options.onDamaged);
  const fingerprint = codeFingerprint(JSON_VERSION, ['views', 'model', 'text', 'gdpr'], ['markdown-it', 'zod']);
  const make = (notice: Notice) => {
    const data = NoticeJson.parse(noticeJson(notice, site, downloads[notice.id], views?.notice(notice.id)));
    return { text: asText(data), entry: noticeListEntry(data) };
  };
  const entries = new Map<string, ListEntry>();
  await inBatches(site.published, async (notice) => {
    const viewHash = views?.noticeHash.get(notice.id);
    const made = viewHash ? await store.json(hashOf(fingerprint, viewHash, downloads[notice.id] ?? null, site.url, site.pathPrefix), () => make(notice), notice.source) : make(notice);
    entries.set(notice.id, made.entry);
    await writeText(outDir, noticeJsonUrl(notice), made.text);
  });
  await writeText(outDir, NOTICES_JSON_URL, asText(NoticesJson.parse(noticesJson(site, entries))));
  await store.prune();
  return store.counts;
}
