/**
 * The completeness stage with a cache per notice (.cache/completeness, see cache.ts): a notice's
 * assessment and its problems are kept under its load's input key (its file's bytes, the shared
 * data, the day: LoadedNotice.inputKey), strictness, and the code that assesses. A notice that
 * has no input key (loaded without the memo) is assessed every time.
 *
 * An entry is two lines: the problems and the report without its items (with each item's status,
 * all the table and reports/completeness.json need), then the items, with their evidence (nine
 * tenths of the entry), parsed only when read (src/model/lazy-parts.ts), as a rebuild of a large
 * site reads them for none of its unchanged notices.
 */
import { itemStatuses, keepStatuses, type NoticeCompleteness, type Status } from '../gdpr/completeness.js';
import type { ItemId } from '../gdpr/ids.js';
import { checkNoticeCompleteness, completenessResult, type CompletenessResult, type NoticeCompletenessResult } from '../gdpr/stage.js';
import type { LoadResult } from '../load/load-site.js';
import { withLazyParts } from '../model/lazy-parts.js';
import type { Site } from '../model/notice.js';
import { isoDay } from '../text/dates.js';
import { cacheStore, codeFingerprint, hashOf, headAndRest, type CacheCounts, type CacheMemory, type Codec } from './cache.js';

/** Bump when an assessment changes in a way the code fingerprint would not notice. 2: the items on a line of their own. */
const COMPLETENESS_VERSION = 'completeness 2';

/** The first line of an entry. */
interface Head {
  diagnostics: NoticeCompletenessResult['diagnostics'];
  /** The report without its items. */
  report: Omit<NoticeCompleteness, 'items'>;
  /** The report's keys in order, so the lazy one is the same JSON as the one stored. */
  order: string[];
  statuses: Record<ItemId, Status>;
}

/** The entry's bytes: its head, then the report's items. */
function encode({ report, diagnostics }: NoticeCompletenessResult): string {
  const { items, ...rest } = report;
  const head: Head = { diagnostics, report: rest, order: Object.keys(report), statuses: itemStatuses(report) };
  return `${JSON.stringify(head)}\n${JSON.stringify(items)}`;
}

/** The result an entry holds; `whole`: the items parsed now (for the preview, which keeps entries in memory). */
function decode(bytes: Buffer, whole: boolean): NoticeCompletenessResult | undefined {
  const entry = headAndRest(bytes);
  if (!entry) return undefined;
  const head = entry.head as Head;
  if (!Array.isArray(head?.diagnostics) || !head.report || !Array.isArray(head.order) || !head.statuses) return undefined;
  const itemsBytes = entry.rest;
  const report = withLazyParts<NoticeCompleteness>(head.report as unknown as Record<string, unknown>, { items: () => JSON.parse(itemsBytes.toString('utf8')) as unknown }, head.order, { now: whole });
  keepStatuses(report, head.statuses);
  return { report, diagnostics: head.diagnostics };
}

export const COMPLETENESS_CODEC: Codec<NoticeCompletenessResult> = { encode, decode };

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
      return store.entry(hashOf(fingerprint, file.inputKey, strict, isoDay(options.today)), COMPLETENESS_CODEC, assess, notice.source);
    }),
  );
  await store.prune();
  return { ...completenessResult(results), counts: store.counts };
}
