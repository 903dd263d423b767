/**
 * The PDF cache. A PDF is made again only when what it is drawn from has changed: its view (the
 * same view its page is drawn from, src/views), the pictures it shows (their bytes and credits),
 * the site's name and address, its date and its notice's file, and the renderer itself (its
 * version, the source of src/pdf, src/views and src/text, the fonts, and the versions of pdfkit and
 * svg-to-pdfkit). A hash of all that (viewKey) names the PDF's file and gives the PDF its document
 * ID, so identical input gives identical bytes, from the cache or not.
 *
 * Making a view costs about a millisecond, too much to do for every PDF of a large site on every
 * rebuild. So each PDF is also found by a key made from the notice itself (cacheKey: the notice and
 * the shared data it uses, Notice.contentHash), without its view: an entry under that key names the
 * PDF's own key. Only a PDF whose notice changed has its view made; and when that view is the same
 * as before (a change to the notice's full text leaves its easy read's view as it was, a change to
 * shared data may leave a notice's views as they were), the PDF is not drawn again.
 *
 *   .cache/pdf/ab/<viewKey>.pdf    the PDF, as it is published
 *   .cache/pdf/ab/<viewKey>.json   its pages, warnings and stamp (size, checksum, time, inode)
 *   .cache/pdf/cd/<cacheKey>.json  the same, naming the PDF: { "pdf": "<viewKey>", … }
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../diagnostics/catalogue.js';
import type { Linker } from '../files/linker.js';
import { publishedFileDamage, readVerifiedSync, removeQuietly, sha256, stampOf, restampQuietly, writeVerified, type PublishedFileStamp } from '../files/verified-cache.js';
import { dueForPruning, namesIn } from '../files/prune-schedule.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import type { Notice } from '../model/notice.js';
import type { PictureData } from './easy-read.js';
import { fontsHash } from './font-files.js';
import type { SiteInfo } from './inline.js';

/**
 * Bump when the output changes in a way the source hash below would not notice. 2: cache entries
 * carry a checksum (src/files/verified-cache.ts); the older entries, without one, are never read.
 * 3: the same, after 2 was taken by the views (src/views) on another branch.
 * 4: the PDF is kept as it is published (so the site can link to it), its checksum in its metadata.
 * 5: a PDF is named by its view's key; the notice's key names it (StoredEntry.pdf).
 */
export const RENDERER_VERSION = '5';

/** The metadata stored beside a cached PDF. */
export interface CacheEntry {
  pages: number;
  warnings: string[];
}

/** A metadata file as stored: with the PDF's stamp, and (under a notice's key) the key that names the PDF. */
type StoredEntry = CacheEntry & Partial<PublishedFileStamp> & { pdf?: string };

const KEY = /^[0-9a-f]{64}$/;

let rendererHash: string | undefined;

/** A hash of everything that makes the PDFs besides the content. */
export function rendererFingerprint(): string {
  if (rendererHash) return rendererHash;
  const hash = createHash('sha256').update(RENDERER_VERSION);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, path.join(here, '..', 'views'), path.join(here, '..', 'text')]) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((name) => /\.(ts|js|mjs)$/.test(name)).sort();
    } catch {
      // Running from a bundle: the version and package versions still count.
    }
    for (const name of names) hash.update(name).update(readFileSync(path.join(dir, name)));
  }
  const require = createRequire(import.meta.url);
  for (const pkg of ['pdfkit', 'svg-to-pdfkit', '@fontsource/atkinson-hyperlegible']) {
    try {
      hash.update(pkg).update((JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version);
    } catch {
      hash.update(pkg);
    }
  }
  hash.update(fontsHash());
  rendererHash = hash.digest('hex');
  return rendererHash;
}

/**
 * The key a PDF is found by without its view: the notice and the shared data it uses, the site and
 * the pictures. `facts` keeps what each picture adds to a key (its key, its text's hash and its
 * credit) across calls: a rebuild makes the keys of every easy read, most show the same few
 * pictures, and the loader hands each notice the same picture objects (readPictures in index.ts).
 */
