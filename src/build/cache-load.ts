/**
 * The load stage's memo (.cache/load, see cache.ts): what loading each notice file gave (its own
 * problems and the resolved notice), kept under the file's input key (its path and bytes, the
 * shared data it is checked against, the day; LoadedNotice.inputKey in src/load/load-site.ts) and
 * the code that loads. A rebuild after one notice changed parses and checks that notice only; the
 * checks across files (ids, links between notices, replacements) still run over every notice.
 *
 * An entry is two lines of JSON: the result without its long parts (the notice's sections and its
 * easy read's sections), then those parts. A build in a process of its own parses the second line
 * only when a stage reads one of them (src/model/lazy-parts.ts): a rebuild reads them for the notices that
 * changed, and the rest come from the caches of the later stages. With the easy read are kept its
 * picture keys and a digest of it, which the later stages' keys need.
 */
import type { NoticeFileResult, NoticeMemo } from '../load/load-site.js';
import { easyReadDigest, keepEasyReadFacts, withLazyParts } from '../model/lazy-parts.js';
import type { Notice } from '../model/notice.js';
import { easyReadPictureKeys } from '../model/pictures.js';
import type { EasyReadData } from '../model/schema.js';
import { cacheStore, codeFingerprint, hashOf, headAndRest, type CacheCounts, type CacheMemory, type CacheStore } from './cache.js';

/** Bump when loading changes in a way the code fingerprint would not notice. 3: long parts on a line of their own. 4: as values, not JSON texts. */
const LOAD_VERSION = 'load 4';

/** The first line of an entry. */
interface Head {
  /** The result, without the long parts (and without the easy read when it is the notice's own). */
  result: Omit<NoticeFileResult, 'notice' | 'easyRead'> & { notice?: Record<string, unknown>; easyRead?: Record<string, unknown> };
  /** Each object's keys in order, so the lazy one is the same JSON as the one stored. */
  order: { notice?: string[]; easyRead?: string[] };
  /** The notice's easy read is the file's easy read (one object, as loading makes it). */
  sameEasyRead: boolean;
  easyReadFacts?: { pictureKeys: string[]; digest: string };
}

/** The second line: the long parts. */
interface Parts {
  noticeSections?: unknown;
  easyReadSections?: unknown;
}

const without = (object: object, key: string) => Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));

/** The entry's bytes: its head and its long parts, a line each. */
function encode(result: NoticeFileResult): string {
  const easyRead = result.easyRead ?? result.notice?.easyRead;
  const sameEasyRead = result.notice !== undefined && result.easyRead !== undefined && result.notice.easyRead === result.easyRead;
  const parts: Parts = {};
  const head: Head = { result: { ...without(result, 'notice'), ...(result.notice ? { notice: {} } : {}) } as Head['result'], order: {}, sameEasyRead };
  if (result.easyRead) head.result.easyRead = without(result.easyRead, 'sections');
  if (result.notice) {
    head.order.notice = Object.keys(result.notice);
    let notice = without(result.notice, 'sections');
    if (sameEasyRead) notice = without(notice, 'easyRead');
    else if (result.notice.easyRead) throw new Error('a notice whose easy read is not its file’s cannot be kept'); // loading never makes one
    head.result.notice = notice;
    parts.noticeSections = result.notice.sections;
  }
  if (easyRead) {
    head.order.easyRead = Object.keys(easyRead);
    parts.easyReadSections = easyRead.sections;
    head.easyReadFacts = { pictureKeys: easyReadPictureKeys(easyRead), digest: easyReadDigest(easyRead) };
  }
  return `${JSON.stringify(head)}\n${JSON.stringify(parts)}`;
}

/**
 * The result an entry holds. `whole`: every part parsed now (for a process that keeps entries in
 * memory from one build to the next, the preview); otherwise the long parts wait until read.
 */
function decode(bytes: Buffer, whole: boolean): NoticeFileResult | undefined {
  const entry = headAndRest(bytes);
  if (!entry) return undefined;
  const head = entry.head as Head;
  if (!head?.result || !Array.isArray(head.result.diagnostics) || typeof head.result.parsed !== 'boolean' || !head.order) return undefined;
  // Kept as bytes: made into text only when a part is read.
  const partsBytes = entry.rest;
  let parts: Parts | undefined;
  const partsOf = () => (parts ??= JSON.parse(partsBytes.toString('utf8')) as Parts);
  // The line of long parts is parsed when a part is first read (at once when `whole`).
  const build = <T extends object>(plain: Record<string, unknown>, key: keyof Parts, order: string[]): T => withLazyParts<T>(plain, { sections: () => partsOf()[key] }, order, { now: whole });
  const easyRead = head.result.easyRead && head.order.easyRead ? build<EasyReadData>(head.result.easyRead, 'easyReadSections', head.order.easyRead) : undefined;
  if (easyRead && head.easyReadFacts) keepEasyReadFacts(easyRead, head.easyReadFacts);
  const result: NoticeFileResult = { ...(head.result as Omit<NoticeFileResult, 'notice' | 'easyRead'>), ...(easyRead ? { easyRead } : {}) };
  if (head.result.notice && head.order.notice) {
    const plain = head.sameEasyRead && easyRead ? { ...head.result.notice, easyRead } : head.result.notice;
    result.notice = build<Notice>(plain, 'noticeSections', head.order.notice);
  }
  return result;
}

