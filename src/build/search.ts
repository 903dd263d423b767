/**
 * Stage (after HTML): the search index. Pagefind reads the staged site's notice pages (those
 * marked data-pagefind-body: the full notices, so a search finds notices, not lists of them) and
 * writes its index and its small search library to /pagefind/. The search page
 * (layouts/pages/search.njk with assets/search.js) uses them; without JavaScript it lists every notice.
 *
 * A large site's index is made in parts of at most PAGES_PER_INDEX notice pages: /pagefind/ holds
 * the first, /pagefind-2/, /pagefind-3/ … the others, listed in /pagefind/parts.json (empty for a
 * site of one part), and the
 * search page merges them (Pagefind's mergeIndex). Each part is kept in .cache/search under a hash
 * of its pages, so a rebuild indexes again only the part whose pages changed (Pagefind cannot add
 * one page to an index), and one part at a time is in memory.
 *
 * A part that must be made again is begun before all its pages are drawn: the part of a notice
 * whose file changed as soon as the content has loaded, from the last site's other pages (each
 * checked against the page the build then gives: one that differs and the part is made again from
 * the pages given), and a part whose pages Eleventy still has to draw once the kept pages are in.
 * Its pages go to Pagefind in their fixed order, so a part comes out the same however it was begun.
 * A part begun from the last site is written as soon as its changed pages are in, into a folder
 * beside its own, and moved into place once its other pages are known to be the last site's.
 *
 * A kept part goes into the site as soon as its pages are in, its files hard links to the cache's
 * (copies where the file system cannot link), checked first against the list of their sizes and
 * times kept with them: a file changed since, even in place through a link, is read and compared
 * with its checksum, and a damaged part is made again.
 */
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { catalogue } from '../diagnostics/catalogue.js';
import type { Linker } from '../files/linker.js';
import { linkOrCopy, publishedFileDamage, readVerified, sha256, writeVerified } from '../files/verified-cache.js';
import { inBatches } from './batches.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts } from './cache.js';

/**
 * Notice pages in one part of the search index. A rebuild indexes again the whole part of a
 * changed page (about 4 ms a page, after the page is drawn); the search page fetches a little of
 * every part for each word searched (about 20 KB). At 100, a one-notice rebuild of 1,000 notices
 * waits well under half a second for the index, and a search fetches 10 parts.
 */
export const PAGES_PER_INDEX = 100;

/** Bump when the index changes in a way the fingerprint would not notice. */
const SEARCH_VERSION = 'search 2';

export interface SearchIndexResult {
  pages: number;
  /** Parts of the index, and how many came from the cache. */
  parts: number;
  partsFromCache: number;
  /** Parts begun from the last site's pages (options.previous), and of those, parts made again because a page differed. */
  partsFromLastSite: number;
  partsMadeAgain: number;
}

/**
 * A notice page for the index: its HTML, or (a page kept from an earlier build) its checksum and a
 * way to read it, so that a part whose pages are all unchanged is linked without reading them.
 */
export type IndexedPage = string | { sha256: string; html: () => string };

/**
 * A search index being made: Pagefind (its own process) reads the pages of a part as soon as they
 * are all in place, in the order given to startSearchIndex, so it works while the build draws the
 * rest. The order is fixed because Pagefind's files depend on it: a site built from the caches
 * must get the same index as one built without them.
 */
export interface SearchIndexer {
  /** A page to index: its site-relative file (e.g. "kent-early-help/index.html") and its HTML. */
  add(sourcePath: string, page: IndexedPage): void;
  /**
   * Says which pages are still to be drawn, once every page kept from the last build has been
   * added: the part of each is started at once, its pages given to Pagefind in order up to the
   * first one missing, so that only the rest is left to index once that page is drawn.
   */
  toBeDrawn(sourcePaths: Iterable<string>): void;
  /** Writes the index into the site; fails if a page is missing or could not be read. */
  finish(): Promise<SearchIndexResult>;
  /** Stops without writing (the build failed). */
  close(): Promise<void>;
}

