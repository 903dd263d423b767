/** Runs `work` on every item, a few at a time: the work overlaps, and a large site's files are not all in memory at once. */
export async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>, size = 32): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
