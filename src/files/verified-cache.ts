/**
 * Cache entries that prove they are whole. Each entry starts with one header line holding the
 * SHA-256 and length of its content, and is written atomically (write-atomic.ts). Reading checks
 * both, so a truncated or altered entry (a full disk, a killed build, a bad copy) is made again
 * instead of being published as it is.
 *
 *   notice-cache v1 sha256=<64 hex> bytes=<length>\n<content>
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { catalogue } from '../diagnostics/catalogue.js';
import { writeFileAtomic } from './write-atomic.js';

const MAGIC = 'notice-cache v1 ';
const HEADER = /^notice-cache v1 sha256=([0-9a-f]{64}) bytes=(\d+)\n/;
/** The header is ASCII and shorter than this. */
const MAX_HEADER = 128;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stores `bytes` in `file` behind a header with their hash and length. */
export async function writeVerified(file: string, bytes: Uint8Array | string): Promise<void> {
  const content = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = Buffer.from(`${MAGIC}sha256=${sha256(content)} bytes=${content.length}\n`, 'ascii');
  await writeFileAtomic(file, Buffer.concat([header, content]));
}

export interface ReadVerifiedOptions {
  /** Called with a message when the entry was damaged (not when it is simply missing). */
  onDamaged?: (note: string) => void;
  /** How to name the file in that message (e.g. its project-relative path). Default: `file`. */
  label?: string;
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
  const reason = damage(stored);
  if (reason === undefined) {
    const header = HEADER.exec(stored.subarray(0, MAX_HEADER).toString('latin1'))!;
    return stored.subarray(header[0].length);
  }
  await rm(file, { force: true }).catch(() => undefined);
  options.onDamaged?.(catalogue['cache-entry-damaged'].message({ file: options.label ?? file, reason }));
  return undefined;
}

/** Why a stored entry cannot be trusted, or undefined when it is whole. */
function damage(stored: Buffer): string | undefined {
  const header = HEADER.exec(stored.subarray(0, MAX_HEADER).toString('latin1'));
  if (!header) return stored.length === 0 ? 'it is empty' : 'it has no checksum (it was not written by this version, or its start was overwritten)';
  const content = stored.subarray(header[0].length);
  const expected = Number(header[2]);
  if (content.length < expected) return `it is shorter than when it was written: ${content.length} of ${expected} bytes`;
  if (content.length > expected) return `it is longer than when it was written: ${content.length} instead of ${expected} bytes`;
  if (sha256(content) !== header[1]) return 'its content no longer matches its checksum';
  return undefined;
}
