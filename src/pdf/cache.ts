/**
 * The PDF cache. A PDF is made again only when something it is made from has changed: the
 * notice and the shared data it uses (Notice.contentHash), the site's name and address, the
 * fonts, the pictures (their bytes and credits), and the renderer itself (its version, the source
 * of src/pdf, src/views and src/text, and the versions of pdfkit and svg-to-pdfkit). The key also gives the
 * PDF its document ID, so identical input gives identical bytes, from the cache or not.
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
 */
export const RENDERER_VERSION = '4';

/** The metadata stored beside a cached PDF. */
export interface CacheEntry {
  pages: number;
  warnings: string[];
}

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
 * A PDF's cache key. `facts` keeps what each picture adds to a key (its key, its text's hash and
 * its credit) across calls: a rebuild makes the keys of every easy read, most show the same few
 * pictures, and the loader hands each notice the same picture objects (readPictures in index.ts).
 */
export function cacheKey(kind: 'full' | 'easy-read', notice: Notice, site: SiteInfo, pictures?: Record<string, PictureData>, facts?: WeakMap<PictureData, string>): string {
  const parts = [rendererFingerprint(), kind, notice.contentHash, JSON.stringify(site)];
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

/**
 * Puts a cached PDF at `outFile`, as a hard link to the cache's file when the file system allows
 * (a large site's PDFs are then not copied on every build), else as a copy. Undefined when it is
 * not in the cache, or when the entry is damaged (cut short, grown, or changed: a file whose time
 * or inode differs from when it was written is checked against its checksum): the entry is then
 * deleted, `onDamaged` told, and the PDF made again, never published as it was.
 *
 * The entry is checked here, synchronously: a rebuild looks up every PDF of the site (two a
 * notice), and a handful of synchronous calls each cost far less than the same calls through
 * promises. An unchanged PDF's bytes are not read: its size, time and inode stand for them. The
 * link itself is queued on `linker` (made on another thread); should the file vanish in between,
 * the build fails when it awaits the linker, naming the file.
 */
export function fromCache(cacheFile: string, outFile: string, linker: Linker, onDamaged?: (note: string) => void, label?: (file: string) => string): (CacheEntry & { bytes: number }) | undefined {
  const metaFile = cacheFile.replace(/\.pdf$/, '.json');
  const meta = readVerifiedSync(metaFile, { onDamaged, label });
  if (!meta) return undefined;
  let entry: CacheEntry & Partial<PublishedFileStamp>;
  try {
    entry = JSON.parse(meta.toString('utf8')) as CacheEntry & Partial<PublishedFileStamp>;
  } catch {
    return undefined;
  }
  // The same bytes in another place on disk (a copied or restored cache): the metadata is brought up
  // to date, so the next build need not read the PDF again (a cache that cannot be written only costs that read).
  const damage = publishedFileDamage(cacheFile, entry, (moved) => restampQuietly(metaFile, { ...entry, ...moved }));
  if (damage === 'missing') return undefined;
  if (damage !== undefined) {
    removeQuietly(cacheFile, metaFile);
    onDamaged?.(catalogue['cache-entry-damaged'].message({ file: label?.(cacheFile) ?? cacheFile, reason: damage }));
    return undefined;
  }
  linker.link(cacheFile, outFile);
  // Mark it used, so pruning keeps it (the metadata's time: the PDF's own is part of its check).
  linker.touch(metaFile);
  return { pages: entry.pages, warnings: entry.warnings, bytes: entry.bytes! };
}

/**
 * Stores a rendered PDF as it is published, and its metadata (with the PDF's size, checksum and
 * time) behind a checksum. A cache that cannot be written only makes the next build slower.
 */
export async function storeInCache(cacheFile: string, bytes: Uint8Array, entry: CacheEntry): Promise<void> {
  try {
    await writeFileAtomic(cacheFile, bytes);
    const stored: CacheEntry & PublishedFileStamp = { ...entry, ...(await stampOf(cacheFile, bytes)) };
    await writeVerified(cacheFile.replace(/\.pdf$/, '.json'), JSON.stringify(stored));
  } catch {
    // Nothing to do: the PDF is made again next time.
  }
}

/**
 * Removes cached PDFs not used for `maxAgeDays` days, except those in `inUse` (this build's: their
 * mark of use may still be queued), at most once an hour (src/files/prune-schedule.ts; `now` for
 * tests). Synchronous, as fromCache: it looks at every entry's time, and a few thousand
 * synchronous calls cost far less than as many promises.
 */
export function pruneCache(cacheDir: string, inUse: ReadonlySet<string> = new Set(), maxAgeDays = 30, now = Date.now()): void {
  if (!dueForPruning(cacheDir, undefined, now)) return;
  const limit = now - maxAgeDays * 86_400_000;
  for (const dir of namesIn(cacheDir)) {
    const folder = path.join(cacheDir, dir);
    for (const file of namesIn(folder).filter((f) => f.endsWith('.pdf'))) {
      const pdf = path.join(folder, file);
      if (inUse.has(pdf)) continue;
      const metaFile = pdf.replace(/\.pdf$/, '.json');
      // fromCache marks an entry used on its metadata.
      let usedMs = 0;
      try {
        usedMs = statSync(metaFile).mtimeMs;
      } catch {
        // No metadata: the PDF cannot be used, so it goes.
      }
      if (usedMs < limit) {
        removeQuietly(pdf, metaFile);
      }
    }
  }
}