export interface SearchIndexOptions {
  /** The project folder, for .cache/search; without it, nothing is kept. */
  cacheRoot?: string;
  /** Notice pages in one part (default PAGES_PER_INDEX). */
  pagesPerIndex?: number;
  /** Told about a damaged kept part (it is made again). */
  onDamaged?: (note: string) => void;
  /** Puts the kept parts' files into the site (on another thread); the caller awaits it. Default: linked here, at once. */
  linker?: Linker;
  /**
   * The site as last published, and the pages likely to have changed (their notice files did). The
   * parts holding those pages are started at once, long before their pages are drawn: their other
   * pages are read from the last site, and each is checked against the page the build then gives.
   * A part with a page that differs is made again from the pages given. Only when few parts would
   * be started so (a tenth of them, or one); a change to every notice waits for its pages.
   */
  previous?: { dir: string; changed: readonly string[] };
  /** Told of each page given to Pagefind, and whether it was read from the last site (previous) or given by this build. */
  onGiven?: (sourcePath: string, from: 'last site' | 'this build') => void;
}

/** The folder of part `i` (from 0), relative to the site. */
const partFolder = (i: number) => (i === 0 ? 'pagefind' : `pagefind-${i + 1}`);

/** A part's kept files, each with what it was when written (a file changed in place keeps its size, not its time). */
type Manifest = Record<string, { bytes: number; mtimeMs: number; sha256: string }>;
const MANIFEST = '.manifest';

