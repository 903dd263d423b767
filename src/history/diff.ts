/**
 * What changed between two versions of a notice, in plain words, computed from the YAML of each
 * version rather than from a text diff of the file: moving a section, re-indenting or re-wrapping
 * a line changes nothing a reader sees, and is not reported.
 *
 * Sections are matched by their id, else by their heading path ("Personal information we collect
 * and use / How we use your personal information"); a section whose heading changed but whose
 * sentences are mostly the same is reported as renamed, not as one removed and one added. Within a
 * section, sentences are compared as sentences, so the report can say which were added or removed.
 *
 * Both versions are plain parsed YAML (unknown), since an old version may not match today's schema.
 */
import type { PathSegment } from '../diagnostics/diagnostic.js';
import { plainText } from '../text/markdown.js';
import { slugify } from '../text/slug.js';

export interface SectionChange {
  change: 'added' | 'removed' | 'reworded' | 'renamed';
  /** The heading now (the old one for a removed section), as plain text. */
  heading: string;
  /** For a renamed section: its heading before. */
  previousHeading?: string;
  /** Headings from the top-level section down to this one. */
  headingPath: string[];
  sentencesAdded: string[];
  sentencesRemoved: string[];
  /** Same sentences, in a different order. */
  reordered: boolean;
  /** The covers tags of this section and the sections it sits in, before and after. */
  covers: string[];
  /** Where the section is in the version it is reported from (`after`, or `before` when removed). */
  path: PathSegment[];
}

export interface FieldChange {
  field: 'title' | 'summary' | 'caption';
  before?: string;
  after?: string;
}

export interface NoticeChanges {
  fields: FieldChange[];
  sections: SectionChange[];
  /** The easy-read version, compared sentence by sentence; undefined when it did not change. */
  easyRead?: { sentencesAdded: string[]; sentencesRemoved: string[]; reordered: boolean };
  /** The covers tags of every changed section, sorted. */
  coversChanged: string[];
  /** True when anything a reader sees changed. */
  textChanged: boolean;
}

interface SectionSnapshot {
  id?: string;
  key: string;
  heading: string;
  headingPath: string[];
  covers: string[];
  sentences: string[];
  path: PathSegment[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function plain(value: string): string {
  return plainText(value).replace(/\s+/g, ' ').trim();
}

/** Splits text into sentences after ".", "?" or "!" followed by a space. */
export function sentencesOf(text: string): string[] {
  return plain(text)
    .split(/(?<=[.?!])\s+(?=\S)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Every text in a value, in the order written, except the block's `type` and other field names. */
function textsIn(value: unknown, skipKeys: ReadonlySet<string> = new Set(['type', 'picture', 'relax', 'ordered', 'rowHeaders', 'decorative'])): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => textsIn(item, skipKeys));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => (skipKeys.has(key) ? [] : textsIn(item, skipKeys)));
  return [];
}

function flattenSections(sections: unknown, parents: { headings: string[]; keys: string[]; covers: string[]; path: PathSegment[] }): SectionSnapshot[] {
  if (!Array.isArray(sections)) return [];
  return sections.flatMap((section, index): SectionSnapshot[] => {
    if (!isRecord(section)) return [];
    const heading = typeof section.heading === 'string' ? plain(section.heading) : '';
    const id = typeof section.id === 'string' ? section.id : undefined;
    const ownCovers = Array.isArray(section.covers) ? section.covers.filter((c): c is string => typeof c === 'string') : [];
    const covers = [...new Set([...parents.covers, ...ownCovers])];
    const keys = [...parents.keys, slugify(heading) || `section-${index + 1}`];
    const path: PathSegment[] = [...parents.path, 'sections', index];
    const snapshot: SectionSnapshot = {
      id,
      key: keys.join('/'),
      heading,
      headingPath: [...parents.headings, heading],
      covers,
      sentences: textsIn(section.body).flatMap(sentencesOf),
      path,
    };
    return [snapshot, ...flattenSections(section.sections, { headings: snapshot.headingPath, keys, covers, path })];
  });
}

/** Sentences of `a` not in `b`, counting repeats (a sentence written twice and now once was removed once). */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const s of b) counts.set(s, (counts.get(s) ?? 0) + 1);
  const missing: string[] = [];
  for (const s of a) {
    const n = counts.get(s) ?? 0;
    if (n > 0) counts.set(s, n - 1);
    else missing.push(s);
  }
  return missing;
}

function compareSentences(before: readonly string[], after: readonly string[]) {
  const sentencesAdded = missingFrom(after, before);
  const sentencesRemoved = missingFrom(before, after);
  const reordered = sentencesAdded.length === 0 && sentencesRemoved.length === 0 && before.join('\n') !== after.join('\n');
  return { sentencesAdded, sentencesRemoved, reordered };
}

/** Mostly the same sentences: at least half of the longer version's. */
function similar(a: SectionSnapshot, b: SectionSnapshot): boolean {
  const longer = Math.max(a.sentences.length, b.sentences.length);
  if (longer === 0) return false;
  const shared = a.sentences.length - missingFrom(a.sentences, b.sentences).length;
  return shared * 2 >= longer;
}

