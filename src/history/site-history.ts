/**
 * Stage: history. Reads the git history of every published notice once per build, for the history
 * pages (src/views/history.ts). Without git, outside a repository or in a shallow clone, every
 * notice's history says so and the build goes on: a history page is never a reason to fail.
 */
import type { Site } from '../model/notice.js';
import { NoticeFile } from '../model/schema.js';
import { gitAvailability } from './git.js';
import { noticeHistory, type NoticeHistory } from './history.js';

/** Each published notice's history, by notice id. */
export async function gatherHistories(root: string, site: Pick<Site, 'published'>): Promise<Map<string, NoticeHistory>> {
  const histories = new Map<string, NoticeHistory>();
  // Asked once: without git there is nothing to read for any notice.
  const availability = await gitAvailability(root);
  const isValid = (data: unknown) => NoticeFile.safeParse(data).success;
  for (const notice of site.published) {
    histories.set(notice.id, availability.available ? await noticeHistory(root, notice.source, { isValid }) : { available: false, explanation: availability.explanation });
  }
  return histories;
}
