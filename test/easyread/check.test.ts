/**
 * The easy-read checks on good and bad inputs: each rule fires at the right file, line and column,
 * names the offending words and says what to do; a relaxed rule needs a reason, and is listed.
 */
import { describe, expect, it } from 'vitest';
import { checkEasyReads, easyReadDiagnostics, formatRelaxed, isInitials, spelledOut } from '../../src/easyread/check.js';
import { loadSite } from '../../src/load/load-site.js';
import { makeProject, ORGANISATIONS_YAML } from '../helpers/project.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkEasyReadYaml, errors, FILE, GOOD_EASY_READ, lineOf, NOTICE_HEAD, warnings } from './helpers.js';

/** One section with one item whose lines are `text`, plus extra item fields and a word list. */
function oneItem(text: string[], extra = '', words = ''): string {
  return `easyRead:
  sections:
    - heading: About us
      items:
        - picture: council
          alt: A council building.
${extra}          text:
${text.map((t) => `            - ${t}`).join('\n')}
${words}`;
}

describe('a good easy-read part', () => {
  it('passes every check with no errors or warnings', () => {
    const checked = checkEasyReadYaml(GOOD_EASY_READ);
    expect(checked.schema).toEqual([]);
    expect(checked.check!.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(checked.check!.relaxed).toEqual([]);
  });
});

describe('sentence-length', () => {
  const long = 'We keep information about you and your family so that we can plan the right support for you.';
  it('fires on a sentence of more than 15 words, at its line, naming the sentence and the word count', () => {
    const yaml = oneItem(['We are Test Council.', long]);
    const checked = checkEasyReadYaml(yaml);
    const [error, ...rest] = errors(checked);
    expect(rest).toEqual([]);
    const at = lineOf(NOTICE_HEAD + yaml, long);
    expect(error).toMatchObject({ file: FILE, line: at.line, column: at.column, path: 'easyRead.sections[0].items[0].text[1]' });
    expect(error!.message).toContain('has 18 words; easy read allows 15');
    expect(error!.message).toContain(long);
    expect(error!.hint).toContain('the 16th word is "support"');
    expect(error!.hint).toContain('relax: [{rule: sentence-length');
  });

  it('does not fire at 15 words, and counts an email address or a web address as one word', () => {
    const fifteen = 'We keep information about you and your family so we can plan your support.';
    const address = 'Email data.protection@kent.gov.uk or visit https://www.kent.gov.uk/about-this-website/privacy today.';
    expect(errors(checkEasyReadYaml(oneItem([fifteen, address])))).toEqual([]);
  });

  it('fires once for each long sentence', () => {
    const checked = checkEasyReadYaml(oneItem([long, long.replace('family', 'friends')]));
    expect(errors(checked).map((d) => d.path)).toEqual(['easyRead.sections[0].items[0].text[0]', 'easyRead.sections[0].items[0].text[1]']);
  });
});

describe('passive-voice', () => {
  it('fires on the passive with an irregular verb (retext-passive), naming the words', () => {
    const yaml = oneItem(['Your information is kept safe.']);
    const [error, ...rest] = errors(checkEasyReadYaml(yaml));
    expect(rest).toEqual([]);
    const at = lineOf(NOTICE_HEAD + yaml, 'is kept');
    expect(error).toMatchObject({ file: FILE, line: at.line, column: at.column, path: 'easyRead.sections[0].items[0].text[0]' });
    expect(error!.message).toBe('passive voice "is kept" in: "Your information is kept safe."');
    expect(error!.hint).toContain('We keep your information safe');
  });

  it('fires on the passive with a regular verb and an adverb between (part-of-speech tags)', () => {
    const yaml = oneItem(['We are Test Council.', 'Your information is not shared with anyone.']);
    const [error] = errors(checkEasyReadYaml(yaml));
    expect(error!.message).toContain('"is not shared"');
    expect(error!.line).toBe(lineOf(NOTICE_HEAD + yaml, 'is not shared').line);
  });

  it('does not fire on the active voice', () => {
    expect(errors(checkEasyReadYaml(oneItem(['We share your information with schools.', 'We used it last year.'])))).toEqual([]);
  });
});

describe('acronym', () => {
  it('fires on initials the item does not spell out, with the words in full as the hint', () => {
    const yaml = oneItem(['We share it with the NHS.']);
    const [error, ...rest] = errors(checkEasyReadYaml(yaml));
    expect(rest).toEqual([]);
    const at = lineOf(NOTICE_HEAD + yaml, 'NHS');
    expect(error).toMatchObject({ file: FILE, line: at.line, column: at.column });
    expect(error!.message).toBe('"NHS" is initials or capitals, and this item does not spell it out.');
    expect(error!.hint).toContain('Write "National Health Service" instead.');
  });

  it('fires on each of DfE, KCC and UK GDPR, and on capitals for emphasis', () => {
    const checked = checkEasyReadYaml(oneItem(['The DfE and KCC follow the UK GDPR.', 'We will NOT share it.']));
    expect(errors(checked).map((d) => /"([^"]+)"/.exec(d.message)![1])).toEqual(['DfE', 'KCC', 'UK', 'GDPR', 'NOT']);
  });

  it("suggests what an organisation's own initials stand for from data/organisations.yaml, not from the code", async () => {
    const project = await makeProject({
      'data/organisations.yaml': `${ORGANISATIONS_YAML}  initials:\n    KMCR: Kent and Medway Care Record\n`,
      'content/easy.yaml': NOTICE_HEAD + oneItem(['The KMCR and TC hold it.']),
    });
    try {
      const { diagnostics } = checkEasyReads(await loadSite({ root: project.root }));
      expect(diagnostics.filter((d) => d.code === 'unexplained-initials').map((d) => d.hint!.split(' To keep it')[0])).toEqual([
        'Write "Kent and Medway Care Record" instead.',
        // The organisation's shortName counts too.
        'Write "Test Council" instead.',
      ]);
    } finally {
      await project.cleanup();
    }
  });

  it('allows initials that the same item spells out', () => {
    const checked = checkEasyReadYaml(
      oneItem([
        'The Department for Education (DfE) is part of the government.',
        'The United Kingdom General Data Protection Regulation (UK GDPR) is a law.',
        'The National Health Service (NHS) helps us.',
      ]),
    );
    expect(errors(checked)).toEqual([]);
  });

  it('does not take postcodes, email addresses or names in camel case for initials', () => {
    const checked = checkEasyReadYaml(oneItem(['Write to Sessions House, Maidstone ME14 1XQ.', 'Email DPO@kent.gov.uk.', 'We use a system called OneView.']));
    expect(errors(checked)).toEqual([]);
  });

  it('checks headings and alt text too', () => {
    const yaml = `easyRead:
  sections:
    - heading: What the ICO does
      items:
        - picture: council
          alt: The KCC building.
          text:
            - We are Test Council.
`;
    const found = errors(checkEasyReadYaml(yaml));
    expect(found.map((d) => [d.path, d.line])).toEqual([
      ['easyRead.sections[0].heading', lineOf(NOTICE_HEAD + yaml, 'ICO').line],
      ['easyRead.sections[0].items[0].alt', lineOf(NOTICE_HEAD + yaml, 'KCC').line],
    ]);
  });

  it('recognises initials and their spelling out', () => {
    expect(['DfE', 'KCC', 'UK', 'GDPR', 'CP-IS', 'NOT', 'PhD'].every(isInitials)).toBe(true);
    expect(['Kent', 'I', 'OneView', 'YouTube', 'Ofsted'].some(isInitials)).toBe(false);
    expect(spelledOut('DfE', ['the', 'Department', 'for', 'Education'])).toBe(true);
    expect(spelledOut('ICO', ['Information', "Commissioner's", 'Office'])).toBe(true);
    expect(spelledOut('NHS', ['new', 'health', 'service'])).toBe(false);
  });
});

describe('word-list-bold', () => {
  const words = `  words:
    - word: consent
      meaning: Saying yes to something.
`;
  it('fires where a word-list word is used without bold, naming it', () => {
    const yaml = oneItem(['You can give **consent**.', 'You can take your consent back.'], '', words);
    const [error, ...rest] = errors(checkEasyReadYaml(yaml));
    expect(rest).toEqual([]);
    const line = lineOf(NOTICE_HEAD + yaml, 'take your consent').line;
    expect(error).toMatchObject({ file: FILE, line, path: 'easyRead.sections[0].items[0].text[1]' });
    expect(error!.column).toBe((NOTICE_HEAD + yaml).split('\n')[line - 1]!.indexOf('consent') + 1);
    expect(error!.message).toBe('"consent" is in the word list but is not in bold here.');
    expect(error!.hint).toContain('**consent**');
  });

  it('matches plurals and any case', () => {
    const yaml = oneItem(['Consents can change.'], '', words);
    expect(errors(checkEasyReadYaml(yaml)).map((d) => d.message)).toEqual(['"Consents" is in the word list but is not in bold here.']);
  });

  it('fires where a bold word is not in the word list', () => {
    const yaml = oneItem(['We are the **controller**.'], '', words.replace('consent', 'controller ship'));
    const found = errors(checkEasyReadYaml(yaml));
    expect(found.map((d) => d.message)).toContain('"controller" is in bold but is not in the word list.');
  });

  it('warns about a word-list word that no item uses', () => {
    const yaml = oneItem(['We are Test Council.'], '', words);
    const checked = checkEasyReadYaml(yaml);
    expect(errors(checked)).toEqual([]);
    expect(warnings(checked).map((d) => [d.path, d.line])).toEqual([['easyRead.words[0].word', lineOf(NOTICE_HEAD + yaml, 'word: consent').line]]);
  });
});

describe('picture', () => {
  it('fires on a picture without alt text that is not decorative', () => {
    const yaml = `easyRead:
  sections:
    - heading: About us
      items:
        - picture: phone
          text:
            - Phone us.
`;
    const [error, ...rest] = errors(checkEasyReadYaml(yaml));
    expect(rest).toEqual([]);
    const at = lineOf(NOTICE_HEAD + yaml, 'phone');
    expect(error).toMatchObject({ file: FILE, line: at.line, column: at.column, path: 'easyRead.sections[0].items[0].picture' });
    expect(error!.message).toBe("the picture 'phone' has no alt text.");
    expect(error!.hint).toContain('decorative: true');
  });

  it('fires on an item without a picture (a schema error with the line)', () => {
    const yaml = `easyRead:
  sections:
    - heading: About us
      items:
        - alt: A telephone.
          text:
            - Phone us.
`;
    const checked = checkEasyReadYaml(yaml);
    expect(checked.check).toBeUndefined();
    expect(checked.schema).toHaveLength(1);
    expect(checked.schema[0]).toMatchObject({ file: FILE, line: lineOf(NOTICE_HEAD + yaml, 'alt: A telephone').line });
    expect(checked.schema[0]!.path).toMatch(/^easyRead\.sections\[0\]\.items\[0\]/);
    expect(checked.schema[0]!.message).toBe("the required field 'picture' is missing.");
  });

  it('names the closest keys for an unknown picture key', () => {
    const yaml = oneItem(['Phone us.']).replace('picture: council', 'picture: telephon');
    const [error] = errors(checkEasyReadYaml(yaml));
    const at = lineOf(NOTICE_HEAD + yaml, 'telephon');
    expect(error).toMatchObject({ line: at.line, column: at.column, path: 'easyRead.sections[0].items[0].picture' });
    expect(error!.message).toBe("there is no picture 'telephon'.");
    expect(error!.hint).toMatch(/^The closest keys are 'phone', /);
    expect(error!.hint).toContain('data/pictures.yaml');
    const typo = errors(checkEasyReadYaml(oneItem(['Phone us.']).replace('picture: council', 'picture: phnoe')))[0]!;
    expect(typo.hint).toMatch(/^Did you mean 'phone'/);
    const far = errors(checkEasyReadYaml(oneItem(['Phone us.']).replace('picture: council', 'picture: xyzzy-quux')))[0]!;
    expect(far.hint).toMatch(/^The closest keys are '[a-z-]+', '[a-z-]+', '[a-z-]+'\./);
  });

  it('fires when a picture has alt text and is marked decorative', () => {
    const yaml = oneItem(['Phone us.'], '          decorative: true\n');
    expect(errors(checkEasyReadYaml(yaml)).map((d) => d.message)).toEqual(['this picture has alt text and is also marked decorative.']);
  });

  it('rejects alt text of spaces in the schema', () => {
    const checked = checkEasyReadYaml(oneItem(['Phone us.']).replace('alt: A council building.', 'alt: "   "'));
    expect(checked.schema.map((d) => d.message)).toEqual(['the alt text is empty: write it out.']);
  });
});

describe('italics and one sentence per line', () => {
  it('fires on italics', () => {
    const yaml = oneItem(['This is *very* important.']);
    const [error] = errors(checkEasyReadYaml(yaml));
    expect(error!.message).toBe('"very" is in italics.');
    expect(error!.column).toBe(lineOf(NOTICE_HEAD + yaml, 'very').column);
  });

  it('fires on a line that holds two sentences (not relaxable)', () => {
    const yaml = oneItem(['We are Test Council. We help children.'], '          relax:\n            - rule: sentence-length\n              reason: Testing that this cannot be relaxed.\n');
    const found = checkEasyReadYaml(yaml).check!.diagnostics;
    expect(found.find((d) => d.severity === 'error')!.message).toBe('this line holds 2 sentences: "We are Test Council." / "We help children.".');
  });
});

describe('relaxing a rule', () => {
  const long = 'The Education (Information About Individual Pupils) (England) Regulations 2013 say we must share information with the government.';
  const relax = (reason: string) => `          relax:\n            - rule: sentence-length\n              reason: ${reason}\n`;

  it('turns the error into a listed relaxation with its reason, file and line', () => {
    const yaml = oneItem([long], relax('The name of the law alone is eleven words long.'));
    const checked = checkEasyReadYaml(yaml);
    expect(errors(checked)).toEqual([]);
    const itemLine = lineOf(NOTICE_HEAD + yaml, 'picture: council').line;
    expect(checked.check!.relaxed).toEqual([
      {
        file: FILE,
        line: lineOf(NOTICE_HEAD + yaml, 'rule: sentence-length').line,
        column: expect.any(Number),
        path: 'easyRead.sections[0].items[0]',
        rule: 'sentence-length',
        reason: 'The name of the law alone is eleven words long.',
        covers: [expect.stringContaining('this sentence has 17 words')],
      },
    ]);
    expect(itemLine).toBeLessThan(checked.check!.relaxed[0]!.line);
    expect(formatRelaxed(checked.check!.relaxed[0]!)).toBe(
      `relaxed: ${FILE}:${checked.check!.relaxed[0]!.line} sentence-length — The name of the law alone is eleven words long.`,
    );
    const listed = easyReadDiagnostics(checked.check!);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ severity: 'warning', file: FILE, message: 'relaxed: sentence-length — The name of the law alone is eleven words long.' });
  });

  it('relaxes only the named rule: other problems in the item are still errors', () => {
    const checked = checkEasyReadYaml(oneItem([long, 'It is sent by the NHS.'], relax('The name of the law alone is eleven words long.')));
    expect(errors(checked).map((d) => d.message)).toEqual([
      'passive voice "is sent" in: "It is sent by the NHS."',
      '"NHS" is initials or capitals, and this item does not spell it out.',
    ]);
  });

  it('needs a reason: a relaxed rule without one fails schema validation at its line', () => {
    const yaml = oneItem([long], '          relax:\n            - rule: sentence-length\n');
    const checked = checkEasyReadYaml(yaml);
    expect(checked.check).toBeUndefined();
    expect(checked.schema).toEqual([
      expect.objectContaining({ file: FILE, line: lineOf(NOTICE_HEAD + yaml, 'rule: sentence-length').line, message: "the required field 'reason' is missing." }),
    ]);
  });

  it('needs a real reason: blank or one-word reasons fail schema validation', () => {
    expect(checkEasyReadYaml(oneItem([long], relax('"   "'))).schema.map((d) => d.message)).toEqual(['the reason is empty: write it out.']);
    expect(checkEasyReadYaml(oneItem([long], relax('because'))).schema.map((d) => d.message)).toEqual([
      'the reason is too short: say in a few words why the rule cannot be kept here.',
    ]);
  });

  it('rejects an unknown rule name, suggesting the closest', () => {
    const checked = checkEasyReadYaml(oneItem([long], relax('The name of the law is long.').replace('sentence-length', 'sentence-lenght')));
    expect(checked.schema[0]!.message).toBe("'sentence-lenght' is not allowed here.");
    expect(checked.schema[0]!.hint).toBe("Did you mean 'sentence-length'?");
  });

  it('warns when an item relaxes a rule it keeps, and rejects relaxing a rule twice', () => {
    const kept = checkEasyReadYaml(oneItem(['We are Test Council.'], relax('Just in case it gets long.')));
    expect(errors(kept)).toEqual([]);
    expect(kept.check!.relaxed).toEqual([]);
    expect(warnings(kept).map((d) => d.message)).toEqual(["this item relaxes the rule 'sentence-length', but it keeps that rule."]);
    const twice = checkEasyReadYaml(oneItem([long], relax('The law name is long.') + '            - rule: sentence-length\n              reason: Still a long law name.\n'));
    expect(errors(twice).map((d) => d.message)).toEqual(["the rule 'sentence-length' is already relaxed for this item (relax[0])."]);
  });

  it('relaxing the picture rule lets a picture without alt text through, listed', () => {
    const yaml = oneItem(['Phone us.']).replace('          alt: A council building.\n', '          relax:\n            - rule: picture\n              reason: Testing the picture rule here.\n');
    const checked = checkEasyReadYaml(yaml);
    expect(errors(checked)).toEqual([]);
    expect(checked.check!.relaxed.map((r) => r.rule)).toEqual(['picture']);
  });
});
