/**
 * The easy-read stage with a cache per notice (.cache/easy-read and .cache/readability, see
 * cache.ts), so a rebuild analyses only the notices whose text changed.
 *
 * An easy-read check's key holds everything the check reads: the notice file's path and text, its
 * organisation's initials and name, and for each picture key its items use the picture found (file,
 * origin, credit) and its size; when a key is unknown, every key the organisation may use (the
 * message suggests the nearest). A changed picture file changes only the notices that show it.
 * A readability row's key holds the texts it counts and the notice's id, title, file and address.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkNoticeEasyRead, easyReadDiagnostics, organisationInitials, type EasyReadCheck, type RelaxedRule } from '../easyread/check.js';
import { easyReadText, fullNoticeText, readabilityReport, type ReadabilityRow } from '../easyread/readability.js';
import { pictureSize } from '../load/pictures.js';
import type { LoadedNotice, LoadResult } from '../load/load-site.js';
import type { Notice, Site } from '../model/notice.js';
import { findPicture, pictureKeysFor, type Pictures } from '../model/pictures.js';
import type { EasyReadData } from '../model/schema.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts } from './cache.js';

/** Bump when a check's result changes in a way the code fingerprint would not notice. */
const CHECK_VERSION = 'easy-read 1';
const READABILITY_VERSION = 'readability 1';

/** Makes a progress reporter (src/build/progress.ts) for `total` items. */
export type ProgressFactory = (label: string, total: number) => { advance(done?: number): void; finish(): void };

export interface EasyReadStage {
  diagnostics: Diagnostic[];
  relaxed: RelaxedRule[];
  counts: CacheCounts;
}

function checkFingerprint(): string {
  return codeFingerprint(CHECK_VERSION, ['easyread', 'diagnostics', 'text', 'load', 'model'], ['retext-english', 'retext-passive', 'retext-pos', 'unified', 'markdown-it']);
}

function readabilityFingerprint(): string {
  return codeFingerprint(READABILITY_VERSION, ['easyread', 'text', 'model'], ['retext-english', 'unified', 'syllable', 'flesch', 'markdown-it']);
}

/** What a notice's easy-read check reads from the picture library. */
function pictureFacts(easyRead: EasyReadData, organisationId: string, pictures: Pictures): unknown {
  const facts: Record<string, unknown> = {};
  let unknown = false;
  for (const section of easyRead.sections) {
    for (const item of section.items) {
      if (item.picture in facts) continue;
      const entry = findPicture(pictures, item.picture, organisationId);
      if (!entry) unknown = true;
      facts[item.picture] = entry ? { entry, size: pictureSize(pictures, entry) ?? null } : null;
    }
  }
  return unknown ? { facts, keys: pictureKeysFor(pictures, organisationId) } : { facts };
}

export function easyReadKey(notice: LoadedNotice & { easyRead: EasyReadData }, pictures: Pictures): string {
  return hashOf(checkFingerprint(), notice.source.file, notice.source.text, notice.organisationId ?? '', organisationInitials(notice), pictureFacts(notice.easyRead, notice.organisationId ?? '', pictures));
}

/**
 * The easy-read checks of every loaded notice (as checkEasyReads in src/easyread/check.ts, in the
 * same order), each from the cache when its inputs are unchanged. Without a root, nothing is kept.
 */
export async function checkEasyReadsCached(loaded: Pick<LoadResult, 'notices' | 'pictures'>, root: string | undefined, onDamaged?: (note: string) => void, progress?: ProgressFactory): Promise<EasyReadStage> {
  const store = cacheStore(root, 'easy-read', onDamaged);
  const withEasyRead = loaded.notices.filter((notice): notice is LoadedNotice & { easyRead: EasyReadData } => Boolean(notice.easyRead));
  const bar = progress?.('Easy-read checks', withEasyRead.length);
  const checks = await Promise.all(
    withEasyRead.map(async (notice) => {
      const check = await store.json<EasyReadCheck>(easyReadKey(notice, loaded.pictures), () => checkNoticeEasyRead(notice, loaded.pictures), notice.file);
      bar?.advance();
      return check;
    }),
  );
  bar?.finish();
  const stage: EasyReadStage = { diagnostics: [], relaxed: [], counts: store.counts };
  for (const check of checks) {
    stage.diagnostics.push(...easyReadDiagnostics(check));
    stage.relaxed.push(...check.relaxed);
  }
  await store.prune();
  return stage;
}

export function readabilityKey(notice: Notice): string {
  return hashOf(readabilityFingerprint(), notice.id, notice.title, notice.source, notice.url, fullNoticeText(notice), notice.easyRead ? easyReadText(notice) : null);
}

/** The readability rows of every published notice (as readabilityReport), each from the cache when its texts are unchanged. */
export async function readabilityCached(site: Pick<Site, 'published'>, root: string | undefined, onDamaged?: (note: string) => void, progress?: ProgressFactory): Promise<{ rows: ReadabilityRow[]; counts: CacheCounts }> {
  const store = cacheStore(root, 'readability', onDamaged);
  const bar = progress?.('Readability figures', site.published.length);
  const perNotice = await Promise.all(
    site.published.map(async (notice) => {
      const rows = await store.json<ReadabilityRow[]>(readabilityKey(notice), () => readabilityReport({ published: [notice] }), notice.source);
      bar?.advance();
      return rows;
    }),
  );
  bar?.finish();
  await store.prune();
  return { rows: perNotice.flat(), counts: store.counts };
}
