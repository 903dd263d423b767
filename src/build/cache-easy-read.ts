/**
 * The easy-read stage with a cache per notice (.cache/easy-read and .cache/readability, see
 * cache.ts), so a rebuild analyses only the notices whose text changed.
 *
 * An easy-read check's key holds everything the check reads: the notice file's path and text, its
 * organisation's initials and name, every organisation and body (the help checks read their
 * contacts, so a change in data/organisations.yaml or data/bodies.yaml checks every easy read again), and for each picture key its items use the picture found (file,
 * origin, credit) and its size; when a key is unknown, whether data/pictures.yaml defines it badly
 * and every key the organisation may use (the message suggests the nearest). A changed picture file changes only the notices that show it.
 * A readability row's key holds the texts it counts and the notice's id, title, file and address.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { EasyReadCheck, RelaxedRule } from '../easyread/check.js';
import { organisationInitials } from '../easyread/organisation-initials.js';
import { easyReadText, fullNoticeText, readability, readabilityRows, readabilityTexts, type ReadabilityFigures, type ReadabilityRow } from '../easyread/readability.js';
import { pictureSize } from '../load/pictures.js';
import type { LoadedNotice, LoadResult } from '../load/load-site.js';
import type { YamlSource } from '../load/yaml-source.js';
import type { Notice, Site } from '../model/notice.js';
import { easyReadDigest } from '../model/lazy-parts.js';
import { easyReadPictureKeys, findPicture, isBrokenSharedKey, pictureKeysFor, type Pictures } from '../model/pictures.js';
import type { EasyReadData } from '../model/schema.js';
import { Tinypool } from 'tinypool';
import { workerExecArgv } from '../pdf/pool.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts, type CacheMemory } from './cache.js';

/** Bump when a check's result changes in a way the code fingerprint would not notice. 3: picture facts as hashes. 4: the easy read's digest. 5: the part's key kept with the check. */
const CHECK_VERSION = 'easy-read 5';
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

/**
 * What a notice's easy-read check reads from the picture library, as one string: for each key, a
 * hash of the picture found (or whether the key is badly defined), and when a key is unknown,
 * every key the organisation may use. `known` keeps these hashes by organisation and key (most
 * notices show the same few pictures), so a rebuild makes a thousand notices' keys in a few
 * milliseconds.
 */
function pictureFacts(easyRead: EasyReadData, organisationId: string, pictures: Pictures, known: PictureFactMemo): string {
  let byKey = known.facts.get(organisationId);
  if (!byKey) known.facts.set(organisationId, (byKey = new Map()));
  let facts = '';
  let unknown = false;
  for (const key of easyReadPictureKeys(easyRead)) {
    let fact = byKey.get(key);
    if (fact === undefined) {
      const entry = findPicture(pictures, key, organisationId);
      fact = `${entry ? '' : '?'}${hashOf(entry ? { entry, size: pictureSize(pictures, entry) ?? null } : { broken: isBrokenSharedKey(pictures, key) })}`;
      byKey.set(key, fact);
    }
    if (fact.startsWith('?')) unknown = true;
    facts += `${key.length}:${key}=${fact};`;
  }
  if (!unknown) return facts;
  // The message for an unknown key suggests the nearest the organisation may use.
  let keys = known.keys.get(organisationId);
  if (keys === undefined) known.keys.set(organisationId, (keys = hashOf(pictureKeysFor(pictures, organisationId))));
  return `${facts}|${keys}`;
}

/** Picture facts' hashes by organisation, then key; the hash of every key an organisation may use; the checks' contexts. */
interface PictureFactMemo {
  facts: Map<string, Map<string, string>>;
  keys: Map<string, string>;
  /** checkContext's hashes, by organisation and picture facts. */
  contexts: Map<string, string>;
}

function pictureFactMemo(): PictureFactMemo {
  return { facts: new Map(), keys: new Map(), contexts: new Map() };
}

/** What a check reads besides its notice's file: the organisation, its initials, the pictures, every organisation's contacts. */
function checkContext(notice: LoadedNotice & { easyRead: EasyReadData }, pictures: Pictures, organisationsHash: string, known: PictureFactMemo): string {
  const organisationId = notice.organisationId ?? '';
  const facts = pictureFacts(notice.easyRead, organisationId, pictures, known);
  // The notices of an organisation that show the same pictures share one context: hashed once.
  const id = `${organisationId}\n${facts}`;
  let context = known.contexts.get(id);
  if (context === undefined) known.contexts.set(id, (context = hashOf(checkFingerprint(), organisationId, organisationInitials(notice), facts, organisationsHash)));
  return context;
}

