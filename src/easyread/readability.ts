/**
 * Readability figures for every published notice, full and easy read, so a comms team can see
 * whether a change made a notice harder to read:
 * - Flesch reading ease (the flesch package; syllables from the syllable package): higher is
 *   easier; 60-70 is plain English, 80 and above is easy;
 * - average sentence length in words;
 * - the share of sentences over 15 words (the easy-read limit).
 *
 * Sentences and words come from retext-english (src/easyread/words.ts: sentenceWords, the same
 * words as the easy-read checks count, without their passive-voice search).
 * What counts as text: for the full notice, every paragraph, list and table of its sections (the
 * pieces noticeText() gives, through blockText()), without headings, the title and caption, and
 * contact or address blocks, which are not prose. For the easy read, the sentences of every item,
 * without headings and the word list. A list item counts as a sentence, as readers meet it as one.
 */
import { flesch } from 'flesch';
import { writeJsonAtomic } from '../files/write-atomic.js';
import { syllable } from 'syllable';
import type { Block, Notice, Section, Site } from '../model/notice.js';
import { blockText } from '../text/notice-text.js';
import { plainText } from '../text/markdown.js';
import { MAX_SENTENCE_WORDS, sentenceWords } from './words.js';

export interface TextCounts {
  sentences: number;
  words: number;
  syllables: number;
  /** Sentences of more than 15 words. */
  longSentences: number;
}

export interface ReadabilityFigures extends TextCounts {
  /** Flesch reading ease: 100 is very easy, 0 very hard. */
  fleschReadingEase: number;
  /** Words per sentence. */
  averageSentenceLength: number;
  /** Sentences over 15 words, as a share of all sentences (0 to 1). */
  longSentenceShare: number;
}

export interface ReadabilityRow extends ReadabilityFigures {
  /** The notice id, e.g. "kent-early-help". */
  notice: string;
  title: string;
  /** The YAML file, e.g. "content/kent-county-council/early-help.yaml". */
  source: string;
  version: 'full' | 'easy read';
  /** Site-relative URL of the page. */
  url: string;
}

/** Syllables per word as written, counted once per process (most words recur in every notice). */
const syllableMemo = new Map<string, number>();

function syllablesOf(word: string): number {
  let count = syllableMemo.get(word);
  if (count === undefined) {
    count = Math.max(1, syllable(word));
    if (syllableMemo.size >= 50_000) syllableMemo.clear();
    syllableMemo.set(word, count);
  }
  return count;
}

/** Counts for plain texts (each text one paragraph-like piece: it may hold several sentences). */
export function countText(texts: readonly string[]): TextCounts {
  const counts: TextCounts = { sentences: 0, words: 0, syllables: 0, longSentences: 0 };
  for (const text of texts) {
    for (const words of sentenceWords(text)) {
      counts.sentences++;
      counts.words += words.length;
      counts.syllables += words.reduce((sum, word) => sum + syllablesOf(word.text), 0);
      if (words.length > MAX_SENTENCE_WORDS) counts.longSentences++;
    }
  }
  return counts;
}

/** Flesch reading ease of the counts (206.835 − 1.015 × words per sentence − 84.6 × syllables per word). */
export function fleschReadingEase(counts: TextCounts): number {
  if (counts.sentences === 0 || counts.words === 0) return 0;
  return flesch({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables });
}

export function averageSentenceLength(counts: TextCounts): number {
  return counts.sentences === 0 ? 0 : counts.words / counts.sentences;
}

export function longSentenceShare(counts: TextCounts): number {
  return counts.sentences === 0 ? 0 : counts.longSentences / counts.sentences;
}

/** Every figure for some plain texts. */
export function readability(texts: readonly string[]): ReadabilityFigures {
  const counts = countText(texts);
  return {
    ...counts,
    fleschReadingEase: round(fleschReadingEase(counts), 1),
    averageSentenceLength: round(averageSentenceLength(counts), 1),
    longSentenceShare: round(longSentenceShare(counts), 3),
  };
}

/** The full notice's prose: paragraphs, lists and tables, without headings and contact details. */
export function fullNoticeText(notice: Notice): string[] {
  const texts: string[] = [];
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      for (const block of section.body) if (isProse(block)) texts.push(...blockText(block));
      visit(section.sections);
    }
  };
  visit(notice.sections);
  return texts;
}

function isProse(block: Block): boolean {
  return block.type !== 'contact' && block.type !== 'address';
}

/** The easy read's sentences, in order, as plain text. */
export function easyReadText(notice: Notice): string[] {
  return (notice.easyRead?.sections ?? []).flatMap((section) => section.items.flatMap((item) => item.text.map(plainText)));
}

/** The texts a notice's rows are counted from: its full text, then its easy read's when it has one. */
export function readabilityTexts(notice: Notice): string[][] {
  return notice.easyRead ? [fullNoticeText(notice), easyReadText(notice)] : [fullNoticeText(notice)];
}

/** A notice's rows from the figures of its readabilityTexts() (counted here, or on another thread). */
export function readabilityRows(notice: Notice, figures: readonly ReadabilityFigures[]): ReadabilityRow[] {
  const about = { notice: notice.id, title: plainText(notice.title), source: notice.source };
  const rows: ReadabilityRow[] = [{ ...about, version: 'full', url: notice.url, ...figures[0]! }];
  if (notice.easyRead) rows.push({ ...about, version: 'easy read', url: `${notice.url}easy-read/`, ...figures[1]! });
  return rows;
}

/** One row per published notice for the full text, and one for its easy read when it has one. */
export function readabilityReport(site: Pick<Site, 'published'>): ReadabilityRow[] {
  return site.published.flatMap((notice) => readabilityRows(notice, readabilityTexts(notice).map(readability)));
}

/** The rows as a text table for the build log, with a line saying how to read it. */
export function formatReadability(rows: readonly ReadabilityRow[]): string[] {
  const header = ['notice', 'version', 'Flesch', 'words/sentence', 'over 15 words', 'sentences'];
  const cells = rows.map((r) => [
    r.notice,
    r.version,
    r.fleschReadingEase.toFixed(1),
    r.averageSentenceLength.toFixed(1),
    `${Math.round(r.longSentenceShare * 100)}%`,
    String(r.sentences),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [
    'Readability (Flesch reading ease: higher is easier, 60+ is plain English; easy read aims for sentences of 15 words or fewer)',
    line(header),
    ...cells.map(line),
  ];
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** Writes the rows as JSON (e.g. reports/readability.json), creating the folder; returns the rows. */
export async function writeReadabilityReport(site: Pick<Site, 'published'>, file: string): Promise<ReadabilityRow[]> {
  const rows = readabilityReport(site);
  await writeJsonAtomic(file, rows);
  return rows;
}
