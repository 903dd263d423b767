/**
 * The easy-read checks: a build stage of their own, run on what the load stage read
 * (checkEasyReads). They report each problem where it is in the YAML (file, line, column, path),
 * naming the offending words and saying what to do:
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
import { catalogue, diagnostic, type Code, type ParamsOf } from '../diagnostics/catalogue.js';
import { closest, didYouMean, editDistance, formatPath, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import type { LoadedNotice, LoadResult } from '../load/load-site.js';
import { pictureSize } from '../load/pictures.js';
import { diagnosticAt, valueAt } from '../load/validate.js';
import type { YamlSource } from '../load/yaml-source.js';
import { findPicture, isBrokenSharedKey, pictureKeysFor, type Pictures } from '../model/pictures.js';
import { EASY_READ_RULES, type EasyReadData, type EasyReadHelpRule, type EasyReadItemData, type EasyReadRule } from '../model/schema.js';
import type { Organisation } from '../model/notice.js';
import { isUsable } from '../text/contact.js';
import { textRuns as parseRuns, type TextRun } from '../text/markdown.js';
import { escapeRegExp } from '../text/regexp.js';
import { forgetAnalysed, sentences } from './prose.js';
import { organisationInitials } from './organisation-initials.js';
import { MAX_SENTENCE_WORDS } from './words.js';

export interface RelaxedRule {
  file: string;
  line: number;
  column: number;
  /** The item, e.g. "easyRead.sections[1].items[2]". */
  path: string;
  rule: EasyReadRule | EasyReadHelpRule;
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
  /** The picture library the keys are looked up in (the load stage's `pictures`). */
  pictures: Pictures;
  /**
   * Initials the organisation's notices use and what they stand for (its `initials` and its
   * shortName in data/organisations.yaml), for hints.
   */
  initials?: Readonly<Record<string, string>>;
}

/** A problem before relaxations are applied. `rule` undefined: it cannot be relaxed. */
interface Finding<C extends Code = Code> {
  rule?: EasyReadRule;
  code: C;
  params: ParamsOf<C>;
  path: PathSegment[];
  /** Text to look for in the YAML after the path's position, to point at the offending words. */
  needle?: string;
}

function finding<C extends Code>(code: C, params: ParamsOf<C>, path: PathSegment[], extra: { rule?: EasyReadRule; needle?: string } = {}): Finding {
  return { code, params, path, ...extra } as Finding;
}

/**
 * Initials that notices of any organisation use, and what they stand for (for hints only). An
 * organisation's own initials are in data/organisations.yaml (`initials`, and its `shortName`).
 */
const COMMON_INITIALS: Readonly<Record<string, string>> = {
  DFE: 'Department for Education',
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
  SEN: 'special educational needs',
};

/** Small words that initials may or may not include ("Department for Education" is DfE). */
const SMALL_WORDS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'to', 'at', 'by', '&']);

/** The easy-read stage: checks the easy-read part of every notice the load stage read. */
export function checkEasyReads(loaded: Pick<LoadResult, 'notices' | 'pictures'> & Partial<Pick<LoadResult, 'organisations'>>): EasyReadCheck {
  const result: EasyReadCheck = { diagnostics: [], relaxed: [] };
  for (const notice of loaded.notices) {
    if (!notice.easyRead) continue;
    const found = noticeEasyReadFindings({ ...notice, easyRead: notice.easyRead }, loaded.pictures, loaded.organisations);
    result.diagnostics.push(...found.diagnostics);
    result.relaxed.push(...found.relaxed);
  }
  return result;
}

/**
 * Everything the easy-read stage reports for one notice, in order: its checks and relaxed rules,
 * its dates, and (given the organisations) its help and contacts. What it reads: the notice's
 * file, the picture library and the organisations.
 */
export function noticeEasyReadFindings(notice: LoadedNotice & { easyRead: EasyReadData }, pictures: Pictures, organisations?: LoadResult['organisations']): EasyReadCheck {
  const check = checkNoticeEasyRead(notice, pictures);
  const result: EasyReadCheck = { diagnostics: easyReadDiagnostics(check), relaxed: [...check.relaxed] };
  result.diagnostics.push(...checkEasyReadDates(notice.easyRead, notice.source));
  if (organisations) {
    const help = checkEasyReadHelp(notice.easyRead, notice.source, notice.organisation, organisations);
    result.diagnostics.push(...help.diagnostics, ...help.relaxed.map(relaxedDiagnostic));
    result.relaxed.push(...help.relaxed);
  }
  return result;
}