/** `known`: the picture facts' hashes so far (pictureFacts), kept across the notices of one build. */
export function easyReadKey(notice: LoadedNotice & { easyRead: EasyReadData }, pictures: Pictures, organisationsHash: string, known: PictureFactMemo = pictureFactMemo()): string {
  // The file's bytes stand for its text (the text is made from them by code in the fingerprint), so
  // a notice whose load came from the load memo is not parsed just to make this key.
  return hashOf('file', notice.source.file, notice.bytesHash ?? notice.source.text, checkContext(notice, pictures, organisationsHash, known));
}

/**
 * A second key for a notice's easy-read check, from only the part of its file the check reads, for
 * a file whose bytes changed elsewhere (a sentence of the full notice, the commonest edit): the
 * easy read's own text, from its key to the next top-level key, and the line it starts on (which
 * fix the position of everything in it), its values, and the notice's dates (its sentences about
 * when the notice changed and will be checked). Undefined when the easy read is not a top-level
 * key of its own in block style (the check is then keyed by the whole file only).
 */
export function easyReadPartKey(notice: LoadedNotice & { easyRead: EasyReadData }, pictures: Pictures, organisationsHash: string, known: PictureFactMemo = pictureFactMemo()): string | undefined {
  const part = easyReadPart(notice.source);
  return part === undefined ? undefined : hashOf('easy-read part', notice.source.file, part, easyReadDigest(notice.easyRead), checkContext(notice, pictures, organisationsHash, known));
}

/** The easy read's text with the line it starts on, and the notice's dates; undefined when it cannot be told apart. */
function easyReadPart(source: YamlSource): string | undefined {
  const data = source.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  // Keys that look like numbers come first in a JavaScript object, whatever their place in the file.
  if (keys.some((key) => /^\d+$/.test(key))) return undefined;
  const at = keys.indexOf('easyRead');
  if (at < 0) return undefined;
  const start = source.keyPositionOf(['easyRead']);
  const next = keys[at + 1] === undefined ? undefined : source.keyPositionOf([keys[at + 1]!]);
  if (start.column !== 1 || start.line < 1 || (next && (next.column !== 1 || next.line <= start.line))) return undefined;
  const from = source.offsetOf({ line: start.line, column: 1 });
  const to = next ? source.offsetOf({ line: next.line, column: 1 }) : source.text.length;
  const dates = data as { lastUpdated?: unknown; nextReview?: unknown };
  return JSON.stringify([start.line, source.text.slice(from, to), dates.lastUpdated ?? null, dates.nextReview ?? null]);
}

/** The organisations and bodies (data/organisations.yaml, data/bodies.yaml): the help checks read their contacts. */
function organisationsHashOf(organisations: LoadResult['organisations'] | undefined): string {
  return organisations ? hashOf([...organisations].sort(([a], [b]) => a.localeCompare(b))) : 'none';
}

/**
 * A check as it is kept, under its file's key and under its easy read's part's key. With it, the
 * part's key: a build that finds the check by its file's key marks the part's entry as used
 * without parsing the file to make that key, so pruning keeps it, and the first change to the file
 * outside its easy read still finds the check.
 */
interface StoredCheck {
  check: EasyReadCheck;
  partKey?: string;
}

/** The notices whose easy-read checks are not in the cache, and what the cache has. */
interface EasyReadPlan {
  /** Every loaded notice with an easy read, in file order, with its check when the cache has it. */
  notices: {
    notice: LoadedNotice & { easyRead: EasyReadData };
    check?: EasyReadCheck;
    /** The keys its check is still to be kept under: by the whole file, and by its easy read's part. */
    keepAs: string[];
    /** Its easy read's part's key, kept with the check (see StoredCheck). */
    partKey?: string;
  }[];
  pictures: LoadResult['pictures'];
  organisations?: LoadResult['organisations'];
  store: ReturnType<typeof cacheStore>;
}

/**
 * Looks up every loaded notice's easy-read check in the cache (.cache/easy-read). Without a root,
 * nothing is kept and every notice is to be checked.
 */