/** `pages`: the site-relative files to index, in the order they are given to Pagefind; `outDir`: the staged site. */
export async function startSearchIndex(pages: readonly string[], outDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexer> {
  const perPart = Math.max(1, options.pagesPerIndex ?? PAGES_PER_INDEX);
  const partCount = Math.max(1, Math.ceil(pages.length / perPart));
  const size = Math.ceil(pages.length / partCount);
  const parts = Array.from({ length: partCount }, (_, i) => pages.slice(i * size, (i + 1) * size));
  const partOf = new Map(parts.flatMap((part, i) => part.map((page) => [page, i] as const)));
  const received = parts.map(() => new Map<string, IndexedPage>());
  // Each part is kept as a folder, an entry of .cache/search (pruned as the other caches are).
  const store = cacheStore(options.cacheRoot, 'search');
  // The code that indexes (this file's folder) and Pagefind's version.
  const fingerprint = codeFingerprint(SEARCH_VERSION, ['build'], ['pagefind']);
  const label = (file: string) => (options.cacheRoot ? path.relative(options.cacheRoot, file) : file);
  let fromCache = 0;
  let madeAgain = 0;
  let problem: Error | undefined;
  const fail = (error: Error) => void (problem ??= error);

  // Whether each part must be made (with its cache entry, if any), known once all its pages are in.
  // A kept part is linked into the site at once, whatever the other parts are doing.
  const decide = parts.map(() => deferred<{ make: boolean; kept?: string }>());
  const decided = new Set<number>();
  /** Each part's decision once it is known (decide's value), so a waiting part can tell it is over. */
  const outcome: ({ make: boolean } | undefined)[] = parts.map(() => undefined);
  for (const [i, decision] of decide.entries()) void decision.promise.then((value) => (outcome[i] = value));
  // A part with pages still to draw is started before it is decided (toBeDrawn), and told of each page as it comes.
  const started = parts.map(() => deferred<void>());
  const arrival = parts.map(() => deferred<void>());
  // Parts started at once from the last site (options.previous).
  const changed = new Set(options.previous?.changed ?? []);
  const guessing = parts.map(() => false);
  const likely = [...new Set([...changed].flatMap((page) => partOf.get(page) ?? []))];
  if (options.previous && likely.length && likely.length <= Math.max(1, Math.floor(partCount / 10))) for (const i of likely) guessing[i] = true;
  /** The making of each part begun from the last site, which does not wait for the parts before it. */
  const begun: (Promise<void> | undefined)[] = parts.map(() => undefined);
  const unreadable = new Set<string>();
  /** A page as the last site has it, or undefined. */
  const previousPage = (sourcePath: string): string | undefined => {
    if (unreadable.has(sourcePath)) return undefined;
    try {
      return readFileSync(path.join(options.previous!.dir, sourcePath), 'utf8');
    } catch {
      unreadable.add(sourcePath);
      return undefined;
    }
  };
  /** Kept parts being linked into the site, and made parts into the cache: awaited before the index is done. */
  const linking: Promise<unknown>[] = [];
  // Parts to make go to Pagefind one at a time and in order, so that only one part's index is in
  // its memory (and one begun from the last site, beside it).
  let queue: Promise<void> = Promise.resolve();
  for (let i = 0; i < partCount; i++) {
    queue = queue.then(async () => {
      if (begun[i]) await begun[i];
      else {
        await Promise.race([decide[i]!.promise, started[i]!.promise]);
        if ((outcome[i] ? outcome[i]!.make : true) && !problem) await makePart(i, false).catch(fail);
      }
      received[i] = new Map();
    });
  }

  /**
   * Page `sourcePath` of part `i`, once it has come, or with `guess`, as the last site has it
   * (`guessed`) when it is not likely to have changed; undefined when the part was decided without
   * it (kept, or given up).
   */
  const pageOf = async (i: number, sourcePath: string, guess: boolean): Promise<{ page: IndexedPage; guessed?: boolean } | undefined> => {
    for (;;) {
      const page = received[i]!.get(sourcePath);
      if (page !== undefined) return { page };
      if (outcome[i]) return undefined;
      const before = guess && !changed.has(sourcePath) ? previousPage(sourcePath) : undefined;
      if (before !== undefined) return { page: before, guessed: true };
      await Promise.race([arrival[i]!.promise, decide[i]!.promise]);
    }
  };

  const checksum = (page: IndexedPage) => (typeof page === 'string' ? sha256(page) : page.sha256);
  const keyOf = (i: number) => hashOf(fingerprint, i, partCount, parts[i]!.map((page) => [page, checksum(received[i]!.get(page)!)]));

  const checkPart = async (i: number) => {
    const key = keyOf(i);
    const kept = store.file(key, '');
    store.markUsed(key, '');
    // A part not in the cache (a page changed) is decided at once, without waiting for this
    // thread's next turn: its index is then written while this thread goes on.
    if (kept && !problem && existsSync(kept) && (await linkKept(kept, path.join(outDir, partFolder(i)), options.linker, (reason) => options.onDamaged?.(catalogue['cache-entry-damaged'].message({ file: label(kept), reason }))))) {
      fromCache++;
      received[i] = new Map();
      decide[i]!.resolve({ make: false });
    } else {
      decide[i]!.resolve({ make: true, kept });
    }
  };

  /**
   * Makes part `i`: its pages go to Pagefind in order as they come (a part started before all its
   * pages are in waits for each missing one), and the index is written only if the part, once
   * decided, must be made; else it is dropped (its pages turned out the same as a kept part's).
   */
  async function makePart(i: number, guess: boolean): Promise<void> {
    const target = path.join(outDir, partFolder(i));
    const { index, errors } = await createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`the search index could not be started: ${errors.join('; ')}`);
    let again = false;
    // A part begun from the last site (`guess`) has all its pages with Pagefind as soon as the
    // changed ones are drawn, but is decided only once the build has looked up its other pages:
    // its index is written at once, into a folder beside the part's, and moved into place if the
    // part is made from these pages (else deleted). What a rebuild waited for last was this write.
    const spare = `${target}.early`;
    let early: ReturnType<typeof index.writeFiles> | undefined;
    try {
      const content = (page: IndexedPage) => (typeof page === 'string' ? page : page.html());
      const adding: ReturnType<typeof index.addHTMLFile>[] = [];
      /** The checksum of each page read from the last site. */
      const guessed = new Map<string, string>();
      for (const sourcePath of parts[i]!) {
        const got = await pageOf(i, sourcePath, guess);
        if (got === undefined) break;
        const html = content(got.page);
        if (got.guessed) guessed.set(sourcePath, sha256(html));
        adding.push(index.addHTMLFile({ sourcePath, content: html }));
        options.onGiven?.(sourcePath, got.guessed ? 'last site' : 'this build');
      }
      if (guess && adding.length === parts[i]!.length) {
        rmSync(spare, { recursive: true, force: true });
        early = index.writeFiles({ outputPath: spare });
        early.catch(() => undefined);
      }
      const { make, kept } = await decide[i]!.promise;
      if (!make || problem) {
        await Promise.all(adding);
        return;
      }
      if (adding.length < parts[i]!.length) throw new Error(`the search index did not get the page ${parts[i]![adding.length]}`);
      // A page read from the last site must be the page this build gives, else the part is made
      // again (below, once this index is let go).
      again = [...guessed].some(([sourcePath, sum]) => checksum(received[i]!.get(sourcePath)!) !== sum);
      if (!again) {
        received[i] = new Map();
        // Into an empty folder: a file there could be a link to a kept part, which must not change.
        rmSync(target, { recursive: true, force: true });
        // Asked for now, not once Pagefind has said each page is in: it handles its requests in the
        // order they are sent, and this thread, busy drawing pages, may hear its answers late.
        const writing = early ?? index.writeFiles({ outputPath: target });
        const added = await Promise.all(adding);
        const written = await writing;
        const failed = added.flatMap((result, n) => (result.errors.length ? [`${parts[i]![n]}: ${result.errors.join('; ')}`] : []));
        if (failed.length) throw new Error(`the search index could not read ${failed.join('; ')}`);
        if (written.errors.length) throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
        if (early) renameSync(spare, target);
        // Kept while Pagefind makes the next part.
        if (kept) linking.push(keep(target, kept));
      } else {
        await Promise.all(adding);
      }
    } finally {
      // An index written early and not used is deleted once Pagefind has finished writing it.
      if (early) {
        await early.catch(() => undefined);
        rmSync(spare, { recursive: true, force: true });
      }
      await index.deleteIndex().catch(() => undefined);
    }
    if (again) {
      madeAgain++;
      await makePart(i, false);
    }
  }

  /** Stops waiting for parts whose pages will not come. */
  const abandon = () => {
    for (let i = 0; i < partCount; i++) if (!decided.has(i)) decide[i]!.resolve({ make: false });
  };

  for (const [i, guess] of guessing.entries()) if (guess) begun[i] = makePart(i, true).catch(fail);

  return {
    add(sourcePath, page) {
      const i = partOf.get(sourcePath);
      if (i === undefined || decided.has(i)) return;
      received[i]!.set(sourcePath, page);
      const came = arrival[i]!;
      arrival[i] = deferred();
      came.resolve();
      if (received[i]!.size < parts[i]!.length) return;
      decided.add(i);
      linking.push(checkPart(i).catch((error: Error) => {
        fail(error);
        decide[i]!.resolve({ make: false });
      }));
    },
    toBeDrawn(sourcePaths) {
      for (const sourcePath of sourcePaths) {
        const i = partOf.get(sourcePath);
        if (i !== undefined && !decided.has(i)) started[i]!.resolve();
      }
    },
    async finish() {
      try {
        const waiting = parts.findIndex((_, i) => !decided.has(i));
        if (waiting >= 0) {
          problem ??= new Error(`the search index did not get the page ${parts[waiting]!.find((page) => !received[waiting]!.has(page)) ?? parts[waiting]![0]}`);
          abandon();
        }
        await queue;
        await Promise.all(linking);
        if (problem) throw problem;
        // The other parts, for the search page to merge (none on a site of one part). The first
        // part's folder may not be there yet when its kept files are still being linked.
        await mkdir(path.join(outDir, 'pagefind'), { recursive: true });
        await writeFile(path.join(outDir, 'pagefind', 'parts.json'), `${JSON.stringify({ parts: parts.slice(1).map((_, i) => `../${partFolder(i + 1)}/`) })}\n`);
        await store.prune();
        return { pages: pages.length, parts: partCount, partsFromCache: fromCache, partsFromLastSite: guessing.filter(Boolean).length, partsMadeAgain: madeAgain };
      } finally {
        await queue.catch(() => undefined);
        await close();
      }
    },
    async close() {
      problem ??= new Error('the search index was stopped');
      abandon();
      await queue.catch(() => undefined);
      await Promise.all(linking);
      await close();
    },
  };
}

