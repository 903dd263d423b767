/**
 * The easy-read checks. They run when a notice is loaded, on its validated easyRead part, and
 * report each problem where it is in the YAML (file, line, column, path), naming the offending
 * words and saying what to do:
 *
 * - sentence-length: a sentence of more than 15 words;
 * - passive-voice: "is shared", "was kept" (say who does it: "we share");
 * - acronym: initials or capitals (DfE, KCC, UK GDPR, NHS) that the item does not spell out;
 * - word-list-bold: a word-list word that is not in bold, or a bold word that is not in the word list;
 * - picture: a picture without alt text that is not marked decorative (an item without a picture
 *   fails schema validation; an unknown picture key or a missing SVG cannot be relaxed);
 * - italics: easy read does not use italics.
 *
 * An item may relax a rule with a written reason (relax: [{rule, reason}]): its problems under that
 * rule are then not errors, and the build lists the relaxed rule instead. Other problems (an
 * unknown picture key, a line holding two sentences, a relaxed rule the item keeps anyway) cannot
 * be relaxed.
 */
import { closest, didYouMean, editDistance, formatPath, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import { diagnosticAt, valueAt } from '../load/validate.js';
import type { YamlSource } from '../load/yaml-source.js';
import { EASY_READ_RULES, type EasyReadData, type EasyReadItemData, type EasyReadRule } from '../model/schema.js';
import { textRuns } from '../text/markdown.js';
import { pictureLibrary, type PictureLibrary } from './pictures.js';
import { sentences } from './prose.js';

/** The most words a sentence may have. */
export const MAX_SENTENCE_WORDS = 15;

export interface RelaxedRule {
  file: string;
  line: number;
  column: number;
  /** The item, e.g. "easyRead.sections[1].items[2]". */
  path: string;
  rule: EasyReadRule;
  reason: string;
  /** The problems the relaxation lets through, as messages. */
  covers: string[];
}

export interface EasyReadCheck {
  /** Errors and warnings, positioned at the offending item or sentence. */
  diagnostics: Diagnostic[];
  /** Rules relaxed by an item with a reason: not errors, but the build lists them. */
  relaxed: RelaxedRule[];
}

export interface CheckOptions {
  /** Where pictures are looked up. Default: the project in the current folder. */
  library?: PictureLibrary;
}

/** A problem before relaxations are applied. `rule` undefined: it cannot be relaxed. */
interface Finding {
  rule?: EasyReadRule;
  severity: Diagnostic['severity'];
  path: PathSegment[];
  /** Text to look for in the YAML after the path's position, to point at the offending words. */
  needle?: string;
  message: string;
  hint?: string;
}

/** Common initials in these notices and what they stand for (for hints only). */
const KNOWN_INITIALS: Record<string, string> = {
  DFE: 'Department for Education',
  KCC: 'Kent County Council',
  NHS: 'National Health Service',
  ICO: "Information Commissioner's Office",
  UK: 'United Kingdom',
  GDPR: 'General Data Protection Regulation',
  DPA: 'Data Protection Act',
  LA: 'local authority',
  CYP: 'children and young people',
  NEET: 'not in education, employment or training',
  DWP: 'Department for Work and Pensions',
  HMIP: "His Majesty's Inspectorate of Probation",
  KMCR: 'Kent and Medway Care Record',
  SEN: 'special educational needs',
};

/** Small words that initials may or may not include ("Department for Education" is DfE). */
const SMALL_WORDS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'to', 'at', 'by', '&']);

