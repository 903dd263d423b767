/**
 * Stage (before HTML): the page views of every notice, made only when needed. The HTML page cache
 * keys each page by a hash of its view (cache-html.ts); making and hashing a thousand views costs
 * seconds, so each view's hash is kept in .cache/views under the view's identity: everything the
 * view is made from, which is
 * - the notice file's load input key (its bytes, the shared data files, the day: LoadedNotice.inputKey),
 * - what other notices add to it (the notice that replaces it) and where the site is deployed,
 * - for an easy read, each picture it shows: the entry found, its size and its SVG text,
 * - the code that makes views (src/views, src/html, src/text, src/easyread).
 * A view is made only for a page that is not in the page cache, or a notice.json that is not kept.
 * A notice loaded without an input key has its views made and hashed every time.
 */
import type { LoadedNotice } from '../load/load-site.js';
import { easyReadPageView } from '../html/view.js';
import type { Notice, Site } from '../model/notice.js';
import { easyReadPictureKeys } from '../model/pictures.js';
import type { EasyReadView, PictureLookup } from '../views/easy-read.js';
import { noticeView, type NoticeView } from '../views/notice.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts, type CacheMemory } from './cache.js';

/** Bump when views change in a way the code fingerprint would not notice. 2: each picture's identity as its hash. */
const VIEWS_VERSION = 'views 2';

export interface SiteViews {
  /** By notice id: the hash of its page's view. */
  noticeHash: ReadonlyMap<string, string>;
  /** By notice id: the hash of its easy-read page's view (notices with an easy read only). */
  easyReadHash: ReadonlyMap<string, string>;
  /** The view of a published notice's page (made when asked: the caller keeps it while it needs it). */
  notice(id: string): NoticeView;
  easyRead(id: string): EasyReadView;
  counts: CacheCounts;
}

interface StoredHashes {
  notice: string;
  easyRead?: string;
}

/** `files`: each notice file and its load's input key (LoadedNotice). */
export async function siteViews(site: Site, files: readonly Pick<LoadedNotice, 'file' | 'inputKey'>[], lookup: PictureLookup, options: { root?: string; onDamaged?: (note: string) => void; memory?: CacheMemory } = {}): Promise<SiteViews> {
  const store = cacheStore(options.root, 'views', options.onDamaged, options.memory);
  const fingerprint = codeFingerprint(VIEWS_VERSION, ['views', 'html', 'text', 'easyread', 'model'], ['markdown-it']);
  const inputKeys = new Map(files.map((notice) => [notice.file, notice.inputKey]));
  const byId = new Map(site.published.map((notice) => [notice.id, notice]));
  // Views are not kept once hashed or drawn: a large site's views would fill the memory, and
  // making one again costs about a millisecond.
  const makeNotice = (notice: Notice): NoticeView => noticeView(notice, site);
  const makeEasyRead = (notice: Notice): EasyReadView => easyReadPageView(notice, site, lookup);
  const hashesOf = (notice: Notice): StoredHashes => ({ notice: hashOf(makeNotice(notice)), ...(notice.easyRead ? { easyRead: hashOf(makeEasyRead(notice)) } : {}) });

  const noticeHash = new Map<string, string>();
  const easyReadHash = new Map<string, string>();
  const pictureHashes = new Map<string, string>();
  const svgHashes = new Map<string, string>();
  await Promise.all(
    site.published.map(async (notice) => {
      const inputKey = inputKeys.get(notice.source);
      let hashes: StoredHashes;
      if (!inputKey) {
        hashes = hashesOf(notice);
      } else {
        const identity = hashOf(fingerprint, inputKey, notice.replacedBy ?? null, site.url, site.pathPrefix, notice.easyRead ? pictureIdentity(notice, lookup, pictureHashes, svgHashes) : null);
        hashes = await store.json<StoredHashes>(identity, () => hashesOf(notice), notice.source);
      }
      noticeHash.set(notice.id, hashes.notice);
      if (hashes.easyRead) easyReadHash.set(notice.id, hashes.easyRead);
    }),
  );
  await store.prune();
  const find = (id: string) => {
    const notice = byId.get(id);
    if (!notice) throw new Error(`no published notice has the id '${id}'`);
    return notice;
  };
  return { noticeHash, easyReadHash, notice: (id) => makeNotice(find(id)), easyRead: (id) => makeEasyRead(find(id)), counts: store.counts };
}

/**
 * What an easy read's pictures bring to its view: for each picture key, a hash of what the lookup
 * finds (with its SVG text's hash). `known` keeps each (organisation, key)'s hash, as most notices
 * show the same few pictures; `svgHashes`, each SVG file's.
 */
function pictureIdentity(notice: Notice, lookup: PictureLookup, known: Map<string, string>, svgHashes: Map<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const key of easyReadPictureKeys(notice.easyRead)) {
    const id = `${notice.organisation.id}\n${key}`;
    let hash = known.get(id);
    if (hash === undefined) known.set(id, (hash = hashOf(pictureFound(key, notice.organisation.id, lookup, svgHashes))));
    found[key] = hash;
  }
  return found;
}

/** What the lookup finds for one picture key, its SVG text as its hash. */
function pictureFound(key: string, organisationId: string, lookup: PictureLookup, svgHashes: Map<string, string>): unknown {
  let info;
  try {
    info = lookup(key, organisationId);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (!info) return null;
  const { svg, ...rest } = info;
  if (svg === undefined) return { ...rest, svg: null };
  let svgHash = svgHashes.get(info.file);
  if (svgHash === undefined) svgHashes.set(info.file, (svgHash = hashOf(svg)));
  return { ...rest, svg: svgHash };
}