/** A promise with its resolve function at hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** The files of a folder (and its folders), relative to it. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * Puts a kept part into the site, its files linked to the cache's (by `linker` when given); false
 * when it is not kept or is damaged (a file missing, of another size, or changed since it was
 * written), which is then deleted and `onDamaged` told why.
 */
async function linkKept(kept: string, target: string, linker: Linker | undefined, onDamaged: (reason: string) => void): Promise<boolean> {
  const stored = await readVerified(path.join(kept, MANIFEST), { onDamaged: () => onDamaged('its list of files is damaged') });
  if (!stored) {
    await rm(kept, { recursive: true, force: true }).catch(() => undefined);
    return false;
  }
  const checked = damageOf(kept, stored);
  if ('damage' in checked) {
    await rm(kept, { recursive: true, force: true }).catch(() => undefined);
    onDamaged(checked.damage);
    return false;
  }
  // Files with the same bytes and another time (a copied or restored cache): their times are kept
  // in the list, so the next build need not read them again (a list not written only costs that).
  if (checked.moved) await writeVerified(path.join(kept, MANIFEST), JSON.stringify(checked.moved)).catch(() => undefined);
  const files = Object.keys(checked.manifest);
  try {
    await rm(target, { recursive: true, force: true });
    // Each file's folder is made when it is missing.
    for (const file of files) {
      if (linker) linker.link(path.join(kept, file), path.join(target, file));
      else linkOrCopy(path.join(kept, file), path.join(target, file));
    }
    return true;
  } catch {
    // Not linked nor copied (a full disk?): the part is made instead, into an emptied folder.
    return false;
  }
}