/** The easy-read checks of one loaded notice that has an easy read. */
export function checkNoticeEasyRead(notice: LoadedNotice & { easyRead: EasyReadData }, pictures: Pictures): EasyReadCheck {
  return checkEasyRead(notice.easyRead, notice.source, notice.organisationId ?? '', { pictures, initials: organisationInitials(notice) });
}

export function checkEasyRead(easyRead: EasyReadData, source: YamlSource, organisationId: string, options: CheckOptions): EasyReadCheck {
  const initials = new Map<string, string>();
  for (const [token, meaning] of Object.entries({ ...COMMON_INITIALS, ...(options.initials ?? {}) })) initials.set(initialsKey(token), meaning);
  const context: ItemContext = { organisationId, pictures: options.pictures, initials, words: [], used: new Set() };
  const findings: Finding[] = [];
  const relaxed: RelaxedRule[] = [];
  const diagnostics: Diagnostic[] = [];
  const base: PathSegment[] = ['easyRead'];
  context.words = (easyRead.words ?? []).map((entry, index) => ({ ...entry, index, pattern: wordPattern(entry.word) }));

  if (easyRead.title) findings.push(...initialsIn(easyRead.title, [easyRead.title], [...base, 'title'], context));

  easyRead.sections.forEach((section, s) => {
    const sectionPath = [...base, 'sections', s];
    findings.push(...initialsIn(section.heading, [section.heading], [...sectionPath, 'heading'], context));
    section.items.forEach((item, i) => {
      const itemPath = [...sectionPath, 'items', i];
      diagnostics.push(...applyRelaxations(item, itemPath, checkItem(item, itemPath, context), source, relaxed));
    });
  });

  // The word list: each word once, each used, each meaning easy to read.
  const seen = new Map<string, number>();
  context.words.forEach((entry) => {
    const at = [...base, 'words', entry.index];
    const key = entry.word.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) findings.push(finding('duplicate-word', { word: entry.word, first }, [...at, 'word']));
    else seen.set(key, entry.index);
    if (!context.used.has(entry.index)) findings.push(finding('unused-word', { word: entry.word }, [...at, 'word']));
    findings.push(...proseFindings(entry.meaning, [entry.meaning], [...at, 'meaning'], false, context));
  });

  diagnostics.push(...findings.map((f) => toDiagnostic(f, source)));
  // In reading order, as a writer fixes them.
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { diagnostics, relaxed };
}

/** The problems, then each relaxed rule as a warning so the build lists it. */
export function easyReadDiagnostics(check: EasyReadCheck): Diagnostic[] {
  return [...check.diagnostics, ...check.relaxed.map(relaxedDiagnostic)];
}

function relaxedDiagnostic(r: RelaxedRule): Diagnostic {
  return diagnostic('rule-relaxed', { rule: r.rule, reason: r.reason, covers: r.covers }, { file: r.file, line: r.line, column: r.column, path: r.path });
}

/** "relaxed: content/kent/early-help.yaml:212 sentence-length — the name of the law is 16 words long" */
export function formatRelaxed(r: RelaxedRule): string {
  return `relaxed: ${r.file}:${r.line} ${r.rule} — ${r.reason}`;
}

// --- One item -------------------------------------------------------------------------------------

interface WordEntry {
  word: string;
  meaning: string;
  index: number;
  pattern: RegExp;
}

interface ItemContext {
  organisationId: string;
  pictures: Pictures;
  /** What initials stand for, by initialsKey(). */
  initials: Map<string, string>;
  words: WordEntry[];
  /** Word-list entries used so far. */
  used: Set<number>;
}