export function cacheKey(kind: 'full' | 'easy-read', notice: Notice, site: SiteInfo, pictures?: Record<string, PictureData>, facts?: WeakMap<PictureData, string>): string {
  return keyOf([rendererFingerprint(), kind, notice.contentHash, JSON.stringify(site)], pictures, facts);
}

/**
 * A PDF's own key: everything it is drawn from. It names the PDF's file in the cache, and its
 * first 16 bytes are the document ID. `view` is the job's view (PdfContent), as plain data.
 */
export function viewKey(kind: 'full' | 'easy-read', view: unknown, drawn: { source: string; date: string; site: SiteInfo }, pictures?: Record<string, PictureData>, facts?: WeakMap<PictureData, string>): string {
  return keyOf([rendererFingerprint(), kind, 'view', JSON.stringify(view), drawn.source, drawn.date, JSON.stringify(drawn.site)], pictures, facts);
}

function keyOf(parts: string[], pictures: Record<string, PictureData> | undefined, facts: WeakMap<PictureData, string> | undefined): string {
  if (pictures) {
    for (const key of Object.keys(pictures).sort()) {
      const picture = pictures[key]!;
      let fact = facts?.get(picture);
      if (fact === undefined) {
        fact = JSON.stringify([sha256(picture.svg), picture.credit ?? null]);
        facts?.set(picture, fact);
      }
      parts.push(key, fact);
    }
  }
  // One string hashed at once: a few thousand keys of some twenty parts each cost a tenth of a
  // second as separate updates. Each part's length keeps "ab"+"c" apart from "a"+"bc".
  return sha256(parts.map((part) => `${part.length}:${part}`).join(''));
}

export const cacheFileFor = (cacheDir: string, key: string) => path.join(cacheDir, key.slice(0, 2), `${key}.pdf`);
const metaFileFor = (cacheDir: string, key: string) => path.join(cacheDir, key.slice(0, 2), `${key}.json`);

/** A PDF found in the cache: its metadata, the key that names its file, and the cache's files it used (so pruning keeps them). */
export type CacheHit = CacheEntry & { bytes: number; pdf: string; stamp: PublishedFileStamp; files: string[] };

/**
 * Puts the PDF stored under `key` (its own key, or a notice's key naming it) at `outFile`, as a
 * hard link to the cache's file when the file system allows (a large site's PDFs are then not
 * copied on every build), else as a copy. Undefined when it is not in the cache, or when the entry
 * is damaged (cut short, grown, or changed: a file whose time or inode differs from when it was
 * written is checked against its checksum): the entry is then deleted, `onDamaged` told, and the
 * PDF made again, never published as it was.
 *
 * The entry is checked here, synchronously: a rebuild looks up every PDF of the site (two a
 * notice), and a handful of synchronous calls each cost far less than the same calls through
 * promises. An unchanged PDF's bytes are not read: its size, time and inode stand for them. The
 * link itself is queued on `linker` (made on another thread); should the file vanish in between,
 * the build fails when it awaits the linker, naming the file.
 */
export function fromCache(cacheDir: string, key: string, outFile: string, linker: Linker, onDamaged?: (note: string) => void, label?: (file: string) => string): CacheHit | undefined {
  const metaFile = metaFileFor(cacheDir, key);
  const meta = readVerifiedSync(metaFile, { onDamaged, label });
  if (!meta) return undefined;
  let entry: StoredEntry;
  try {
    entry = JSON.parse(meta.toString('utf8')) as StoredEntry;
  } catch {
    return undefined;
  }
  if (entry.pdf !== undefined && !KEY.test(entry.pdf)) return undefined;
  const cacheFile = cacheFileFor(cacheDir, entry.pdf ?? key);
  // The same bytes in another place on disk (a copied or restored cache): the metadata is brought up
  // to date, so the next build need not read the PDF again (a cache that cannot be written only costs that read).
  const damage = publishedFileDamage(cacheFile, entry, (moved) => {
    restampQuietly(metaFile, { ...entry, ...moved });
    // The PDF's own entry too, read when the notice's key next changes.
    if (entry.pdf) restampQuietly(metaFileFor(cacheDir, entry.pdf), { ...entry, pdf: undefined, ...moved });
  });
  if (damage === 'missing') return undefined;
  if (damage !== undefined) {
    removeQuietly(cacheFile, metaFile);
    onDamaged?.(catalogue['cache-entry-damaged'].message({ file: label?.(cacheFile) ?? cacheFile, reason: damage }));
    return undefined;
  }
  linker.link(cacheFile, outFile);
  // Mark it used, so pruning keeps it (the metadata's time: the PDF's own is part of its check).
  const files = [cacheFile, metaFile];
  if (entry.pdf) files.push(metaFileFor(cacheDir, entry.pdf));
  for (const file of files.slice(1)) linker.touch(file);
  const { pages, warnings, bytes, sha256: checksum, mtimeMs, ino } = entry as StoredEntry & PublishedFileStamp;
  return { pages, warnings, bytes, pdf: entry.pdf ?? key, stamp: { bytes, sha256: checksum, mtimeMs, ino }, files };
}