/**
 * Why a kept part cannot be used (`damage`), or its list of files when every file is as it was
 * written (each checked as a cached PDF is: publishedFileDamage); `moved`: that list with the new
 * times of files whose time changed but whose bytes did not. Synchronous: a part is a few hundred
 * files, and a stat each costs less than as many promises.
 */
function damageOf(kept: string, stored: Buffer): { damage: string } | { manifest: Manifest; moved?: Manifest } {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(stored.toString('utf8')) as Manifest;
  } catch {
    return { damage: 'its list of files is not JSON' };
  }
  const problems: string[] = [];
  let moved: Manifest | undefined;
  for (const [file, expected] of Object.entries(manifest)) {
    const damage = publishedFileDamage(path.join(kept, file), expected, (now) => ((moved ??= { ...manifest })[file] = { ...expected, mtimeMs: now.mtimeMs }));
    if (damage) problems.push(damage === 'missing' ? `${file} is missing` : `${file}: ${damage}`);
  }
  return problems.length ? { damage: problems.sort()[0]! } : { manifest, moved };
}

/** Keeps a written part (its files linked, not copied, with a list of them), moved into place whole. */
async function keep(written: string, kept: string): Promise<void> {
  const temporary = `${kept}.${process.pid}.tmp`;
  try {
    const files = await filesIn(written);
    await rm(temporary, { recursive: true, force: true });
    const manifest: Manifest = {};
    await inBatches(files, async (file) => {
      linkOrCopy(path.join(written, file), path.join(temporary, file));
      const [info, bytes] = await Promise.all([stat(path.join(temporary, file)), readFile(path.join(temporary, file))]);
      manifest[file] = { bytes: info.size, mtimeMs: info.mtimeMs, sha256: sha256(bytes) };
    }, 64);
    await writeVerified(path.join(temporary, MANIFEST), JSON.stringify(Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)))));
    await rm(kept, { recursive: true, force: true });
    await rename(temporary, kept);
  } catch {
    // A part that cannot be kept is only made again next time.
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** What the index took from the cache, as the build reports each cache. */
export function searchCounts(index: SearchIndexResult): CacheCounts {
  return { reused: index.partsFromCache, made: index.parts - index.partsFromCache, madeFor: [] };
}
