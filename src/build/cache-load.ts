/**
 * The load stage's memo (.cache/load, see cache.ts): what loading each notice file gave (its own
 * problems and the resolved notice), kept under the file's input key (its path and bytes, the
 * shared data it is checked against, the day; LoadedNotice.inputKey in src/load/load-site.ts) and
 * the code that loads. A rebuild after one notice changed parses and checks that notice only; the
 * checks across files (ids, links between notices, replacements) still run over every notice.
 */
import type { NoticeFileResult, NoticeMemo } from '../load/load-site.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts, type CacheMemory, type CacheStore } from './cache.js';

/** Bump when loading changes in a way the code fingerprint would not notice. 2: compact(). */
const LOAD_VERSION = 'load 2';

/**
 * Stands for the notice's easy read when it is the file's own (the same object, as loading makes
 * it), so the memo holds it once: parsing the memo is most of a rebuild's load.
 */
const SAME_EASY_READ = '(the easy read of the file)';

function compact(result: NoticeFileResult): NoticeFileResult {
  if (!result.notice || result.easyRead === undefined || result.notice.easyRead !== result.easyRead) return result;
  return { ...result, notice: { ...result.notice, easyRead: SAME_EASY_READ as unknown as NoticeFileResult['easyRead'] } };
}

/** The memo's result as loading made it: the notice and the file share one easy read again. */
function expand(result: NoticeFileResult): NoticeFileResult {
  if (!result.notice || (result.notice.easyRead as unknown) !== SAME_EASY_READ) return result;
  // A copy: the stored result may be shared with later builds (CacheMemory), so it is not changed.
  return { ...result, notice: { ...result.notice, easyRead: result.easyRead } };
}

function loadFingerprint(): string {
  return codeFingerprint(LOAD_VERSION, ['load', 'model', 'text', 'input', 'diagnostics'], ['js-yaml', 'zod', 'markdown-it']);
}

export interface LoadMemo extends NoticeMemo {
  store: CacheStore;
  counts: CacheCounts;
}

/** The memo in <root>/.cache/load; without a root, nothing is kept. */
export function loadMemo(root: string | undefined, onDamaged?: (note: string) => void, memory?: CacheMemory): LoadMemo {
  const store = cacheStore(root, 'load', onDamaged, memory);
  const key = (inputKey: string) => hashOf(loadFingerprint(), inputKey);
  return {
    store,
    counts: store.counts,
    get(inputKey) {
      const result = store.readJsonSync<NoticeFileResult>(key(inputKey));
      if (!result) return undefined;
      store.counts.reused++;
      return expand(result);
    },
    async set(inputKey, result, file) {
      store.counts.made++;
      store.counts.madeFor.push(file);
      // Stored at once: later stages may add to the notice (replacedBy).
      await store.write(key(inputKey), JSON.stringify(compact(result)));
    },
  };
}
