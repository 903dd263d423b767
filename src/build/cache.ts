/**
 * The build's caches under <project>/.cache/: one folder per kind of result (easy-read checks,
 * readability figures, HTML pages), one file per entry, named by the SHA-256 of everything the
 * result is made from: the content it reads, the shared data and pictures it uses, and the code
 * and package versions that make it (codeFingerprint). A change to any of them gives a new key,
 * so an entry is never stale; an entry that is damaged is made again (src/files/verified-cache.ts).
 * Deleting .cache/ is always safe: the next build makes everything again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../diagnostics/catalogue.js';
import { dueForPruning, namesIn } from '../files/prune-schedule.js';
import { linkOrCopy, publishedFileDamage, readVerifiedSync, removeQuietly, sha256, stampOf, restampQuietly, writeVerified, type PublishedFileStamp } from '../files/verified-cache.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** A SHA-256 of the parts, each kept apart from the next (so "ab"+"c" is not "a"+"bc"). */
export function hashOf(...parts: unknown[]): string {
  let joined = '';
  for (const part of parts) {
    const text = typeof part === 'string' ? part : JSON.stringify(part) ?? 'undefined';
    joined += `${text.length}:${text}`;
  }
  // One string hashed at once: the same bytes as each part fed in turn, for a fraction of the calls.
  return sha256(joined);
}

const fingerprints = new Map<string, string>();

/**
 * A hash of the code that makes a result: every source file in the given folders of src/ (e.g.
 * "easyread", "diagnostics") and the versions of the given packages. Computed once per process.
 */
export function codeFingerprint(version: string, folders: readonly string[], packages: readonly string[]): string {
  const id = [version, ...folders, '|', ...packages].join(',');
  const known = fingerprints.get(id);
  if (known) return known;
  const hash = createHash('sha256').update(version);
  for (const folder of folders) {
    const dir = path.join(SRC, folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(ts|js|mjs)$/.test(name)).sort();
    } catch {
      // Running from a bundle: the version and the package versions still count.
    }
    for (const name of names) hash.update(`${folder}/${name}`).update(readFileSync(path.join(dir, name)));
  }
  for (const pkg of packages) {
    try {
      hash.update(pkg).update((JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version);
    } catch {
      hash.update(pkg);
    }
  }
  const digest = hash.digest('hex');
  fingerprints.set(id, digest);
  return digest;
}

export interface CacheCounts {
  /** Entries read from the cache. */
  reused: number;
  /** Entries made in this build (missing, changed inputs, or damaged). */
  made: number;
  /** What the made entries are for (a notice's file, a page's address), when the caller names them. */
  madeFor: string[];
}

/**
 * Parsed cache entries kept in memory across the builds of one long-running process (the preview,
 * npm start), so a rebuild parses only the entries it has not read before: parsing thousands of
 * unchanged entries is most of what a one-notice rebuild would otherwise spend. An entry's key is
 * the hash of all it is made from, so a remembered value is never stale; values are frozen, as
 * every build shares them. What the last build did not use is let go when the next one starts.
 */
export class CacheMemory {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();