/**
 * Stores a rendered PDF as it is published under its own key, its metadata (with the PDF's size,
 * checksum and time) behind a checksum, and under `alsoUnder` (the notice's key) an entry naming
 * it. A cache that cannot be written only makes the next build slower.
 */
export async function storeInCache(cacheDir: string, key: string, bytes: Uint8Array, entry: CacheEntry, alsoUnder?: string): Promise<void> {
  try {
    const cacheFile = cacheFileFor(cacheDir, key);
    await writeFileAtomic(cacheFile, bytes);
    const stored: StoredEntry = { ...entry, ...(await stampOf(cacheFile, bytes)) };
    await writeVerified(metaFileFor(cacheDir, key), JSON.stringify(stored));
    if (alsoUnder) await nameInCache(cacheDir, alsoUnder, key, stored);
  } catch {
    // Nothing to do: the PDF is made again next time.
  }
}

/** Stores under `key` (a notice's key) an entry naming the PDF stored under `pdf`, with that PDF's metadata. */
export async function nameInCache(cacheDir: string, key: string, pdf: string, entry: CacheEntry & Partial<PublishedFileStamp>): Promise<void> {
  if (key === pdf) return;
  try {
    const { pages, warnings, bytes, sha256: checksum, mtimeMs, ino } = entry;
    await writeVerified(metaFileFor(cacheDir, key), JSON.stringify({ pages, warnings, bytes, sha256: checksum, mtimeMs, ino, pdf } satisfies StoredEntry));
  } catch {
    // Nothing to do: the notice's PDF is found by its view next time.
  }
}

/**
 * Removes cached PDFs not used for `maxAgeDays` days, and entries naming a PDF (under a notice's
 * key) not used for as long, except those in `inUse` (this build's: their mark of use may still be
 * queued), at most once an hour (src/files/prune-schedule.ts; `now` for tests). Synchronous, as
 * fromCache: it looks at every entry's time, and a few thousand synchronous calls cost far less
 * than as many promises.
 */
export function pruneCache(cacheDir: string, inUse: ReadonlySet<string> = new Set(), maxAgeDays = 30, now = Date.now()): void {
  if (!dueForPruning(cacheDir, undefined, now)) return;
  const limit = now - maxAgeDays * 86_400_000;
  const usedMs = (file: string): number => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };
  for (const dir of namesIn(cacheDir)) {
    const folder = path.join(cacheDir, dir);
    const names = new Set(namesIn(folder));
    for (const name of names) {
      const file = path.join(folder, name);
      if (inUse.has(file)) continue;
      if (name.endsWith('.pdf')) {
        // fromCache marks an entry used on its metadata. No metadata: the PDF cannot be used, so it goes.
        const metaFile = file.replace(/\.pdf$/, '.json');
        if (usedMs(metaFile) < limit) removeQuietly(file, metaFile);
      } else if (name.endsWith('.json') && !names.has(name.replace(/\.json$/, '.pdf')) && usedMs(file) < limit) {
        // An entry naming a PDF stored under another key.
        removeQuietly(file);
      }
    }
  }
}