function planEasyReadChecks(
  loaded: Pick<LoadResult, 'notices' | 'pictures'> & Partial<Pick<LoadResult, 'organisations'>>,
  root: string | undefined,
  options: { onDamaged?: (note: string) => void; memory?: CacheMemory } = {},
): EasyReadPlan {
  const store = cacheStore(root, 'easy-read', options.onDamaged, options.memory);
  const organisationsHash = organisationsHashOf(loaded.organisations);
  const pictureFactHashes = pictureFactMemo();
  const notices = loaded.notices
    .filter((notice): notice is LoadedNotice & { easyRead: EasyReadData } => Boolean(notice.easyRead))
    .map((notice) => {
      const key = easyReadKey(notice, loaded.pictures, organisationsHash, pictureFactHashes);
      const stored = store.readJsonSync<StoredCheck>(key);
      let check = stored?.check;
      let partKey = stored?.partKey;
      const keepAs: string[] = [];
      if (check) {
        if (partKey) store.markUsed(partKey);
      } else {
        keepAs.push(key);
        // A file changed outside its easy read: the check is the same, kept under its part's key.
        partKey = easyReadPartKey(notice, loaded.pictures, organisationsHash, pictureFactHashes);
        if (partKey) check = store.readJsonSync<StoredCheck>(partKey)?.check;
        if (partKey && !check) keepAs.push(partKey);
      }
      if (check) store.counts.reused++;
      return { notice, check, keepAs, partKey };
    });
  return { notices, pictures: loaded.pictures, organisations: loaded.organisations, store };
}

/**
 * Checks the notices the cache did not have, stores their checks, and gives every notice's in
 * file order (as checkEasyReads in src/easyread/check.ts). The checks (and retext's word lists,
 * a fifth of a second to load) are loaded only when a notice must be checked.
 */
async function finishEasyReadChecks(plan: EasyReadPlan, options: { progress?: ProgressFactory } = {}): Promise<EasyReadStage> {
  const { store } = plan;
  const toCheck = plan.notices.filter((entry) => !entry.check);
  if (toCheck.length) {
    const bar = options.progress?.('Easy-read checks', toCheck.length);
    const { forgetParsedLines, noticeEasyReadFindings } = await import('../easyread/check.js');
    await Promise.all(
      toCheck.map(async (entry) => {
        entry.check = noticeEasyReadFindings(entry.notice, plan.pictures, plan.organisations);
        bar?.advance();
        store.counts.made++;
        store.counts.madeFor.push(entry.notice.file);
      }),
    );
    forgetParsedLines();
    bar?.finish();
  }
  // Each check made is kept under both keys for the next build; one found by its part's key, under the whole file's.
  await Promise.all(
    plan.notices
      .filter((entry) => entry.keepAs.length)
      .map(async (entry) => {
        const bytes = JSON.stringify({ check: entry.check!, partKey: entry.partKey } satisfies StoredCheck);
        for (const key of entry.keepAs) await store.write(key, bytes);
      }),
  );
  const stage: EasyReadStage = { diagnostics: [], relaxed: [], counts: store.counts };
  for (const { check } of plan.notices) {
    stage.diagnostics.push(...check!.diagnostics);
    stage.relaxed.push(...check!.relaxed);
  }
  await store.prune();
  return stage;
}

/**
 * The easy-read checks of every loaded notice (as checkEasyReads in src/easyread/check.ts, in the
 * same order), each from the cache when its inputs are unchanged. Without a root, nothing is kept.
 */
export async function checkEasyReadsCached(
  loaded: Pick<LoadResult, 'notices' | 'pictures'> & Partial<Pick<LoadResult, 'organisations'>>,
  root: string | undefined,
  options: { onDamaged?: (note: string) => void; progress?: ProgressFactory; memory?: CacheMemory } = {},
): Promise<EasyReadStage> {
  return finishEasyReadChecks(planEasyReadChecks(loaded, root, options), options);
}

/**
 * The key of a notice's readability rows from its file's bytes (LoadedNotice.bytesHash): the rows
 * count only the notice's own texts (not contacts or addresses, which come from data/), and those
 * are made from the file by the loading code, which is in this key's fingerprint.
 */
