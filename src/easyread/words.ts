/**
 * Sentences and words as readers count them, by retext-english alone (it keeps "e.g.", emails and
 * web addresses whole): all the readability figures need. The easy-read checks (prose.ts) add the
 * passive-voice search and part-of-speech tagging on the same words; those are kept out of this
 * module because retext-pos's word list takes a fifth of a second to load, which a build that
 * checks nothing on this thread should not pay.
 */
import type { Paragraph, Root, Sentence as SentenceNode, Word as WordNode } from 'nlcst';
import { toString } from 'nlcst-to-string';
import retextEnglish from 'retext-english';
import { unified } from 'unified';
import { VFile } from 'vfile';

/** The most words a sentence of an easy read may have. */
export const MAX_SENTENCE_WORDS = 15;

export interface Word {
  /** As written, e.g. "data.protection@kent.gov.uk" or "face-to-face". */
  text: string;
  /** Offsets in the analysed text. */
  start: number;
  end: number;
}

export interface Tagged {
  node: WordNode;
  text: string;
  tag: string;
  start: number;
  end: number;
}

/** Only the English parser: sentences and words, without the passive-voice search and tagging. */
const parser = unified().use(retextEnglish).freeze();

/**
 * The words of each sentence of a plain text (sentences without words left out), exactly as
 * sentences() in prose.ts counts them, but without looking for the passive voice: the part the
 * readability figures need, at a fraction of the cost.
 */
export function sentenceWords(text: string): Word[][] {
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

/** Where a node starts and ends in the analysed text. */
export function offsets(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** Words as readers count them, and the words as retext tagged them (tags only when retext-pos ran). */
export function wordsOf(sentence: SentenceNode, text: string): { words: Word[]; tagged: Tagged[] } {
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