  /** Starts a build: entries the previous build used are kept for it, the rest are let go. */
  startBuild(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get(file: string): unknown {
    const value = this.current.get(file) ?? this.previous.get(file);
    if (value !== undefined) this.current.set(file, value);
    return value;
  }

  set(file: string, value: unknown): void {
    this.current.set(file, deepFreeze(value));
  }

  /** Entries held now (for tests and the bench). */
  get size(): number {
    return new Set([...this.current.keys(), ...this.previous.keys()]).size;
  }
}

/** Freezes a parsed JSON value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}

/** How an entry's value is stored: `decode` is given the stored bytes, and whether to make the value whole now (CacheStore.readDecodedSync). */
export interface Codec<T> {
  encode(value: T): string;
  decode(bytes: Buffer, whole: boolean): T | undefined;
}

const JSON_CODEC: Codec<unknown> = { encode: (value) => JSON.stringify(value), decode: (bytes) => JSON.parse(bytes.toString('utf8')) as unknown };

/**
 * An entry stored as a head line of JSON, then the rest (long parts a reader parses only when it
 * needs them): the head parsed, and the rest's bytes; undefined when there is no such line.
 */
export function headAndRest(bytes: Buffer): { head: unknown; rest: Buffer } | undefined {
  const end = bytes.indexOf(10);
  if (end < 0) return undefined;
  return { head: JSON.parse(bytes.subarray(0, end).toString('utf8')) as unknown, rest: bytes.subarray(end + 1) };
}

/** One folder of entries, e.g. .cache/easy-read. Without a folder, nothing is kept (every lookup misses). */
export class CacheStore {
  readonly counts: CacheCounts = { reused: 0, made: 0, madeFor: [] };
  /** Keys read or written in this build, so prune() keeps them. */
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string | undefined,
    private readonly onDamaged?: (note: string) => void,
    /** Parsed entries shared across the builds of one process (CacheMemory). */
    private readonly memory?: CacheMemory,
  ) {}

  file(key: string, extension = '.json'): string | undefined {
    return this.dir && path.join(this.dir, key.slice(0, 2), `${key}${extension}`);
  }

  /**
   * The stored bytes for `key`, or undefined. Synchronous: a rebuild looks up thousands of small
   * entries, and a synchronous read costs a fraction of a promise-based one.
   */
  readSync(key: string, extension = '.json'): Buffer | undefined {
    const file = this.file(key, extension);
    if (!file) return undefined;
    this.used.add(`${key}${extension}`);
    return readVerifiedSync(file, { onDamaged: this.onDamaged, label: this.label });
  }

  /** An entry's project-relative path, for a note that it was damaged. */
  private readonly label = (file: string) => path.relative(path.dirname(path.dirname(this.dir!)), file);

  /** Marks an entry this build uses without reading or writing it here (prune() keeps it). */
  markUsed(key: string, extension = '.json'): void {
    this.used.add(`${key}${extension}`);
  }

  async write(key: string, bytes: Uint8Array | string, extension = '.json'): Promise<void> {
    const file = this.file(key, extension);
    if (!file) return;
    this.used.add(`${key}${extension}`);
    await writeVerified(file, bytes);
  }

  /** The stored value for `key`, or undefined (also when it is not JSON although its checksum holds). */
  async readJson<T>(key: string): Promise<T | undefined> {
    return this.readJsonSync<T>(key);
  }

  /**
   * The stored value for `key`, parsed. With a CacheMemory, a value read by an earlier build of
   * this process comes from memory, frozen (so a caller that would change it fails at once instead
   * of changing what later builds are given).
   */
  readJsonSync<T>(key: string): T | undefined {
    return this.readDecodedSync(key, (JSON_CODEC as Codec<T>).decode);
  }

  /**
   * The value for `key`, made from its stored bytes by `decode` (for an entry that is not one JSON
   * text), or undefined: also when `decode` gives undefined or throws (an entry whole by its
   * checksum that this code cannot read, which the caller makes again). With a CacheMemory it is
   * decoded `whole` (nothing left to parse later) and remembered, as readJsonSync's values are.
   */
  readDecodedSync<T>(key: string, decode: (bytes: Buffer, whole: boolean) => T | undefined): T | undefined {
    const file = this.memory && this.file(key);
    const remembered = file ? this.memory!.get(file) : undefined;
    if (remembered !== undefined) {
      this.used.add(`${key}.json`);
      return remembered as T;
    }
    const stored = this.readSync(key);
    if (!stored) return undefined;
    let value: T | undefined;
    try {
      value = decode(stored, Boolean(file));
    } catch {
      return undefined;
    }
    if (file && value !== undefined) this.memory!.set(file, value);
    return value;
  }

  /** The value for `key`: from the cache when there, else made by `make` and stored. */
  async json<T>(key: string, make: () => T | Promise<T>, label?: string): Promise<T> {
    return this.entry(key, JSON_CODEC as Codec<T>, make, label);
  }

