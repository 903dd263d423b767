/**
 * "At a glance": the short list at the top of every full notice page and PDF, made from the tags.
 * One line per thing people most want to know, only where the notice covers it with evidence, each
 * pointing to the first section that covers it.
 */
import type { NoticeCompleteness } from './completeness.js';
import { ITEM_IDS, type ItemId } from './ids.js';
import { AT_A_GLANCE, type GlanceKey } from './items.js';
import type { AssessInput } from './input.js';

export interface GlanceEntry {
  item: GlanceKey;
  /** "Who we are", "How long we keep it", … */
  label: string;
  text: string;
  /** The anchor of the first section that covers it. */
  sectionId: string;
}

export function atAGlance(input: Pick<AssessInput, 'organisation'>, report: Pick<NoticeCompleteness, 'items'>): GlanceEntry[] {
  const present = new Set<ItemId>(ITEM_IDS.filter((id) => report.items[id].status === 'present'));
  const entries: GlanceEntry[] = [];
  for (const line of AT_A_GLANCE) {
    const covered = line.items.filter((id) => present.has(id) && report.items[id].sections.length > 0);
    const first = covered.map((id) => report.items[id].sections[0]!.id)[0];
    if (!first) continue;
    entries.push({ item: line.key, label: line.label, text: line.text(present, input.organisation.name), sectionId: first });
  }
  return entries;
}