function checkItem(item: EasyReadItemData, at: PathSegment[], context: ItemContext): Finding[] {
  const findings: Finding[] = [];
  const { organisationId, pictures } = context;

  // The picture and its text alternative.
  const entry = findPicture(pictures, item.picture, organisationId);
  if (!entry && isBrokenSharedKey(pictures, item.picture)) {
    // data/pictures.yaml meant to define it: that file's error, at its own line, says what is wrong.
  } else if (!entry) {
    const keys = pictureKeysFor(pictures, organisationId);
    const near = closest(item.picture, keys, 3);
    findings.push(
      finding(
        'unknown-picture',
        { key: item.picture, suggestion: didYouMean(item.picture, keys), nearest: near.length ? near : nearestKeys(item.picture, keys, 3), organisationId },
        [...at, 'picture'],
        { needle: item.picture },
      ),
    );
  } else if (!pictureSize(pictures, entry)) {
    findings.push(
      finding('picture-unusable', { key: item.picture, definedAt: entry.definedAt, file: entry.file, shared: entry.origin === 'shared' }, [...at, 'picture'], { needle: item.picture }),
    );
  }
  const hasAlt = item.alt !== undefined;
  if (hasAlt && item.decorative === true) {
    findings.push(finding('alt-and-decorative', {}, [...at, 'decorative']));
  } else if (!hasAlt && item.decorative !== true) {
    findings.push(finding('picture-no-alt', { key: item.picture }, [...at, 'picture'], { rule: 'picture', needle: item.picture }));
  }
  if (hasAlt) {
    if (/^\s*(a |an |the )?(picture|image|photo|icon|graphic|pictogram) (of|showing)\b/i.test(item.alt!)) {
      const start = item.alt!.split(/\s+/).slice(0, 3).join(' ');
      findings.push(finding('alt-says-picture', { start }, [...at, 'alt'], { needle: start }));
    }
    findings.push(...initialsIn(item.alt!, [...item.text, item.alt!], [...at, 'alt'], context));
  }

  // The sentences.
  item.text.forEach((line, t) => {
    const linePath = [...at, 'text', t];
    findings.push(...proseFindings(line, item.text, linePath, true, context));
    findings.push(...boldFindings(line, linePath, context));
  });
  return findings;
}

/** Sentence length, passive voice, initials and italics in one line of inline Markdown. */
function proseFindings(line: string, itemTexts: readonly string[], at: PathSegment[], oneSentence: boolean, context: ItemContext): Finding[] {
  const findings: Finding[] = [];
  const runs = textRuns(line);
  const plain = runs.map((r) => r.text).join('');
  const found = sentences(plain);
  if (oneSentence && found.length > 1) {
    findings.push(finding('several-sentences', { sentences: found.map((s) => s.text) }, at, { needle: found[1]!.words[0]?.text }));
  }
  for (const sentence of found) {
    if (sentence.words.length > MAX_SENTENCE_WORDS) {
      findings.push(
        finding(
          'sentence-too-long',
          { words: sentence.words.length, max: MAX_SENTENCE_WORDS, sentence: sentence.text, firstExtraWord: sentence.words[MAX_SENTENCE_WORDS]!.text },
          at,
          { rule: 'sentence-length', needle: sentence.words.slice(0, 2).map((w) => w.text).join(' ') },
        ),
      );
    }
    for (const passive of sentence.passive) {
      findings.push(finding('passive-voice', { phrase: passive.phrase, sentence: sentence.text }, at, { rule: 'passive-voice', needle: passive.phrase }));
    }
  }
  findings.push(...initialsIn(plain, itemTexts.map((t) => plainOf(t)), at, context));
  for (const run of runs) {
    const text = run.text.trim();
    if (run.italic && text) findings.push(finding('italics', { text }, at, { rule: 'italics', needle: text }));
  }
  return findings;
}

/** Word-list words must be in bold wherever they are used, and bold is only for word-list words. */
function boldFindings(line: string, at: PathSegment[], context: ItemContext): Finding[] {
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
  for (const entry of context.words) {
    entry.pattern.lastIndex = 0;
    for (const match of plain.matchAll(entry.pattern)) {
      context.used.add(entry.index);
      const start = match.index;
      const end = start + match[0].length;
      if (!bold.some(([from, to]) => from <= start && end <= to)) {
        findings.push(finding('word-not-bold', { word: match[0] }, at, { rule: 'word-list-bold', needle: match[0] }));
      }
    }
  }
  for (const [from, to] of bold) {
    const text = plain.slice(from, to).trim();
    if (!text) continue;
    const known = context.words.some((entry) => new RegExp(`^(?:${entry.pattern.source})$`, 'iu').test(text));
    if (!known) findings.push(finding('bold-not-in-word-list', { text }, at, { rule: 'word-list-bold', needle: text }));
  }
  return findings;
}

/** Initials or capitals in `text` that the item (`itemTexts`) does not spell out. */
function initialsIn(text: string, itemTexts: readonly string[], at: PathSegment[], context: ItemContext): Finding[] {
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
    findings.push(finding('unexplained-initials', { token, meaning: context.initials.get(initialsKey(token)) }, at, { rule: 'acronym', needle: token }));
  }
  return findings;
}