  /**
   * json() for an entry stored in a form of its own (`codec`): its decode gives undefined for bytes
   * it cannot read, and may throw (both mean the entry is made again).
   */
  async entry<T>(key: string, codec: Codec<T>, make: () => T | Promise<T>, label?: string): Promise<T> {
    const stored = this.readDecodedSync(key, codec.decode);
    if (stored !== undefined) {
      this.counts.reused++;
      return stored;
    }
    const value = await make();
    this.counts.made++;
    if (label !== undefined) this.counts.madeFor.push(label);
    await this.write(key, codec.encode(value));
    return value;
  }

  /**
   * An entry kept as it is published, so the site links to it instead of writing it again (a link
   * costs a fraction of a write): its file (`key` + `extension`) and the data stored beside it, or
   * undefined when it is missing or damaged (then deleted, with a note: see publishedFileDamage).
   */
  readPublished<T>(key: string, extension: string): { file: string; data: T; sha256: string } | undefined {
    const file = this.file(key, extension);
    const stored = this.readJsonSync<{ data: T; stamp: PublishedFileStamp }>(key);
    if (!file || !stored) return undefined;
    this.used.add(`${key}${extension}`);
    // The same bytes in another place on disk (a copied or restored cache): the stamp is brought up
    // to date, so the next build need not read the file again.
    const damage = publishedFileDamage(file, stored.stamp ?? {}, (moved) => this.restamp(key, { ...stored, stamp: { ...stored.stamp, ...moved } }));
    // The file matches its stamp, so the stamp's checksum is the file's.
    if (damage === undefined) return { file, data: stored.data, sha256: stored.stamp.sha256 };
    removeQuietly(file, this.file(key)!);
    if (damage !== 'missing') this.onDamaged?.(catalogue['cache-entry-damaged'].message({ file: this.label(file), reason: damage }));
    return undefined;
  }

  /** Rewrites a published entry's data and stamp (and the copy this process remembers). */
  private restamp(key: string, value: { data: unknown; stamp: PublishedFileStamp }): void {
    const file = this.file(key)!;
    if (restampQuietly(file, value)) this.memory?.set(file, value);
  }

  /**
   * Keeps `published`, a file just written with `bytes`, as the entry for `key` (readPublished): the
   * entry is a hard link to it (a copy where the file system cannot link), so no bytes are written
   * again. Put in place by a rename, so a reader never sees half of it.
   */
  async keepPublished(key: string, extension: string, published: string, bytes: Uint8Array | string, data: unknown): Promise<void> {
    const file = this.file(key, extension);
    if (!file) return;
    this.used.add(`${key}${extension}`);
    const temporary = `${file}.${randomUUID()}`;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      linkOrCopy(published, temporary);
      await rename(temporary, file);
    } catch (error) {
      removeQuietly(temporary);
      throw error;
    }
    const content = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    await this.write(key, JSON.stringify({ data, stamp: await stampOf(file, content) }));
  }

  /**
   * Removes entries this build did not use, once they outnumber the used ones (so switching
   * between two versions of the content keeps both, but the folder does not grow for ever). At
   * most once an hour (src/files/prune-schedule.ts); `now` for tests.
   */
  async prune(now = Date.now()): Promise<void> {
    if (!this.dir || !dueForPruning(this.dir, undefined, now)) return;
    const unused: string[] = [];
    for (const folder of namesIn(this.dir)) {
      for (const name of namesIn(path.join(this.dir, folder))) if (!this.used.has(name)) unused.push(path.join(this.dir, folder, name));
    }
    if (unused.length <= this.used.size + 100) return;
    // An entry may be a folder (a part of the search index).
    await Promise.all(unused.map((file) => rm(file, { recursive: true, force: true }).catch(() => undefined)));
  }
}

/** The store for one kind of result in a project's .cache/ folder (undefined root: no cache). */
export function cacheStore(root: string | undefined, name: string, onDamaged?: (note: string) => void, memory?: CacheMemory): CacheStore {
  return new CacheStore(root === undefined ? undefined : path.join(root, '.cache', name), onDamaged, memory);
}
