/**
 * Prose analysis for the easy-read checks, done by retext: retext-english splits text into
 * sentences and words (words.ts, which the readability figures use alone), retext-passive finds the passive voice with irregular verbs ("is kept", "was told"), and
 * retext-pos tags parts of speech so that the passive voice with regular verbs ("is shared",
 * "was collected": a form of "be", then a past participle) is found too, which retext-passive's
 * word list leaves out.
 */
import type { Paragraph, Root, Sentence as SentenceNode } from 'nlcst';
import retextEnglish from 'retext-english';
import retextPassive from 'retext-passive';
import retextPos from 'retext-pos';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { offsets, wordsOf, type Tagged, type Word } from './words.js';

export interface PassiveUse {
  /** The words that make the passive, e.g. "is shared" or "are not kept". */
  phrase: string;
  start: number;
  end: number;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Words as a reader counts them: runs of text between spaces that hold a letter or digit. */
  words: Word[];
  passive: PassiveUse[];
}

const processor = unified().use(retextEnglish).use(retextPassive).use(retextPos).freeze();

/**
 * Texts analysed so far in this process and their sentences: the checks read the same easy-read
 * lines more than once, and a watch or a second build reads them again. Bounded, so a large site
 * does not keep every sentence.
 */
const analysed = new Map<string, Sentence[]>();
const MAX_REMEMBERED = 20_000;

const BE = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", '’s']);

/** The sentences of a plain text, with their words and any passive voice. */
export function sentences(text: string): Sentence[] {
  const known = analysed.get(text);
  if (known) return known;
  const result = analyse(text);
  if (analysed.size >= MAX_REMEMBERED) analysed.clear();
  analysed.set(text, result);
  return result;
}

/** Forgets the texts analysed so far (the build calls it once the easy-read stage is over, to free memory). */
export function forgetAnalysed(): void {
  analysed.clear();
}

function analyse(text: string): Sentence[] {
  const file = new VFile(text);
  const tree = processor.parse(file) as Root;
  processor.runSync(tree, file);
  const passiveMessages = file.messages
    .filter((m) => m.source === 'retext-passive' && m.place && 'start' in m.place)
    .map((m) => {
      const place = m.place as { start: { offset?: number }; end: { offset?: number } };
      return { start: place.start.offset ?? 0, end: place.end.offset ?? 0 };
    });

  const result: Sentence[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const sentence of (paragraph as Paragraph).children) {
      if (sentence.type !== 'SentenceNode') continue;
      const analysed = analyseSentence(sentence, text, passiveMessages);
      if (analysed.words.length > 0) result.push(analysed);
    }
  }
  return result;
}

function analyseSentence(sentence: SentenceNode, text: string, passiveMessages: { start: number; end: number }[]): Sentence {
  const [start, end] = offsets(sentence);
  const { words, tagged } = wordsOf(sentence, text);

  const passive: PassiveUse[] = [];
  const add = (from: number, to: number) => {
    if (passive.some((p) => p.end === to)) return;
    passive.push({ phrase: text.slice(from, to), start: from, end: to });
  };
  // retext-passive: a form of "be" then an irregular participle from its list. It reports the participle.
  for (const message of passiveMessages) {
    if (message.start < start || message.end > end) continue;
    const index = tagged.findIndex((w) => w.start === message.start);
    const be = index > 0 ? beBefore(tagged, index) : undefined;
    add(be ?? message.start, message.end);
  }
  // retext-pos: a form of "be", any adverbs ("not", "securely"), then a past participle (VBN).
  tagged.forEach((word, index) => {
    if (word.tag !== 'VBN' || /^(been|being)$/i.test(word.text)) return;
    const be = beBefore(tagged, index);
    if (be !== undefined) add(be, word.end);
  });
  passive.sort((a, b) => a.start - b.start);
  return { text: text.slice(start, end), start, end, words, passive };
}

/** The start of the form of "be" that governs the word at `index`, skipping adverbs; undefined if none. */
function beBefore(tagged: Tagged[], index: number): number | undefined {
  for (let i = index - 1; i >= 0 && i >= index - 3; i--) {
    const word = tagged[i]!;
    if (BE.has(word.text.toLowerCase())) return word.start;
    if (!word.tag.startsWith('RB')) return undefined;
  }
  return undefined;
}
