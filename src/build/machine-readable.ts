/**
 * Stage (after HTML): the machine-readable notices. Every published notice as /<id>/notice.json
 * and the list of them as /notices.json (src/views/notice-json.ts), each checked against its zod
 * schema (src/model/notice-json.ts) before it is written: a file that would not match the
 * published JSON Schema is a bug that stops the build, never a file that misleads a reader.
 *
 * With the views stage (src/build/views.ts), each notice.json is kept in .cache/json under the
 * hash of the notice's page view, its PDF links and where the site is deployed (what noticeJson
 * reads), so a rebuild makes only the changed notices' files and their views. A kept file is
 * stored as it is published and hard-linked into the site (src/files/verified-cache.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NoticeJson, NoticesJson, type NoticesJsonData } from '../model/notice-json.js';
import type { Notice, Site } from '../model/notice.js';
import { NOTICES_JSON_URL, noticeJson, noticeJsonUrl, noticeListEntry, noticesJson, type JsonDownloads } from '../views/notice-json.js';
import { siteFile } from '../files/site-paths.js';
import { withLinker, type Linker } from '../files/linker.js';
import { inBatches } from './batches.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts, type CacheMemory } from './cache.js';
import type { SiteViews } from './views.js';

/**
 * Bump when notice.json changes in a way the code fingerprint would not notice. 2: the file is
 * kept as it is published (linked into the site), its list entry and checksum beside it.
 */
const JSON_VERSION = 'notice-json 2';

type ListEntry = NoticesJsonData['notices'][number];

/**
 * Written synchronously: a site has thousands of these small files, and each costs far less so
 * than through promises. Its folder is made only when missing (the pages are usually there first).
 */
function writeText(outDir: string, sitePath: string, text: string): void {
  const file = siteFile(outDir, sitePath);
  try {
    writeFileSync(file, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** How a kept notice.json is named in .cache/json (its list entry and checksum are in <key>.json). */
const KEPT_FILE = '.notice.json';

const asText = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

export interface MachineReadableOptions {
  /** The page views (made only when a notice's file is not kept); without them, each notice's view is made here. */
  views?: SiteViews;
  /** The project folder, for .cache/json; without it, nothing is kept. */
  cacheRoot?: string;
  onDamaged?: (note: string) => void;
  /** Parsed cache entries shared across the builds of one process. */
  memory?: CacheMemory;
  /** Puts the kept files into outDir (on another thread); the caller awaits it. Default: one of the stage's own, awaited before it returns. */
  linker?: Linker;
}

/** Writes every notice.json and notices.json into the staged site; returns what came from the cache. */
export async function writeMachineReadable(site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, options: MachineReadableOptions = {}): Promise<CacheCounts> {
  return withLinker(options.linker, (linker) => writeWith(linker, site, outDir, downloads, options), { root: options.cacheRoot });
}

async function writeWith(linker: Linker, site: Site, outDir: string, downloads: Readonly<Record<string, JsonDownloads>>, options: MachineReadableOptions): Promise<CacheCounts> {
  const { views } = options;
  const store = cacheStore(views ? options.cacheRoot : undefined, 'json', options.onDamaged, options.memory);
  const fingerprint = codeFingerprint(JSON_VERSION, ['views', 'model', 'text', 'gdpr'], ['markdown-it', 'zod']);
  const make = (notice: Notice) => {
    const data = NoticeJson.parse(noticeJson(notice, site, downloads[notice.id], views?.notice(notice.id)));
    return { text: asText(data), entry: noticeListEntry(data) };
  };
  const entries = new Map<string, ListEntry>();
  // A few at a time: a kept file is queued for linking at once, and the writes of those made again overlap.
  await inBatches(site.published, async (notice) => {
    const viewHash = views?.noticeHash.get(notice.id);
    const out = siteFile(outDir, noticeJsonUrl(notice));
    const key = viewHash && store.dir ? hashOf(fingerprint, viewHash, downloads[notice.id] ?? null, site.url, site.pathPrefix) : undefined;
    // A kept file is linked into the site: no bytes are written.
    const kept = key === undefined ? undefined : store.readPublished<ListEntry>(key, KEPT_FILE);
    if (kept) {
      store.counts.reused++;
      entries.set(notice.id, kept.data);
      linker.link(kept.file, out);
      return;
    }
    const made = make(notice);
    entries.set(notice.id, made.entry);
    writeText(outDir, noticeJsonUrl(notice), made.text);
    if (key === undefined) return;
    // Kept as a link to the file just written.
    await store.keepPublished(key, KEPT_FILE, out, made.text, made.entry);
    store.counts.made++;
    store.counts.madeFor.push(notice.source);
  });
  writeText(outDir, NOTICES_JSON_URL, asText(NoticesJson.parse(noticesJson(site, entries))));
  await store.prune();
  return store.counts;
}