/** DfE and DFE, CP-IS and CPIS are the same initials. */
function initialsKey(token: string): string {
  return token.replace(/[^\p{L}]/gu, '').toUpperCase();
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
    .map(escapeRegExp)
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|es|'s|’s|d|ed)?(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * A line's runs, parsed once per process: the checks read each line several times (its own
 * findings, its bold words, and as part of its item for initials). Read-only.
 */
const runsMemo = new Map<string, readonly TextRun[]>();
const plainMemo = new Map<string, string>();
const MAX_REMEMBERED = 20_000;

/** Forgets the lines parsed so far, and the sentences analysed (the build calls it after the easy-read stage). */
export function forgetParsedLines(): void {
  runsMemo.clear();
  plainMemo.clear();
  forgetAnalysed();
}

function textRuns(text: string): readonly TextRun[] {
  let runs = runsMemo.get(text);
  if (!runs) {
    runs = parseRuns(text);
    if (runsMemo.size >= MAX_REMEMBERED) runsMemo.clear();
    runsMemo.set(text, runs);
  }
  return runs;
}

function plainOf(text: string): string {
  let plain = plainMemo.get(text);
  if (plain === undefined) {
    plain = textRuns(text)
      .map((r) => r.text)
      .join('');
    if (plainMemo.size >= MAX_REMEMBERED) plainMemo.clear();
    plainMemo.set(text, plain);
  }
  return plain;
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
  const isError = (f: Finding) => catalogue[f.code].severity === 'error';
  (item.relax ?? []).forEach((entry, j) => {
    const relaxPath = [...at, 'relax', j];
    const first = relaxedRules.get(entry.rule);
    if (first !== undefined) {
      out.push(diagnosticAt(source, [...relaxPath, 'rule'], 'rule-relaxed-twice', { rule: entry.rule, first }));
      return;
    }
    relaxedRules.set(entry.rule, j);
    const covered = findings.filter((f) => f.rule === entry.rule && isError(f));
    if (covered.length === 0) {
      out.push(diagnosticAt(source, [...relaxPath, 'rule'], 'relax-not-needed', { rule: entry.rule, rules: [...EASY_READ_RULES] }));
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
      covers: covered.map((f) => toDiagnostic(f, source).message),
    });
  });
  for (const f of findings) {
    if (f.rule && isError(f) && relaxedRules.has(f.rule)) continue;
    const d = toDiagnostic(f, source);
    if (f.rule && isError(f)) d.hint = `${d.hint ?? ''} To keep it, add to this item: relax: [{rule: ${f.rule}, reason: "…why…"}].`.trim();
    out.push(d);
  }
  return out;
}