export function checkEasyRead(easyRead: EasyReadData, source: YamlSource, organisationId: string, options: CheckOptions = {}): EasyReadCheck {
  const library = options.library ?? pictureLibrary();
  const findings: Finding[] = [];
  const relaxed: RelaxedRule[] = [];
  const diagnostics: Diagnostic[] = [];
  const base: PathSegment[] = ['easyRead'];
  const words = (easyRead.words ?? []).map((entry, index) => ({ ...entry, index, pattern: wordPattern(entry.word) }));
  const used = new Set<number>();

  if (easyRead.title) findings.push(...initialsIn(easyRead.title, [easyRead.title], [...base, 'title']));

  easyRead.sections.forEach((section, s) => {
    const sectionPath = [...base, 'sections', s];
    findings.push(...initialsIn(section.heading, [section.heading], [...sectionPath, 'heading']));
    section.items.forEach((item, i) => {
      const itemPath = [...sectionPath, 'items', i];
      const itemFindings = checkItem(item, itemPath, organisationId, library, words, used);
      diagnostics.push(...applyRelaxations(item, itemPath, itemFindings, source, relaxed));
    });
  });

  // The word list: each word once, each used, each meaning easy to read.
  const seen = new Map<string, number>();
  words.forEach((entry) => {
    const at = [...base, 'words', entry.index];
    const key = entry.word.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      findings.push({ severity: 'error', path: [...at, 'word'], message: `"${entry.word}" is already in the word list (words[${first}]).`, hint: 'Keep one entry for each word.' });
    } else seen.set(key, entry.index);
    if (!used.has(entry.index)) {
      findings.push({
        severity: 'warning',
        path: [...at, 'word'],
        message: `"${entry.word}" is in the word list but no item uses it.`,
        hint: 'Remove it from the word list, or use it (in bold) where it helps.',
      });
    }
    findings.push(...proseFindings(entry.meaning, [entry.meaning], [...at, 'meaning'], false));
  });

  diagnostics.push(...findings.map((f) => toDiagnostic(f, source)));
  // In reading order, as a writer fixes them.
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { diagnostics, relaxed };
}

/** Diagnostics for the load stage: the problems, then each relaxed rule as a warning so the build lists it. */
export function easyReadDiagnostics(check: EasyReadCheck): Diagnostic[] {
  return [
    ...check.diagnostics,
    ...check.relaxed.map((r): Diagnostic => ({
      severity: 'warning',
      file: r.file,
      line: r.line,
      column: r.column,
      path: r.path,
      message: `relaxed: ${r.rule} — ${r.reason}`,
      hint: r.covers.length ? `Relaxed for: ${r.covers.join(' ')}` : undefined,
    })),
  ];
}

/** "relaxed: content/kent/early-help.yaml:212 sentence-length — the name of the law is 16 words long" */
export function formatRelaxed(r: RelaxedRule): string {
  return `relaxed: ${r.file}:${r.line} ${r.rule} — ${r.reason}`;
}

// --- One item -------------------------------------------------------------------------------------

interface WordEntry {
  word: string;
  index: number;
  pattern: RegExp;
}

function checkItem(item: EasyReadItemData, at: PathSegment[], organisationId: string, library: PictureLibrary, words: WordEntry[], used: Set<number>): Finding[] {
  const findings: Finding[] = [];

  // The picture and its text alternative.
  const entry = library.entry(item.picture, organisationId);
  if (!entry) {
    const keys = library.keys(organisationId);
    const near = closest(item.picture, keys, 3);
    const nearest = near.length ? near : nearestKeys(item.picture, keys, 3);
    findings.push({
      severity: 'error',
      path: [...at, 'picture'],
      needle: item.picture,
      message: `there is no picture '${item.picture}'.`,
      hint: `${didYouMean(item.picture, keys) ?? `The closest keys are ${nearest.map((k) => `'${k}'`).join(', ')}.`} Pictures are listed in data/pictures.yaml; an organisation's own are SVG files in data/pictures/${organisationId}/.`,
    });
    for (const problem of library.problems(organisationId).filter((d) => d.severity === 'error')) {
      findings.push({ severity: 'error', path: [...at, 'picture'], message: `the pictures cannot all be read: ${problem.file}:${problem.line} ${problem.message}`, hint: problem.hint });
    }
  } else if (!library.svg(entry.svg)) {
    findings.push({
      severity: 'error',
      path: [...at, 'picture'],
      needle: item.picture,
      message: `the picture '${item.picture}' (${entry.definedAt}) cannot be used: its file ${entry.file} is missing or is not an SVG.`,
      hint: entry.origin === 'shared' ? 'Check the hexcode in data/pictures.yaml against node_modules/openmoji/data/openmoji.json, and that npm install has run.' : 'Replace the file with a valid SVG.',
    });
  }
  const hasAlt = item.alt !== undefined;
  if (hasAlt && item.decorative === true) {
    findings.push({
      severity: 'error',
      path: [...at, 'decorative'],
      message: 'this picture has alt text and is also marked decorative.',
      hint: 'Keep alt: when the picture means something here; keep decorative: true (and remove alt) when it only repeats the words.',
    });
  } else if (!hasAlt && item.decorative !== true) {
    findings.push({
      rule: 'picture',
      severity: 'error',
      path: [...at, 'picture'],
      needle: item.picture,
      message: `the picture '${item.picture}' has no alt text.`,
      hint: 'Add alt: saying what the picture shows here, or decorative: true when the words already say it all.',
    });
  }
  if (hasAlt) {
    if (/^\s*(a |an |the )?(picture|image|photo|icon|graphic|pictogram) (of|showing)\b/i.test(item.alt!)) {
      findings.push({
        severity: 'warning',
        path: [...at, 'alt'],
        needle: item.alt!.split(/\s+/).slice(0, 3).join(' '),
        message: `the alt text starts "${item.alt!.split(/\s+/).slice(0, 3).join(' ')}": screen readers already say it is a picture.`,
        hint: 'Say what it shows, e.g. "A telephone".',
      });
    }
    findings.push(...initialsIn(item.alt!, [...item.text, item.alt!], [...at, 'alt']));
  }

  // The sentences.
  item.text.forEach((line, t) => {
    const linePath = [...at, 'text', t];
    findings.push(...proseFindings(line, item.text, linePath, true));
    findings.push(...boldFindings(line, linePath, words, used));
  });
  return findings;
}