function readabilityKeyOfFile(notice: Notice, bytesHash: string): string {
  return hashOf(codeFingerprint(READABILITY_VERSION, ['easyread', 'text', 'model', 'load', 'input'], ['retext-english', 'unified', 'syllable', 'flesch', 'markdown-it', 'js-yaml']), notice.source, bytesHash);
}

export function readabilityKey(notice: Notice): string {
  return hashOf(readabilityFingerprint(), notice.id, notice.title, notice.source, notice.url, fullNoticeText(notice), notice.easyRead ? easyReadText(notice) : null);
}

/** Below this many notices to count, a worker thread (0.5 to 2 s to start) costs more than it saves. */
export const MIN_NOTICES_FOR_WORKER = 60;
/** Notices per task sent to the worker. */
const BATCH = 20;

function workerEntry(): string {
  const isSource = import.meta.url.endsWith('.ts');
  return new URL(isSource ? './readability-worker-boot.mjs' : './readability-worker.js', import.meta.url).href;
}

export interface ReadabilityOptions {
  onDamaged?: (note: string) => void;
  progress?: ProgressFactory;
  /** Threads in all, the main thread included: with 2 or more, a worker counts while the main thread goes on (the easy-read checks). Default: 1. */
  concurrency?: number;
  /** Each notice file's bytes hash (by path), so a key need not gather the notice's texts. */
  fileHashes?: ReadonlyMap<string, string | undefined>;
  memory?: CacheMemory;
}

/**
 * The readability rows of every published notice (as readabilityReport), each from the cache when
 * its texts are unchanged. The others are counted on a worker thread when there are many (the main
 * thread meanwhile runs the easy-read checks), else here; a worker that fails leaves them to here.
 */
export async function readabilityCached(site: Pick<Site, 'published'>, root: string | undefined, options: ReadabilityOptions = {}): Promise<{ rows: ReadabilityRow[]; counts: CacheCounts; workerProblem?: string }> {
  const store = cacheStore(root, 'readability', options.onDamaged, options.memory);
  const keys = site.published.map((notice) => {
    const bytesHash = options.fileHashes?.get(notice.source);
    return bytesHash ? readabilityKeyOfFile(notice, bytesHash) : readabilityKey(notice);
  });
  const found: (ReadabilityRow[] | undefined)[] = await Promise.all(keys.map((key) => store.readJson<ReadabilityRow[]>(key)));
  const missing = site.published.map((_, i) => i).filter((i) => !found[i]);
  const bar = missing.length ? options.progress?.('Readability figures', missing.length) : undefined;
  let workerProblem: string | undefined;

  const figures = new Map<number, ReadabilityFigures[]>();
  if (missing.length >= MIN_NOTICES_FOR_WORKER && (options.concurrency ?? 1) >= 2) {
    let pool: Tinypool | undefined;
    try {
      pool = new Tinypool({ filename: workerEntry(), minThreads: 1, maxThreads: 1, isolateWorkers: false, execArgv: workerExecArgv() });
      const batches: number[][] = [];
      for (let i = 0; i < missing.length; i += BATCH) batches.push(missing.slice(i, i + BATCH));
      await Promise.all(
        batches.map(async (batch) => {
          const counted = (await pool!.run({ texts: batch.flatMap((i) => readabilityTexts(site.published[i]!)) })) as ReadabilityFigures[];
          let at = 0;
          for (const i of batch) {
            const n = site.published[i]!.easyRead ? 2 : 1;
            figures.set(i, counted.slice(at, at + n));
            at += n;
          }
          bar?.advance(batch.length);
        }),
      );
    } catch (error) {
      workerProblem = `the readability worker could not count: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
    } finally {
      await pool?.destroy().catch(() => undefined);
    }
  }

  for (const i of missing) {
    const notice = site.published[i]!;
    let counted = figures.get(i);
    if (!counted) {
      counted = readabilityTexts(notice).map(readability);
      bar?.advance();
    }
    const rows = readabilityRows(notice, counted);
    found[i] = rows;
    store.counts.made++;
    store.counts.madeFor.push(notice.source);
    await store.write(keys[i]!, JSON.stringify(rows));
  }
  bar?.finish();
  store.counts.reused = site.published.length - missing.length;
  await store.prune();
  return { rows: found.flatMap((rows) => rows!), counts: store.counts, workerProblem };
}
