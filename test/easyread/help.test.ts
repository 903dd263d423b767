/**
 * Every easy read must give a working way to get help: a contact for the organisation, the right to
 * see their information and to complain, how to complain to the organisation first, the
 * Information Commissioner's phone number and website, and how to ask for a copy. A notice may
 * relax one only with a written reason.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEasyReads } from '../../src/easyread/check.js';
import { loadSite } from '../../src/load/load-site.js';
import { REPO_ROOT } from '../helpers/project.js';

const EARLY_HELP = 'content/kent-county-council/early-help.yaml';
let root: string | undefined;

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function check(edit?: (text: string) => string) {
  root = await mkdtemp(path.join(os.tmpdir(), 'notices-help-'));
  for (const folder of ['content', 'data']) await cp(path.join(REPO_ROOT, folder), path.join(root, folder), { recursive: true });
  const text = await readFile(path.join(root, EARLY_HELP), 'utf8');
  const edited = edit ? edit(text) : text;
  await writeFile(path.join(root, EARLY_HELP), edited);
  const loaded = await loadSite({ root });
  const result = checkEasyReads(loaded);
  return { ...result, text: edited, help: result.diagnostics.filter((d) => d.code === 'easy-read-help-missing') };
}

describe('ways to get help in every easy read', () => {
  it('the five real easy reads give them all (the model notice relaxes the contact, with a reason)', async () => {
    const { help, relaxed } = await check();
    expect(help).toEqual([]);
    expect(relaxed.map((r) => [r.file, r.rule])).toEqual([['content/model-local-authority/children-in-need.yaml', 'help-contact']]);
    expect(relaxed[0]!.reason).toMatch(/names no council/);
  });

  it("fails without the ICO's phone number, naming the file and line of the easy read", async () => {
    const { help, text } = await check((t) => t.replaceAll('[0303 123 1113](tel:03031231113)', 'the helpline'));
    expect(help.map((d) => [d.severity, d.file, d.line, d.message])).toEqual([
      ['error', EARLY_HELP, text.split('\n').findIndex((l) => l.startsWith('easyRead:')) + 1, expect.stringMatching(/phone number \(0303 123 1113\).*\(rule help-ico\)/)],
    ]);
  });

  it("fails without the ICO's website, a copy, or a contact", async () => {
    const website = await check((t) => t.replace(/\[ico\.org\.uk[^\]]*\]\(https:\/\/ico\.org\.uk[^)]*\)/g, 'their website'));
    expect(website.help.map((d) => d.message)).toEqual([expect.stringMatching(/website \(ico\.org\.uk\).*help-ico/)]);
    const copy = await check((t) => {
      const [head, easy] = [t.slice(0, t.indexOf('\neasyRead:')), t.slice(t.indexOf('\neasyRead:'))];
      return head + easy.replace(/\bcopy\b/g, 'version').replace(/\bcopies\b/g, 'versions');
    });
    expect(copy.help.map((d) => d.message)).toEqual([expect.stringMatching(/help-copy/)]);
    const contact = await check((t) => {
      const [head, easy] = [t.slice(0, t.indexOf('\neasyRead:')), t.slice(t.indexOf('\neasyRead:'))];
      return head + easy.replaceAll('data.protection@kent.gov.uk', 'the team').replaceAll('[03000 414141](tel:03000414141)', 'the council').replace(/\[?www\.kent\.gov\.uk[^\s)]*\)?/g, 'the council');
    });
    // Kent's contact point in data/ is usable, and the page prints it under "Ask for help": still a working contact.
    expect(contact.help).toEqual([]);
  });

  it('a relaxed rule needs a reason, and is listed; relaxing a rule the easy read keeps is a warning', async () => {
    const relaxedIco = await check((t) =>
      t.replaceAll('[0303 123 1113](tel:03031231113)', 'the helpline').replace('\neasyRead:\n', '\neasyRead:\n  relax:\n    - rule: help-ico\n      reason: Testing that a written reason lets the build pass.\n'),
    );
    expect(relaxedIco.help).toEqual([]);
    expect(relaxedIco.relaxed.map((r) => r.rule)).toContain('help-ico');
    const needless = await check((t) => t.replace('\neasyRead:\n', '\neasyRead:\n  relax:\n    - rule: help-copy\n      reason: This easy read keeps the rule anyway.\n'));
    expect(needless.diagnostics.filter((d) => d.code === 'relax-not-needed').map((d) => d.severity)).toEqual(['warning']);
  });
});

describe('dates in easy-read words', () => {
  it('agree with lastUpdated and nextReview in the real notices', async () => {
    const { diagnostics } = await check();
    expect(diagnostics.filter((d) => d.code === 'easy-read-date-wrong')).toEqual([]);
  });

  it('a line that says "we check this notice often", or a date the fields do not give, is an error with the sentence made from the field', async () => {
    const often = await check((t) => t.replace('We planned to check this notice again by December 2023.', 'We check this notice often.'));
    expect(often.diagnostics.filter((d) => d.code === 'easy-read-date-wrong').map((d) => d.hint)).toEqual([
      'Write: "We planned to check this notice again by December 2023." (made from nextReview, so it stays true).',
    ]);
    const moved = await check((t) => t.replace('lastUpdated: 2022-12', 'lastUpdated: 2023-01').replace('nextReview: 2023-12', 'nextReview: 2024-01'));
    expect(moved.diagnostics.filter((d) => d.code === 'easy-read-date-wrong').map((d) => d.hint)).toEqual([
      'Write: "We last changed this notice in January 2023." (made from lastUpdated, so it stays true).',
      'Write: "We planned to check this notice again by January 2024." (made from nextReview, so it stays true).',
    ]);
  });
});