/** Sentence length, passive voice, initials and italics in one line of inline Markdown. */
function proseFindings(line: string, itemTexts: readonly string[], at: PathSegment[], oneSentence: boolean): Finding[] {
  const findings: Finding[] = [];
  const runs = textRuns(line);
  const plain = runs.map((r) => r.text).join('');
  const found = sentences(plain);
  if (oneSentence && found.length > 1) {
    findings.push({
      severity: 'error',
      path: at,
      needle: found[1]!.words[0]?.text,
      message: `this line holds ${found.length} sentences: "${found.map((s) => s.text).join('" / "')}".`,
      hint: 'Write one sentence per line (an item has up to three lines). If the idea needs more, make another item.',
    });
  }
  for (const sentence of found) {
    if (sentence.words.length > MAX_SENTENCE_WORDS) {
      findings.push({
        rule: 'sentence-length',
        severity: 'error',
        path: at,
        needle: sentence.words.slice(0, 2).map((w) => w.text).join(' '),
        message: `this sentence has ${sentence.words.length} words; easy read allows ${MAX_SENTENCE_WORDS}: "${sentence.text}"`,
        hint: `Split it into two sentences, or cut words: the ${ordinal(MAX_SENTENCE_WORDS + 1)} word is "${sentence.words[MAX_SENTENCE_WORDS]!.text}".`,
      });
    }
    for (const passive of sentence.passive) {
      findings.push({
        rule: 'passive-voice',
        severity: 'error',
        path: at,
        needle: passive.phrase,
        message: `passive voice "${passive.phrase}" in: "${sentence.text}"`,
        hint: 'Say who does it, as "we" or "you" or by name: "We keep your information safe", not "Your information is kept safe".',
      });
    }
  }
  findings.push(...initialsIn(plain, itemTexts.map((t) => plainOf(t)), at));
  for (const run of runs) {
    if (run.italic && run.text.trim()) {
      findings.push({
        rule: 'italics',
        severity: 'error',
        path: at,
        needle: run.text.trim(),
        message: `"${run.text.trim()}" is in italics.`,
        hint: 'Easy read uses no italics: remove the * or _ around it. Hard words go in **bold** and in the word list.',
      });
    }
  }
  return findings;
}

