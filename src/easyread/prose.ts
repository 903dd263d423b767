/**
 * Prose analysis for the easy-read checks and the readability figures, done by retext:
 * retext-english splits text into sentences and words (it keeps "e.g.", emails and web addresses
 * whole), retext-passive finds the passive voice with irregular verbs ("is kept", "was told"), and
 * retext-pos tags parts of speech so that the passive voice with regular verbs ("is shared",
 * "was collected": a form of "be", then a past participle) is found too, which retext-passive's
 * word list leaves out.
 */
import type { Paragraph, Root, Sentence as SentenceNode, Word as WordNode } from 'nlcst';
import { toString } from 'nlcst-to-string';
import retextEnglish from 'retext-english';
import retextPassive from 'retext-passive';
import retextPos from 'retext-pos';
import { unified } from 'unified';
import { VFile } from 'vfile';

export interface Word {
  /** As written, e.g. "data.protection@kent.gov.uk" or "face-to-face". */
  text: string;
  /** Offsets in the analysed text. */
  start: number;
  end: number;
}

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
/** Only the English parser: sentences and words, without the passive-voice search and tagging (readability needs no more). */
const parser = unified().use(retextEnglish).freeze();

/**
 * Texts analysed so far in this process and their sentences: the easy-read checks and the
 * readability figures read the same easy-read lines, and a watch or a second build reads them
 * again. Bounded, so a large site does not keep every sentence.
 */
const analysed = new Map<string, Sentence[]>();
const MAX_REMEMBERED = 20_000;

const BE = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", '’s']);

interface Tagged {
  node: WordNode;
  text: string;
  tag: string;
  start: number;
  end: number;
}

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

/**
 * The words of each sentence of a plain text (sentences without words left out), exactly as
 * sentences() counts them, but without looking for the passive voice: the part the readability
 * figures need, at a fraction of the cost.
 */
export function sentenceWords(text: string): Word[][] {
  const known = analysed.get(text);
  if (known) return known.map((sentence) => sentence.words);
  const tree = parser.parse(new VFile(text)) as Root;
  const result: Word[][] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const sentence of (paragraph as Paragraph).children) {
      if (sentence.type !== 'SentenceNode') continue;
      const words = wordsOf(sentence, text).words;
      if (words.length > 0) result.push(words);
    }
  }
  return result;
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

function offsets(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** Words as readers count them, and the words as retext tagged them. */
function wordsOf(sentence: SentenceNode, text: string): { words: Word[]; tagged: Tagged[] } {
  // Words as readers count them: children between white space, joined (an email address is one word).
  const words: Word[] = [];
  let run: { start: number; end: number; hasWord: boolean } | undefined;
  const close = () => {
    if (run && run.hasWord) {
      const raw = text.slice(run.start, run.end);
      // Trim punctuation that belongs to the sentence, not the word ("(DfE)" -> "DfE").
      const lead = /^[("'“‘[]*/.exec(raw)![0].length;
      const trail = /[)"'”’\].,;:!?]*$/.exec(raw.slice(lead))![0].length;
      words.push({ text: raw.slice(lead, raw.length - trail), start: run.start + lead, end: run.end - trail });
    }
    run = undefined;
  };
  const tagged: Tagged[] = [];
  for (const child of sentence.children) {
    const [childStart, childEnd] = offsets(child);
    if (child.type === 'WhiteSpaceNode') {
      close();
      continue;
    }
    if (!run) run = { start: childStart, end: childEnd, hasWord: false };
    run.end = childEnd;
    if (child.type === 'WordNode') {
      const value = toString(child);
      if (/[\p{L}\p{N}]/u.test(value)) run.hasWord = true;
      const tag = (child.data as { partOfSpeech?: string } | undefined)?.partOfSpeech ?? '';
      tagged.push({ node: child, text: value, tag, start: childStart, end: childEnd });
    }
  }
  close();
  return { words, tagged };
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
