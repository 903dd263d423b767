/**
 * The PDF cache. A PDF is made again only when something it is made from has changed: the
 * notice and the shared data it uses (Notice.contentHash), the site's name and address, the
 * fonts, the pictures (their bytes and credits), and the renderer itself (its version, the source
 * of src/pdf, src/views and src/text, and the versions of pdfkit and svg-to-pdfkit). The key also gives the
 * PDF its document ID, so identical input gives identical bytes, from the cache or not.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rm, stat, unlink, utimes } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../diagnostics/catalogue.js';
import { readVerified, writeVerified } from '../files/verified-cache.js';
import { writeFileAtomic } from '../files/write-atomic.js';
import type { Notice } from '../model/notice.js';
import type { PictureData } from './easy-read.js';
import { fontsHash } from './fonts.js';
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

/** What the metadata also records of the PDF file, to tell a damaged one. */
interface StoredFile {
  bytes: number;
  sha256: string;
  mtimeMs: number;
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

export function cacheKey(kind: 'full' | 'easy-read', notice: Notice, site: SiteInfo, pictures?: Record<string, PictureData>): string {
  const hash = createHash('sha256').update(rendererFingerprint()).update(kind).update(notice.contentHash).update(JSON.stringify(site));
  if (pictures) {
    for (const key of Object.keys(pictures).sort()) {
      const picture = pictures[key]!;
      hash.update(key).update(createHash('sha256').update(picture.svg).digest('hex')).update(JSON.stringify(picture.credit ?? null));
    }
  }
  return hash.digest('hex');
}

export const cacheFileFor = (cacheDir: string, key: string) => path.join(cacheDir, key.slice(0, 2), `${key}.pdf`);

/**
 * Puts a cached PDF at `outFile`, as a hard link to the cache's file when the file system allows
 * (a large site's PDFs are then not copied on every build), else as a copy. Undefined when it is
 * not in the cache, or when the entry is damaged (cut short, grown, or changed: a file whose time
 * differs from when it was written is checked against its checksum): the entry is then deleted,
 * `onDamaged` told, and the PDF made again, never published as it was.
 */
export async function fromCache(cacheFile: string, outFile: string, onDamaged?: (note: string) => void, label?: (file: string) => string): Promise<(CacheEntry & { bytes: number }) | undefined> {
  const metaFile = cacheFile.replace(/\.pdf$/, '.json');
  const meta = await readVerified(metaFile, { onDamaged, label: label?.(metaFile) });
  const info = meta && (await stat(cacheFile).catch(() => undefined));
  if (!meta || !info) return undefined;
  let entry: CacheEntry & Partial<StoredFile>;
  try {
    entry = JSON.parse(meta.toString('utf8')) as CacheEntry & Partial<StoredFile>;
  } catch {
    return undefined;
  }
  const damaged = async (reason: string) => {
    await Promise.all([unlink(cacheFile), unlink(metaFile)].map((p) => p.catch(() => undefined)));
    onDamaged?.(catalogue['cache-entry-damaged'].message({ file: label?.(cacheFile) ?? cacheFile, reason }));
    return undefined;
  };
  if (entry.bytes === undefined || entry.sha256 === undefined) return damaged('it has no checksum (it was not written by this version)');
  if (info.size < entry.bytes) return damaged(`it is shorter than when it was written: ${info.size} of ${entry.bytes} bytes`);
  if (info.size > entry.bytes) return damaged(`it is longer than when it was written: ${info.size} instead of ${entry.bytes} bytes`);
  if (info.mtimeMs !== entry.mtimeMs) {
    const actual = createHash('sha256').update(await readFile(cacheFile)).digest('hex');
    if (actual !== entry.sha256) return damaged('its content no longer matches its checksum');
  }
  try {
    await mkdir(path.dirname(outFile), { recursive: true });
    await rm(outFile, { force: true });
    await link(cacheFile, outFile).catch(() => copyFile(cacheFile, outFile));
  } catch {
    return undefined;
  }
  // Mark it used, so pruning keeps it (the metadata's time: the PDF's own is part of its check).
  const now = new Date();
  await utimes(metaFile, now, now).catch(() => undefined);
  return { pages: entry.pages, warnings: entry.warnings, bytes: entry.bytes };
}

/**
 * Stores a rendered PDF as it is published, and its metadata (with the PDF's size, checksum and
 * time) behind a checksum. A cache that cannot be written only makes the next build slower.
 */
export async function storeInCache(cacheFile: string, bytes: Uint8Array, entry: CacheEntry): Promise<void> {
  try {
    await writeFileAtomic(cacheFile, bytes);
    const { mtimeMs } = await stat(cacheFile);
    const stored: CacheEntry & StoredFile = { ...entry, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs };
    await writeVerified(cacheFile.replace(/\.pdf$/, '.json'), JSON.stringify(stored));
  } catch {
    // Nothing to do: the PDF is made again next time.
  }
}

/** Removes cached PDFs not used for `maxAgeDays` days. */
export async function pruneCache(cacheDir: string, maxAgeDays = 30): Promise<void> {
  const limit = Date.now() - maxAgeDays * 86_400_000;
  let dirs: string[];
  try {
    dirs = await readdir(cacheDir);
  } catch {
    return;
  }
  for (const dir of dirs) {
    const folder = path.join(cacheDir, dir);
    let files: string[];
    try {
      files = await readdir(folder);
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.pdf'))) {
      const pdf = path.join(folder, file);
      // fromCache marks an entry used on its metadata.
      const info = await stat(pdf.replace(/\.pdf$/, '.json')).catch(() => undefined);
      if (!info || info.mtimeMs < limit) {
        await unlink(pdf).catch(() => undefined);
        await unlink(pdf.replace(/\.pdf$/, '.json')).catch(() => undefined);
      }
    }
  }
}