/** Word-list words must be in bold wherever they are used, and bold is only for word-list words. */
function boldFindings(line: string, at: PathSegment[], words: WordEntry[], used: Set<number>): Finding[] {
  const findings: Finding[] = [];
  const runs = textRuns(line);
  const plain = runs.map((r) => r.text).join('');
  const bold: [number, number][] = [];
  let offset = 0;
  for (const run of runs) {
    if (run.bold) {
      const last = bold[bold.length - 1];
      if (last && last[1] === offset) last[1] = offset + run.text.length;
      else bold.push([offset, offset + run.text.length]);
    }
    offset += run.text.length;
  }
  for (const entry of words) {
    entry.pattern.lastIndex = 0;
    for (const match of plain.matchAll(entry.pattern)) {
      used.add(entry.index);
      const start = match.index;
      const end = start + match[0].length;
      if (!bold.some(([from, to]) => from <= start && end <= to)) {
        findings.push({
          rule: 'word-list-bold',
          severity: 'error',
          path: at,
          needle: match[0],
          message: `"${match[0]}" is in the word list but is not in bold here.`,
          hint: `Write it as **${match[0]}**, so readers know to look it up.`,
        });
      }
    }
  }
  for (const [from, to] of bold) {
    const text = plain.slice(from, to).trim();
    if (!text) continue;
    const known = words.some((entry) => {
      const pattern = new RegExp(`^(?:${entry.pattern.source})$`, 'iu');
      return pattern.test(text);
    });
    if (!known) {
      findings.push({
        rule: 'word-list-bold',
        severity: 'error',
        path: at,
        needle: text,
        message: `"${text}" is in bold but is not in the word list.`,
        hint: `Bold marks hard words: add "${text}" to the word list (easyRead.words) with what it means, or remove the bold.`,
      });
    }
  }
  return findings;
}

