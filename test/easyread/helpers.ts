/** Easy-read test inputs: a notice file with an easy-read part, checked as the loader checks it. */
import { validate } from '../../src/load/validate.js';
import { parseYaml, type YamlSource } from '../../src/load/yaml-source.js';
import { checkEasyRead, type EasyReadCheck } from '../../src/easyread/check.js';
import { PictureLibrary } from '../../src/easyread/pictures.js';
import { NoticeFile } from '../../src/model/schema.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { REPO_ROOT } from '../helpers/project.js';

export const FILE = 'content/test-council/easy.yaml';

/** The head of a valid notice; the easy-read part follows it, starting on line 15. */
export const NOTICE_HEAD = `id: easy-test
title: How we use your information
organisation: test-council
summary: How Test Council uses information about you.
status: published
lastUpdated: 2026-01-15
nextReview: 2027-01
sections:
  - heading: Who we are
    body:
      - type: paragraph
        text: Test Council is responsible for your information.
      - type: contact
        contact: test-council/data-protection
`;

/** A good easy-read part: every rule kept. */
export const GOOD_EASY_READ = `easyRead:
  sections:
    - heading: Who we are
      items:
        - picture: council
          alt: A council building.
          text:
            - We are Test Council.
            - We keep information about you safe.
        - picture: lock
          decorative: true
          text:
            - We only share it when the law says we must.
            - You can give your **consent** to other sharing.
            - This means you say yes.
    - heading: Your rights
      items:
        - picture: phone
          alt: A telephone.
          text:
            - Phone the Information Commissioner's Office on 0303 123 1113.
            - Write to Test Council, 1 High Street, Testtown, TT1 1TT.
            - Email dp@test.example.org or visit https://test.example.org/privacy.
  words:
    - word: consent
      meaning: Saying yes to something.
`;

export interface Checked {
  source: YamlSource;
  /** Schema problems (from validate), if any. */
  schema: Diagnostic[];
  check?: EasyReadCheck;
}

export const repoLibrary = new PictureLibrary(REPO_ROOT);

/** Parses, validates and checks a whole notice file, as the loader does. */
/** What Test Council's initials stand for, as the stage gives them from data/organisations.yaml. */
const initials = { TC: 'Test Council' };

export function checkNotice(text: string, library: PictureLibrary = repoLibrary, organisationId = 'test-council'): Checked {
  const parsed = parseYaml(FILE, text);
  if (!parsed.ok) throw new Error(parsed.diagnostic.message);
  const { value, diagnostics } = validate(NoticeFile, parsed.source);
  if (!value) return { source: parsed.source, schema: diagnostics };
  if (!value.easyRead) throw new Error('the test notice has no easyRead part');
  return { source: parsed.source, schema: diagnostics, check: checkEasyRead(value.easyRead, parsed.source, organisationId, { pictures: library.pictures, initials }) };
}

/** Checks a notice made of the standard head and `easyRead` (the easy-read part, from "easyRead:"). */
export function checkEasyReadYaml(easyRead: string, library?: PictureLibrary, organisationId?: string): Checked {
  return checkNotice(NOTICE_HEAD + easyRead, library, organisationId);
}

/** The 1-based line of the first line containing `needle` in `text`, and the column where it starts. */
export function lineOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return { line: index + 1, column: lines[index]!.indexOf(needle) + 1 };
}

export function errors(checked: Checked): Diagnostic[] {
  return (checked.check?.diagnostics ?? []).filter((d) => d.severity === 'error');
}

export function warnings(checked: Checked): Diagnostic[] {
  return (checked.check?.diagnostics ?? []).filter((d) => d.severity === 'warning');
}
