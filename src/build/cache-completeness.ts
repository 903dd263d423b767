/**
 * The completeness stage with a cache per notice (.cache/completeness, see cache.ts): a notice's
 * assessment and its problems are kept under its load's input key (its file's bytes, the shared
 * data, the day: LoadedNotice.inputKey), strictness, and the code that assesses. A notice that
 * has no input key (loaded without the memo) is assessed every time.
 */
import { checkNoticeCompleteness, completenessResult, type CompletenessResult, type NoticeCompletenessResult } from '../gdpr/stage.js';
import type { LoadResult } from '../load/load-site.js';
import type { Site } from '../model/notice.js';
import { isoDay } from '../text/dates.js';
import { cacheStore, codeFingerprint, hashOf, type CacheCounts, type CacheMemory } from './cache.js';

/** Bump when an assessment changes in a way the code fingerprint would not notice. */
const COMPLETENESS_VERSION = 'completeness 1';

export async function checkCompletenessCached(site: Site, loaded: Pick<LoadResult, 'notices'>, options: { root?: string; today: Date; onDamaged?: (note: string) => void; memory?: CacheMemory }): Promise<CompletenessResult & { counts: CacheCounts }> {
  const store = cacheStore(options.root, 'completeness', options.onDamaged, options.memory);
  const strict = site.completeness?.strict ?? false;
  const fingerprint = codeFingerprint(COMPLETENESS_VERSION, ['gdpr', 'model', 'text', 'views', 'diagnostics'], ['markdown-it']);
  const byFile = new Map(loaded.notices.map((notice) => [notice.file, notice]));
  const results = await Promise.all(
    site.notices.map(async (notice) => {
      const file = byFile.get(notice.source);
      const assess = () => checkNoticeCompleteness(notice, file?.source, { today: options.today, strict });
      if (!file?.inputKey) return assess();
      return store.json<NoticeCompletenessResult>(hashOf(fingerprint, file.inputKey, strict, isoDay(options.today)), assess, notice.source);
    }),
  );
  await store.prune();
  return { ...completenessResult(results), counts: store.counts };
}