/** Initials or capitals in `text` that the item (`itemTexts`) does not spell out. */
function initialsIn(text: string, itemTexts: readonly string[], at: PathSegment[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const plain = plainOf(text);
  const itemWords = itemTexts.flatMap((t) => plainOf(t).split(/[^\p{L}'’&]+/u)).filter(Boolean);
  // Whole words of letters only: postcode parts such as ME14 or 1XQ are not initials.
  for (const match of plain.matchAll(/(?<![\p{L}\p{N}.@/_-])\p{L}+(?:[-&]\p{L}+)*(?:['’]s)?(?![\p{L}\p{N}@/_-]|\.[\p{L}\p{N}])/gu)) {
    const token = match[0].replace(/['’]s$/, '');
    if (!isInitials(token) || seen.has(token)) continue;
    seen.add(token);
    if (spelledOut(token, itemWords)) continue;
    const known = KNOWN_INITIALS[token.replace(/[^A-Za-z]/g, '').toUpperCase()];
    findings.push({
      rule: 'acronym',
      severity: 'error',
      path: at,
      needle: token,
      message: `"${token}" is initials or capitals, and this item does not spell it out.`,
      hint: known
        ? `Write "${known}" instead.`
        : 'Write the words in full (for example "Department for Education", not "DfE"). If the capitals are for emphasis, write the word in lower case.',
    });
  }
  return findings;
}

/**
 * DfE, KCC, NHS, UK, GDPR, CP-IS, or a word in capitals (NOT): two or more capital letters, which
 * are at least half its letters or stand side by side. A name written in camel case (OneView,
 * YouTube) is not initials.
 */
export function isInitials(token: string): boolean {
  const letters = token.replace(/[^\p{L}]/gu, '');
  const capitals = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (capitals < 2) return false;
  return capitals * 2 >= letters.length || /\p{Lu}\p{Lu}/u.test(token);
}

/**
 * True when the words contain a run whose first letters spell the initials: "Department for
 * Education" spells DfE, "United Kingdom General Data Protection Regulation" spells UK GDPR.
 * Small words (for, of, and, the …) may be in the initials or left out; other words must start
 * with a capital.
 */
export function spelledOut(initials: string, words: readonly string[]): boolean {
  const letters = initials.replace(/[^\p{L}]/gu, '').toLowerCase();
  if (letters.length < 2) return true;
  const matchFrom = (w: number, l: number): boolean => {
    if (l === letters.length) return true;
    const word = words[w];
    if (word === undefined) return false;
    const small = SMALL_WORDS.has(word.toLowerCase());
    if (word[0]!.toLowerCase() === letters[l] && (small || /^\p{Lu}/u.test(word)) && word !== initials) {
      if (matchFrom(w + 1, l + 1)) return true;
    }
    return small && l > 0 ? matchFrom(w + 1, l) : false;
  };
  for (let w = 0; w < words.length; w++) if (matchFrom(w, 0)) return true;
  return false;
}

/** Matches a word-list word or phrase, case-insensitively, with its plural or -ed forms. */
function wordPattern(word: string): RegExp {
  const escaped = word
    .trim()
    .split(/\s+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|es|'s|’s|d|ed)?(?![\\p{L}\\p{N}])`, 'giu');
}

function plainOf(text: string): string {
  return textRuns(text)
    .map((r) => r.text)
    .join('');
}

function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
}

/** The keys most like `value` even when none is near enough to be a typo: longest shared run of letters, then edit distance. */
export function nearestKeys(value: string, keys: readonly string[], max: number): string[] {
  const lower = value.toLowerCase();
  const score = (key: string) => longestCommonRun(lower, key.toLowerCase()) * 2 - editDistance(lower, key.toLowerCase()) / 2;
  return [...keys].sort((a, b) => score(b) - score(a) || a.localeCompare(b)).slice(0, max);
}

function longestCommonRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (a[i + n] !== undefined && a[i + n] === b[j + n]) n++;
      if (n > best) best = n;
    }
  }
  return best;
}

// --- Relaxations and positions ----------------------------------------------------------------------

function applyRelaxations(item: EasyReadItemData, at: PathSegment[], findings: Finding[], source: YamlSource, relaxed: RelaxedRule[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const relaxedRules = new Map<EasyReadRule, number>();
  (item.relax ?? []).forEach((entry, j) => {
    const relaxPath = [...at, 'relax', j];
    if (relaxedRules.has(entry.rule)) {
      out.push(diagnosticAt(source, [...relaxPath, 'rule'], 'error', `the rule '${entry.rule}' is already relaxed for this item (relax[${relaxedRules.get(entry.rule)}]).`, 'Relax each rule once, with one reason.'));
      return;
    }
    relaxedRules.set(entry.rule, j);
    const covered = findings.filter((f) => f.rule === entry.rule && f.severity === 'error');
    if (covered.length === 0) {
      out.push(
        diagnosticAt(
          source,
          [...relaxPath, 'rule'],
          'warning',
          `this item relaxes the rule '${entry.rule}', but it keeps that rule.`,
          `Remove this relax entry, so the rule protects the item again. Rules: ${EASY_READ_RULES.join(', ')}.`,
        ),
      );
      return;
    }
    const position = source.positionOf(relaxPath);
    relaxed.push({
      file: source.file,
      line: position.line,
      column: position.column,
      path: formatPath(at),
      rule: entry.rule,
      reason: entry.reason.trim(),
      covers: covered.map((f) => f.message),
    });
  });
  for (const finding of findings) {
    if (finding.rule && finding.severity === 'error' && relaxedRules.has(finding.rule)) continue;
    const d = toDiagnostic(finding, source);
    if (finding.rule && finding.severity === 'error') d.hint = `${d.hint ?? ''} To keep it, add to this item: relax: [{rule: ${finding.rule}, reason: "…why…"}].`.trim();
    out.push(d);
  }
  return out;
}

function toDiagnostic(finding: Finding, source: YamlSource): Diagnostic {
  const d = diagnosticAt(source, finding.path, finding.severity, finding.message, finding.hint);
  if (finding.needle) {
    const position = findAfter(source, finding.path, finding.needle);
    if (position) {
      d.line = position.line;
      d.column = position.column;
    }
  }
  return d;
}

/** Where `needle` is written in the value at `path` (plain text may differ from the YAML by ** and quotes). */
function findAfter(source: YamlSource, path: PathSegment[], needle: string): { line: number; column: number } | undefined {
  const start = source.positionOf(path);
  if (start.line <= 0) return undefined;
  const from = source.offsetOf(start);
  const raw = valueAt(source.data, path);
  const limit = from + (typeof raw === 'string' ? raw.length * 2 + 40 : 200);
  const window = source.text.slice(from, limit);
  const candidates = [needle, needle.split(/\s+/)[0]!].filter((n) => n.length > 0);
  for (const candidate of candidates) {
    const index = window.toLowerCase().indexOf(candidate.toLowerCase());
    if (index >= 0) {
      return source.positionAt(from + index);
    }
  }
  return undefined;
}

