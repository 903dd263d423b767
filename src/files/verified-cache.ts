/**
 * Cache entries that prove they are whole. Each entry starts with one header line holding the
 * SHA-256 and length of its content, and is written atomically (write-atomic.ts). Reading checks
 * both, so a truncated or altered entry (a full disk, a killed build, a bad copy) is made again
 * instead of being published as it is.
 *
 *   notice-cache v1 sha256=<64 hex> bytes=<length>\n<content>
 */
import { hash } from 'node:crypto';
import { readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { catalogue } from '../diagnostics/catalogue.js';
import { writeFileAtomic, writeFileAtomicSync } from './write-atomic.js';

const MAGIC = 'notice-cache v1 ';
const HEADER = /^notice-cache v1 sha256=([0-9a-f]{64}) bytes=(\d+)\n/;
/** The header is ASCII and shorter than this. */
const MAX_HEADER = 128;

/**
 * The SHA-256 of bytes, or of a text's UTF-8 bytes, in hex. One call (crypto.hash), not a Hash
 * object fed and read: a rebuild hashes some ten thousand small keys and entries.
 */
export function sha256(content: Uint8Array | string): string {
  return hash('sha256', content, 'hex');
}

/** Stores `bytes` in `file` behind a header with their hash and length. */
export async function writeVerified(file: string, bytes: Uint8Array | string): Promise<void> {
  await writeFileAtomic(file, verifiedBytes(bytes));
}

/** writeVerified without a promise, for a synchronous lookup that updates its entry. */
export function writeVerifiedSync(file: string, bytes: Uint8Array | string): void {
  writeFileAtomicSync(file, verifiedBytes(bytes));
}

/**
 * Rewrites a cache entry with a published file's new stamp (publishedFileDamage's onMoved: the same
 * bytes, in another place on disk), so the next build need not read that file again. False when it
 * cannot be written: that only costs the read next time.
 */
export function restampQuietly(file: string, entry: unknown): boolean {
  try {
    writeVerifiedSync(file, JSON.stringify(entry));
    return true;
  } catch {
    return false;
  }
}

function verifiedBytes(bytes: Uint8Array | string): Buffer {
  const content = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = Buffer.from(`${MAGIC}sha256=${sha256(content)} bytes=${content.length}\n`, 'ascii');
  return Buffer.concat([header, content]);
}

export interface ReadVerifiedOptions {
  /** Called with a message when the entry was damaged (not when it is simply missing). */
  onDamaged?: (note: string) => void;
  /** How to name the file in that message (e.g. its project-relative path), or a function that gives it (called only then). Default: `file`. */
  label?: string | ((file: string) => string);
}

/**
 * The content stored by writeVerified, or undefined when the entry is missing or damaged (cut
 * short, too long, altered, or without a header). A damaged entry is deleted, and the caller is
 * told through onDamaged so it can print the note and make the entry again.
 */
export async function readVerified(file: string, options: ReadVerifiedOptions = {}): Promise<Buffer | undefined> {
  let stored: Buffer;
  try {
    stored = await readFile(file);
  } catch {
    return undefined;
  }
  return contentOf(stored, file, options);
}

/**
 * readVerified without a promise. A build looks up thousands of small entries, one after another:
 * a synchronous read of each costs a fraction of a promise-based one.
 */
export function readVerifiedSync(file: string, options: ReadVerifiedOptions = {}): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(file);
  } catch {
    return undefined;
  }
  return contentOf(stored, file, options);
}

/** The content of a stored entry, or undefined when it is damaged (then deleted, and onDamaged told). */
function contentOf(stored: Buffer, file: string, options: ReadVerifiedOptions): Buffer | undefined {
  const header = HEADER.exec(stored.subarray(0, MAX_HEADER).toString('latin1'));
  const reason = damage(stored, header);
  if (reason === undefined) return stored.subarray(header![0].length);
  removeQuietly(file);
  const label = typeof options.label === 'function' ? options.label(file) : (options.label ?? file);
  options.onDamaged?.(catalogue['cache-entry-damaged'].message({ file: label, reason }));
  return undefined;
}

/** Why a stored entry cannot be trusted, or undefined when it is whole. */
function damage(stored: Buffer, header: RegExpExecArray | null): string | undefined {
  if (!header) return stored.length === 0 ? 'it is empty' : 'it has no checksum (it was not written by this version, or its start was overwritten)';
  const content = stored.subarray(header[0].length);
  const expected = Number(header[2]);
  if (content.length < expected) return `it is shorter than when it was written: ${content.length} of ${expected} bytes`;
  if (content.length > expected) return `it is longer than when it was written: ${content.length} instead of ${expected} bytes`;
  if (sha256(content) !== header[1]) return 'its content no longer matches its checksum';
  return undefined;
}

/**
 * A cache file kept as it is published (a PDF, a notice.json), so the site can hard-link to it
 * instead of being written again. Its checksum cannot be in the file, so its metadata (itself a
 * verified entry) records the file's size, checksum, time and inode.
 */
export interface PublishedFileStamp {
  bytes: number;
  sha256: string;
  mtimeMs: number;
  /** A file put in its place (moved or copied over it) has another inode, whatever its time. */
  ino?: number;
}

/** The stamp of `file`, just written with `bytes`. */
export async function stampOf(file: string, bytes: Uint8Array): Promise<PublishedFileStamp> {
  const { mtimeMs, ino } = await stat(file);
  return { bytes: bytes.length, sha256: sha256(bytes), mtimeMs, ino };
}

/**
 * Why `file` no longer matches its stamp (cut short, grown, or changed), or undefined when it does;
 * 'missing' when it is not there. Its bytes are read only when its time or inode differ from the
 * stamp's, so an unchanged file costs one stat. When they differ but its bytes are the same (a
 * cache copied or restored elsewhere keeps the files, not their inodes), `onMoved` is given the
 * file's time and inode now, so the caller can keep them in the stamp: otherwise every later build
 * would read every such file again.
 */
export function publishedFileDamage(file: string, stamp: Partial<PublishedFileStamp>, onMoved?: (now: { mtimeMs: number; ino: number }) => void): string | 'missing' | undefined {
  let info: Stats;
  try {
    info = statSync(file);
  } catch {
    return 'missing';
  }
  if (stamp.bytes === undefined || stamp.sha256 === undefined) return 'it has no checksum (it was not written by this version)';
  if (info.size < stamp.bytes) return `it is shorter than when it was written: ${info.size} of ${stamp.bytes} bytes`;
  if (info.size > stamp.bytes) return `it is longer than when it was written: ${info.size} instead of ${stamp.bytes} bytes`;
  if (info.mtimeMs === stamp.mtimeMs && (stamp.ino === undefined || info.ino === stamp.ino)) return undefined;
  try {
    if (sha256(readFileSync(file)) === stamp.sha256) {
      onMoved?.({ mtimeMs: info.mtimeMs, ino: info.ino });
      return undefined;
    }
  } catch {
    return 'missing';
  }
  return 'its content no longer matches its checksum';
}

// Shared with the linker's worker thread, which runs plain JavaScript.
export { linkOrCopy } from './link-operations.mjs';

/** Deletes files, going on past any that cannot be deleted (a cache that cannot be cleaned only takes room). */
export function removeQuietly(...files: string[]): void {
  for (const file of files) {
    try {
      rmSync(file, { force: true });
    } catch {
      // Left as it is.
    }
  }
}
