/**
 * Messages of the easy-read checks (src/easyread/check.ts). The codes of the rules an item may
 * relax (relax: [{rule, reason}]) are the rule names themselves: sentence-length, passive-voice,
 * acronym, word-list-bold, picture (as picture-no-alt) and italics.
 */
import { define } from '../define.js';

const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

export const easyReadMessages = {
  'sentence-too-long': define<{ words: number; max: number; sentence: string; firstExtraWord: string }>({
    severity: 'error',
    summary: 'An easy-read sentence has more than 15 words (rule sentence-length).',
    message: (p) => `this sentence has ${p.words} words; easy read allows ${p.max}: "${p.sentence}"`,
    hint: (p) => `Split it into two sentences, or cut words: the ${ordinal(p.max + 1)} word is "${p.firstExtraWord}".`,
    example: {
      words: 17,
      max: 15,
      sentence: 'We share information about you with schools and health services when the law says we must.',
      firstExtraWord: 'says',
    },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 212, column: 15, path: 'easyRead.sections[1].items[2].text[0]' },
  }),
  'passive-voice': define<{ phrase: string; sentence: string }>({
    severity: 'error',
    summary: 'An easy-read sentence uses the passive voice (rule passive-voice).',
    message: (p) => `passive voice "${p.phrase}" in: "${p.sentence}"`,
    hint: () => 'Say who does it, as "we" or "you" or by name: "We keep your information safe", not "Your information is kept safe".',
    example: { phrase: 'is kept', sentence: 'Your information is kept by the council.' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 230, column: 30, path: 'easyRead.sections[2].items[0].text[1]' },
  }),
  'unexplained-initials': define<{ token: string; meaning?: string }>({
    severity: 'error',
    summary: 'Easy-read text uses initials or capitals that the item does not spell out (rule acronym).',
    message: (p) => `"${p.token}" is initials or capitals, and this item does not spell it out.`,
    hint: (p) =>
      p.meaning
        ? `Write "${p.meaning}" instead.`
        : 'Write the words in full (for example "Department for Education", not "DfE"). If the capitals are for emphasis, write the word in lower case.',
    example: { token: 'KCC', meaning: 'Kent County Council' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 198, column: 22, path: 'easyRead.sections[0].items[1].text[0]' },
  }),
  'word-not-bold': define<{ word: string }>({
    severity: 'error',
    summary: 'A word from the word list is used without bold (rule word-list-bold).',
    message: (p) => `"${p.word}" is in the word list but is not in bold here.`,
    hint: (p) => `Write it as **${p.word}**, so readers know to look it up.`,
    example: { word: 'consent' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 241, column: 28, path: 'easyRead.sections[2].items[3].text[0]' },
  }),
  'bold-not-in-word-list': define<{ text: string }>({
    severity: 'error',
    summary: 'Bold text that is not in the word list (rule word-list-bold): easy read keeps bold for hard words.',
    message: (p) => `"${p.text}" is in bold but is not in the word list.`,
    hint: (p) => `Bold marks hard words: add "${p.text}" to the word list (easyRead.words) with what it means, or remove the bold.`,
    example: { text: 'personal data' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 244, column: 17, path: 'easyRead.sections[2].items[4].text[1]' },
  }),
  'picture-no-alt': define<{ key: string }>({
    severity: 'error',
    summary: 'An easy-read picture has no alt text and is not marked decorative (rule picture).',
    message: (p) => `the picture '${p.key}' has no alt text.`,
    hint: () => 'Add alt: saying what the picture shows here, or decorative: true when the words already say it all.',
    example: { key: 'phone' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 202, column: 20, path: 'easyRead.sections[0].items[2].picture' },
  }),
  italics: define<{ text: string }>({
    severity: 'error',
    summary: 'Easy-read text uses italics (rule italics).',
    message: (p) => `"${p.text}" is in italics.`,
    hint: () => 'Easy read uses no italics: remove the * or _ around it. Hard words go in **bold** and in the word list.',
    example: { text: 'must' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 251, column: 25, path: 'easyRead.sections[3].items[0].text[2]' },
  }),
  'several-sentences': define<{ sentences: string[] }>({
    severity: 'error',
    summary: 'One line of an easy-read item holds more than one sentence.',
    message: (p) => `this line holds ${p.sentences.length} sentences: "${p.sentences.join('" / "')}".`,
    hint: () => 'Write one sentence per line (an item has up to three lines). If the idea needs more, make another item.',
    example: { sentences: ['We are Kent County Council.', 'We keep your information safe.'] },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 188, column: 42, path: 'easyRead.sections[0].items[0].text[0]' },
  }),
  'unknown-picture': define<{ key: string; suggestion?: string; nearest: string[]; organisationId: string }>({
    severity: 'error',
    summary: 'An easy-read item names a picture key that neither data/pictures.yaml nor the organisation has.',
    message: (p) => `there is no picture '${p.key}'.`,
    hint: (p) =>
      `${p.suggestion ?? (p.nearest.length ? `The closest keys are ${p.nearest.map((k) => `'${k}'`).join(', ')}.` : 'No picture keys are defined yet.')} Pictures are listed in data/pictures.yaml; an organisation's own are SVG files in data/pictures/${p.organisationId}/.`,
    example: { key: 'phnoe', suggestion: "Did you mean 'phone'?", nearest: ['phone'], organisationId: 'kent-county-council' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 186, column: 20, path: 'easyRead.sections[0].items[0].picture' },
  }),
  'picture-unusable': define<{ key: string; definedAt: string; file: string; shared: boolean }>({
    severity: 'error',
    summary: "A picture key is known but its SVG file is missing or is not an SVG.",
    message: (p) => `the picture '${p.key}' (${p.definedAt}) cannot be used: its file ${p.file} is missing or is not an SVG.`,
    hint: (p) =>
      p.shared ? 'Check the hexcode in data/pictures.yaml against node_modules/openmoji/data/openmoji.json, and that npm install has run.' : 'Replace the file with a valid SVG.',
    example: { key: 'town-hall', definedAt: 'data/pictures/kent-county-council/town-hall.svg', file: 'data/pictures/kent-county-council/town-hall.svg', shared: false },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 186, column: 20, path: 'easyRead.sections[0].items[0].picture' },
  }),
  'alt-and-decorative': define({
    severity: 'error',
    summary: 'An easy-read picture has alt text and is also marked decorative.',
    message: () => 'this picture has alt text and is also marked decorative.',
    hint: () => 'Keep alt: when the picture means something here; keep decorative: true (and remove alt) when it only repeats the words.',
    example: {},
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 206, column: 11, path: 'easyRead.sections[1].items[0].decorative' },
  }),
  'alt-says-picture': define<{ start: string }>({
    severity: 'warning',
    summary: 'Alt text starts by saying it is a picture, which screen readers say already.',
    message: (p) => `the alt text starts "${p.start}": screen readers already say it is a picture.`,
    hint: () => 'Say what it shows, e.g. "A telephone".',
    example: { start: 'A picture of' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 187, column: 16, path: 'easyRead.sections[0].items[0].alt' },
  }),
  'duplicate-word': define<{ word: string; first: number }>({
    severity: 'error',
    summary: 'A word is in the easy-read word list twice.',
    message: (p) => `"${p.word}" is already in the word list (words[${p.first}]).`,
    hint: () => 'Keep one entry for each word.',
    example: { word: 'consent', first: 0 },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 280, column: 13, path: 'easyRead.words[4].word' },
  }),
  'unused-word': define<{ word: string }>({
    severity: 'warning',
    summary: 'A word-list word is not used by any easy-read item.',
    message: (p) => `"${p.word}" is in the word list but no item uses it.`,
    hint: () => 'Remove it from the word list, or use it (in bold) where it helps.',
    example: { word: 'consent' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 272, column: 13, path: 'easyRead.words[1].word' },
  }),
  'rule-relaxed-twice': define<{ rule: string; first: number }>({
    severity: 'error',
    summary: 'An easy-read item relaxes the same rule twice.',
    message: (p) => `the rule '${p.rule}' is already relaxed for this item (relax[${p.first}]).`,
    hint: () => 'Relax each rule once, with one reason.',
    example: { rule: 'sentence-length', first: 0 },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 216, column: 21, path: 'easyRead.sections[1].items[2].relax[1].rule' },
  }),
  'relax-not-needed': define<{ rule: string; rules: string[] }>({
    severity: 'warning',
    summary: 'An easy-read item relaxes a rule that it keeps anyway.',
    message: (p) => `this item relaxes the rule '${p.rule}', but it keeps that rule.`,
    hint: (p) => `Remove this relax entry, so the rule protects the item again. Rules: ${p.rules.join(', ')}.`,
    example: { rule: 'passive-voice', rules: ['sentence-length', 'passive-voice', 'acronym', 'word-list-bold', 'picture', 'italics'] },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 215, column: 21, path: 'easyRead.sections[1].items[2].relax[0].rule' },
  }),
  'rule-relaxed': define<{ rule: string; reason: string; covers: string[] }>({
    severity: 'warning',
    summary: 'An easy-read item breaks a rule on purpose, with a written reason: the build lists it for review.',
    message: (p) => `relaxed: ${p.rule} — ${p.reason}`,
    hint: (p) => (p.covers.length ? `Relaxed for: ${p.covers.join(' ')}` : undefined),
    example: { rule: 'sentence-length', reason: 'The name of the law is eleven words long.', covers: ['this sentence has 16 words; easy read allows 15: "…"'] },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 215, column: 15, path: 'easyRead.sections[1].items[2]' },
  }),
};