function matchSections(before: SectionSnapshot[], after: SectionSnapshot[]): { pairs: [SectionSnapshot, SectionSnapshot][]; added: SectionSnapshot[]; removed: SectionSnapshot[] } {
  const unmatchedBefore = new Set(before);
  const pairs: [SectionSnapshot, SectionSnapshot][] = [];
  const unmatchedAfter: SectionSnapshot[] = [];
  const take = (candidate: SectionSnapshot | undefined, now: SectionSnapshot) => {
    if (!candidate) return false;
    unmatchedBefore.delete(candidate);
    pairs.push([candidate, now]);
    return true;
  };
  for (const now of after) {
    const byId = now.id ? [...unmatchedBefore].find((old) => old.id === now.id) : undefined;
    if (take(byId, now)) continue;
    const byHeading = [...unmatchedBefore].find((old) => old.key === now.key);
    if (take(byHeading, now)) continue;
    unmatchedAfter.push(now);
  }
  const added: SectionSnapshot[] = [];
  for (const now of unmatchedAfter) {
    if (!take([...unmatchedBefore].find((old) => similar(old, now)), now)) added.push(now);
  }
  return { pairs, added, removed: [...unmatchedBefore] };
}

function easyReadSentences(easyRead: unknown): string[] {
  return textsIn(easyRead).flatMap(sentencesOf);
}

/** What changed from `before` to `after` (two parsed notice files). */
export function describeChanges(before: unknown, after: unknown): NoticeChanges {
  const old = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};

  const fields: FieldChange[] = [];
  for (const field of ['title', 'caption', 'summary'] as const) {
    const was = typeof old[field] === 'string' ? plain(old[field]) : undefined;
    const is = typeof now[field] === 'string' ? plain(now[field]) : undefined;
    if (was !== is) fields.push({ field, before: was, after: is });
  }

  const top = { headings: [], keys: [], covers: [], path: [] };
  const { pairs, added, removed } = matchSections(flattenSections(old.sections, top), flattenSections(now.sections, top));
  const sections: SectionChange[] = [];
  for (const [was, is] of pairs) {
    const comparison = compareSentences(was.sentences, is.sentences);
    const renamed = was.heading !== is.heading;
    const reworded = comparison.sentencesAdded.length > 0 || comparison.sentencesRemoved.length > 0 || comparison.reordered;
    if (!renamed && !reworded) continue;
    sections.push({
      change: renamed ? 'renamed' : 'reworded',
      heading: is.heading,
      previousHeading: renamed ? was.heading : undefined,
      headingPath: is.headingPath,
      ...comparison,
      covers: [...new Set([...was.covers, ...is.covers])].sort(),
      path: is.path,
    });
  }
  for (const is of added) {
    sections.push({ change: 'added', heading: is.heading, headingPath: is.headingPath, sentencesAdded: is.sentences, sentencesRemoved: [], reordered: false, covers: [...is.covers].sort(), path: is.path });
  }
  for (const was of removed) {
    sections.push({ change: 'removed', heading: was.heading, headingPath: was.headingPath, sentencesAdded: [], sentencesRemoved: was.sentences, reordered: false, covers: [...was.covers].sort(), path: was.path });
  }

  const easyReadComparison = compareSentences(easyReadSentences(old.easyRead), easyReadSentences(now.easyRead));
  const easyReadChanged = easyReadComparison.sentencesAdded.length > 0 || easyReadComparison.sentencesRemoved.length > 0 || easyReadComparison.reordered;

  return {
    fields,
    sections,
    easyRead: easyReadChanged ? easyReadComparison : undefined,
    coversChanged: [...new Set(sections.flatMap((s) => s.covers))].sort(),
    textChanged: fields.length > 0 || sections.length > 0 || easyReadChanged,
  };
}

const quote = (text: string) => `“${text}”`;
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function sentenceCounts(added: number, removed: number, reordered: boolean): string {
  if (reordered) return 'sentences put in a different order';
  const parts = [];
  if (added > 0) parts.push(`${count(added, 'sentence')} added`);
  if (removed > 0) parts.push(`${count(removed, 'sentence')} removed`);
  return parts.join(', ');
}

/** The changes as sentences for the history page, e.g. "Reworded the section “Who we are”: 1 sentence added." */
export function changesInWords(changes: NoticeChanges): string[] {
  const lines: string[] = [];
  const labels = { title: 'title', caption: 'caption', summary: 'summary' } as const;
  for (const field of changes.fields) {
    if (field.before === undefined) lines.push(`Added the ${labels[field.field]} ${quote(field.after ?? '')}.`);
    else if (field.after === undefined) lines.push(`Removed the ${labels[field.field]}.`);
    else lines.push(`Changed the ${labels[field.field]} from ${quote(field.before)} to ${quote(field.after)}.`);
  }
  for (const section of changes.sections) {
    const name = quote(section.headingPath.join(' / '));
    const counts = sentenceCounts(section.sentencesAdded.length, section.sentencesRemoved.length, section.reordered);
    switch (section.change) {
      case 'added':
        lines.push(`Added the section ${name}.`);
        break;
      case 'removed':
        lines.push(`Removed the section ${name}.`);
        break;
      case 'renamed':
        lines.push(`Renamed the section ${quote(section.previousHeading ?? '')} to ${quote(section.heading)}${counts ? `, and reworded it: ${counts}` : ''}.`);
        break;
      case 'reworded':
        lines.push(`Reworded the section ${name}: ${counts}.`);
        break;
    }
  }
  if (changes.easyRead) {
    lines.push(`Changed the easy-read version: ${sentenceCounts(changes.easyRead.sentencesAdded.length, changes.easyRead.sentencesRemoved.length, changes.easyRead.reordered)}.`);
  }
  return lines;
}