function loadFingerprint(): string {
  return codeFingerprint(LOAD_VERSION, ['load', 'model', 'text', 'input', 'diagnostics'], ['js-yaml', 'zod', 'markdown-it']);
}

export interface LoadMemo extends NoticeMemo {
  store: CacheStore;
  counts: CacheCounts;
}

/** What a notice file's stat was when its bytes were last read, and their SHA-256. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha256: string;
}

/** The entry holding every notice file's stamp. */
const STAMPS_KEY = hashOf('notice file stamps 1');

/**
 * A file changed this recently could change again within the same time stamp, its size kept, and
 * look unchanged: its stamp is not kept (git's "racily clean" files). Its bytes are read next time.
 */
const RECENT_MS = 2000;

/**
 * The memo in <root>/.cache/load; without a root, nothing is kept. Besides each file's load, it
 * keeps each notice file's stamp (FileStamp), so a rebuild hashes only the files whose size, times
 * or inode changed: a file's bytes are read again only when its stat differs, or it changed within
 * `recentMs` of being read (for tests: 0).
 */
export function loadMemo(root: string | undefined, onDamaged?: (note: string) => void, memory?: CacheMemory, options: { recentMs?: number } = {}): LoadMemo {
  const store = cacheStore(root, 'load', onDamaged, memory);
  const key = (inputKey: string) => hashOf(loadFingerprint(), inputKey);
  const recentMs = options.recentMs ?? RECENT_MS;
  let stamps: Record<string, FileStamp> | undefined;
  let stampsChanged = false;
  const seen = new Set<string>();
  // A copy: a process that keeps entries in memory gets them frozen.
  const stampsNow = () => (stamps ??= { ...readStamps(store) });
  return {
    store,
    counts: store.counts,
    knownHash(file, info) {
      seen.add(file);
      const stamp = stampsNow()[file];
      return stamp && stamp.size === info.size && stamp.mtimeMs === info.mtimeMs && stamp.ctimeMs === info.ctimeMs && stamp.ino === info.ino ? stamp.sha256 : undefined;
    },
    noteHash(file, info, sha256) {
      seen.add(file);
      const all = stampsNow();
      const now = Date.now();
      if (Math.max(info.mtimeMs, info.ctimeMs) > now - recentMs) {
        if (all[file]) delete all[file];
        else return;
      } else {
        all[file] = { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino, sha256 };
      }
      stampsChanged = true;
    },
    async loaded() {
      if (!stamps || !store.dir) return;
      // Files no longer in the content folder are forgotten.
      for (const file of Object.keys(stamps)) {
        if (seen.has(file)) continue;
        delete stamps[file];
        stampsChanged = true;
      }
      if (stampsChanged) await store.write(STAMPS_KEY, JSON.stringify(stamps)).catch(() => undefined);
      else store.markUsed(STAMPS_KEY);
    },
    get(inputKey) {
      // An entry whole by its checksum that this code cannot read is made again.
      const result = store.readDecodedSync(key(inputKey), decode);
      if (!result) return undefined;
      store.counts.reused++;
      return result;
    },
    async set(inputKey, result, file) {
      store.counts.made++;
      store.counts.madeFor.push(file);
      // Stored at once: later stages may add to the notice (replacedBy).
      await store.write(key(inputKey), encode(result));
    },
  };
}

/** The stored stamps, or none when there are none or they are not stamps. */
function readStamps(store: CacheStore): Record<string, FileStamp> {
  const stored = store.readJsonSync<unknown>(STAMPS_KEY);
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const stamps: Record<string, FileStamp> = {};
  for (const [file, stamp] of Object.entries(stored as Record<string, Partial<FileStamp>>)) {
    if (stamp && typeof stamp.sha256 === 'string' && [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino].every((n) => typeof n === 'number')) stamps[file] = stamp as FileStamp;
  }
  return stamps;
}