function toDiagnostic(f: Finding, source: YamlSource): Diagnostic {
  const d = diagnosticAt(source, f.path, f.code, f.params);
  if (f.needle) {
    const position = findAfter(source, f.path, f.needle);
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
  // Never past the easy read: a line that starts at its first column is the file's next top-level
  // key (the build keeps a check for as long as the easy read's own text is unchanged).
  const window = source.text.slice(from, limit).replace(/\n(?=[^\s#])[\s\S]*$/, '');
  const candidates = [needle, needle.split(/\s+/)[0]!].filter((n) => n.length > 0);
  for (const candidate of candidates) {
    const index = window.toLowerCase().indexOf(candidate.toLowerCase());
    if (index >= 0) {
      return source.positionAt(from + index);
    }
  }
  return undefined;
}


// --- Ways to get help: checked over the whole easy read ------------------------------------------------

/** Where the Information Commissioner's phone number and website come from: data/bodies.yaml. */
export const ICO_ID = 'information-commissioners-office';

const digits = (text: string) => text.replace(/\D/g, '');
const PHONE_IN_TEXT = /(?:\+44\s?|0)\d[\d ]{8,12}\d/g;
const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** "https://www.hants.gov.uk/x" -> "hants.gov.uk/x" (no scheme, no www, no trailing slash), for comparing addresses. */
const bareUrl = (url: string) => url.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');

interface HelpText {
  /** Every line of every item, as plain words, with link addresses after their text. */
  lines: string[];
  phones: Set<string>;
  emails: Set<string>;
  /** Link addresses and bare web addresses, as bareUrl gives them. */
  urls: string[];
}

function helpText(easyRead: EasyReadData): HelpText {
  const lines: string[] = [];
  for (const section of easyRead.sections) {
    for (const item of section.items) {
      for (const line of item.text) {
        const runs = textRuns(line);
        lines.push(runs.map((run) => (run.href ? `${run.text} <${run.href}>` : run.text)).join(''));
      }
    }
  }
  const all = lines.join('\n');
  const phones = new Set([...all.matchAll(PHONE_IN_TEXT)].map((m) => digits(m[0])));
  for (const m of all.matchAll(/tel:([+\d]+)/g)) phones.add(digits(m[1]!));
  const emails = new Set([...all.matchAll(EMAIL_IN_TEXT)].map((m) => m[0].toLowerCase()));
  const urls = [...all.matchAll(/(?:https?:\/\/|www\.)[^\s<>)]+/g)].map((m) => bareUrl(m[0]));
  return { lines, phones, emails, urls };
}

/** The organisation's contact points in data/ (its contacts and data protection officer) and its website. */
function contactPointsOf(organisation: Organisation): { lines?: string[]; email?: string; phone?: string; website?: string }[] {
  return [...Object.values(organisation.contacts ?? {}), ...(organisation.dataProtectionOfficer ? [organisation.dataProtectionOfficer] : []), ...(organisation.website ? [{ website: organisation.website }] : [])];
}

function mentions(text: HelpText, point: { email?: string; phone?: string; website?: string }): boolean {
  return Boolean(
    (point.email && text.emails.has(point.email.toLowerCase())) ||
      (point.phone && text.phones.has(digits(point.phone))) ||
      (point.website && text.urls.some((url) => url.startsWith(bareUrl(point.website!)))),
  );
}

const SEE_INFORMATION = /\b(?:see|copy of|look at)\b[^.\n]*\binformation\b|\bright of access\b/i;
const COMPLAIN = /\bcomplain/i;
const TO_US_FIRST = /\b(?:tell us|complain to us|contact us|talk to us|to us first|us first)\b/i;
const COPY = /\bcop(?:y|ies)\b/i;

/**
 * Every easy read must give, in its items: a working contact for the organisation (an email, phone
 * or website that is in data/, or the organisation's help contact in data/ when it is usable, which
 * the page prints under "Ask for help"); the right to see their information and to complain; how to
 * complain to the organisation first; the Information Commissioner's phone number and website; how
 * to ask for a copy. `easyRead.relax` may excuse one, with a written reason.
 */
export function checkEasyReadHelp(
  easyRead: EasyReadData,
  source: YamlSource,
  organisation: Organisation | undefined,
  organisations: ReadonlyMap<string, Organisation>,
): EasyReadCheck {
  const text = helpText(easyRead);
  const all = text.lines.join('\n');
  const ico = organisations.get(ICO_ID);
  const icoPoints = ico ? contactPointsOf(ico) : [];
  const icoPhone = icoPoints.find((point) => point.phone)?.phone;
  const icoWebsite = ico?.website;
  const points = organisation ? contactPointsOf(organisation) : [];
  const helpPoint = Object.values(organisation?.contacts ?? {})[0] ?? organisation?.dataProtectionOfficer;

  const missing: { rule: EasyReadHelpRule; what: string; example: string }[] = [];
  const name = organisation?.name ?? 'the organisation';
  if (!(helpPoint && isUsable(helpPoint) && (helpPoint.email || helpPoint.phone || helpPoint.website)) && !points.some((point) => mentions(text, point))) {
    missing.push({
      rule: 'help-contact',
      what: `give a working way to contact ${name} (an email address, phone number or website that is in data/organisations.yaml)`,
      example: 'Email us at data.protection@example.gov.uk.',
    });
  }
  if (!SEE_INFORMATION.test(all) || !COMPLAIN.test(all)) {
    missing.push({ rule: 'help-rights', what: 'tell readers they can see their information and complain', example: 'You can ask to see the information we keep about you.' });
  }
  if (!text.lines.some((line) => COMPLAIN.test(line) || /unhappy/i.test(line)) || !TO_US_FIRST.test(all)) {
    missing.push({ rule: 'help-complain', what: `say how to complain to ${name} first`, example: 'If you are unhappy, please tell us first.' });
  }
  const hasIcoPhone = icoPhone ? text.phones.has(digits(icoPhone)) : /0303 ?123 ?1113/.test(all);
  const hasIcoWebsite = icoWebsite ? text.urls.some((url) => url.startsWith(bareUrl(icoWebsite))) : /ico\.org\.uk/i.test(all);
  if (!hasIcoPhone || !hasIcoWebsite) {
    missing.push({
      rule: 'help-ico',
      what: `give the Information Commissioner's ${[!hasIcoPhone && `phone number (${icoPhone ?? '0303 123 1113'})`, !hasIcoWebsite && `website (${icoWebsite ? bareUrl(icoWebsite) : 'ico.org.uk'})`].filter(Boolean).join(' and ')}`,
      example: `Phone the Information Commissioner's Office on ${icoPhone ?? '0303 123 1113'}.`,
    });
  }
  if (!COPY.test(all)) missing.push({ rule: 'help-copy', what: 'say how to ask for a copy', example: 'You can ask for a copy of the information we keep about you.' });

  const diagnostics: Diagnostic[] = [];
  const relaxed: RelaxedRule[] = [];
  const relax = easyRead.relax ?? [];
  for (const problem of missing) {
    const index = relax.findIndex((entry) => entry.rule === problem.rule);
    const at: PathSegment[] = index >= 0 ? ['easyRead', 'relax', index] : ['easyRead'];
    const { line, column } = source.keyPositionOf(at);
    const found = diagnostic('easy-read-help-missing', problem, { file: source.file, line, column, path: formatPath(at) });
    if (index >= 0) relaxed.push({ file: source.file, line, column, path: formatPath(at), rule: problem.rule, reason: relax[index]!.reason, covers: [found.message] });
    else diagnostics.push(found);
  }
  relax.forEach((entry, index) => {
    if (!missing.some((problem) => problem.rule === entry.rule)) {
      diagnostics.push(diagnosticAt(source, ['easyRead', 'relax', index, 'rule'], 'relax-not-needed', { rule: entry.rule, rules: ['help-contact', 'help-rights', 'help-complain', 'help-ico', 'help-copy'] }));
    }
  });
  return { diagnostics, relaxed };
}

// --- Dates in easy-read words: derived from lastUpdated and nextReview --------------------------------

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_YEAR = new RegExp(`\\b(?:\\d{1,2} )?(?:${MONTH_NAMES.join('|')}) \\d{4}\\b`, 'g');

/** "October 2024" from "2024-10" or "2024-10-15"; undefined for "unknown" or anything else. */
function monthYear(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})/.exec(value) : null;
  return match ? `${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}` : undefined;
}

/** The sentences the easy read should use about its dates, made from the notice's own fields. */
export function easyReadDateSentences(lastUpdated: unknown, nextReview: unknown): { changed: string; check: string } {
  const changed = monthYear(lastUpdated);
  const review = monthYear(nextReview);
  return {
    changed: changed ? `We last changed this notice in ${changed}.` : 'This notice does not say when it was written.',
    check: review ? `We planned to check this notice again by ${review}.` : 'This notice does not say when we will check it again.',
  };
}

/**
 * A line saying when the notice was changed, or when it will be checked, must agree with
 * lastUpdated and nextReview; "we check this notice often" is never allowed (it cannot be kept
 * true). The hint gives the sentence made from the field.
 */
export function checkEasyReadDates(easyRead: EasyReadData, source: YamlSource): Diagnostic[] {
  const data = (source.data ?? {}) as { lastUpdated?: unknown; nextReview?: unknown };
  const expected = easyReadDateSentences(data.lastUpdated, data.nextReview);
  const diagnostics: Diagnostic[] = [];
  easyRead.sections.forEach((section, s) =>
    section.items.forEach((item, i) =>
      item.text.forEach((line, l) => {
        const plain = textRuns(line).map((run) => run.text).join('');
        const dates = plain.match(MONTH_YEAR) ?? [];
        const check = /\bcheck (?:this|the) notice\b|\breview (?:this|the) notice\b/i.test(plain);
        const changed = /\b(?:changed|updated|wrote|written) (?:this|the) notice\b/i.test(plain);
        if (!check && !changed) return;
        const field = check ? 'nextReview' : 'lastUpdated';
        const want = check ? monthYear(data.nextReview) : monthYear(data.lastUpdated);
        const wrong = /\b(?:often|regularly|every year|all the time)\b/i.test(plain) || dates.some((date) => date.replace(/^\d{1,2} /, '') !== want);
        if (wrong) {
          diagnostics.push(diagnosticAt(source, ['easyRead', 'sections', s, 'items', i, 'text', l], 'easy-read-date-wrong', { line: plain, expected: check ? expected.check : expected.changed, field }));
        }
      }),
    ),
  );
  return diagnostics;
}
