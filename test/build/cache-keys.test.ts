/**
 * What the page cache's keys are made of (src/build/cache-html.ts): the templates a page uses,
 * followed through their imports, and only the PDF links its templates show. And what the
 * easy-read check's second key reads of a notice's file (src/build/cache-easy-read.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashOf } from '../../src/build/cache.js';
import { templateFiles, templatesHash } from '../../src/build/cache-html.js';
import { easyReadKey, easyReadPartKey } from '../../src/build/cache-easy-read.js';
import type { LoadedNotice } from '../../src/load/load-site.js';
import { parseYaml } from '../../src/load/yaml-source.js';
import type { Pictures } from '../../src/model/pictures.js';
import type { EasyReadData } from '../../src/model/schema.js';
import { REPO_ROOT } from '../helpers/project.js';

const names = (files: string[]) => files.map((file) => path.relative(REPO_ROOT, file));

describe('page cache keys', () => {
  it('follow a page template through the components it imports, with the page shell', () => {
    const notice = names(templateFiles(REPO_ROOT, 'notice.njk'));
    expect(notice).toContain('layouts/pages/notice.njk');
    expect(notice).toContain('layouts/base/base.njk');
    expect(notice).toContain('layouts/components/section/section.njk');
    expect(notice).toContain('.eleventy.js');
    expect(notice).not.toContain('layouts/components/easy-read-words/easy-read-words.njk');
    const easyRead = names(templateFiles(REPO_ROOT, 'easy-read.njk'));
    expect(easyRead).toContain('layouts/components/easy-read-words/easy-read-words.njk');
    expect(easyRead).not.toContain('layouts/pages/notice.njk');
  });

  it('hold only the PDF links a page shows, and the owner only by name', () => {
    expect(templatesHash(REPO_ROOT, 'notice.njk')).toMatchObject({ downloads: ['full'], wholeOwner: false });
    expect(templatesHash(REPO_ROOT, 'easy-read.njk')).toMatchObject({ downloads: ['easyRead'], wholeOwner: false });
  });

  it('keep the parts of a key apart', () => {
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
    expect(hashOf({ a: 1 })).toBe(hashOf({ a: 1 }));
    expect(hashOf(undefined)).not.toBe(hashOf(null));
  });
});

describe("an easy-read check's second key", () => {
  const pictures: Pictures = { shared: new Map(), byOrganisation: new Map(), sizes: new Map(), texts: new Map(), problems: new Map() } as unknown as Pictures;
  /** A notice file's load, as far as the keys read it. */
  const loaded = (text: string) => {
    const parsed = parseYaml('content/a.yaml', text);
    if (!parsed.ok) throw new Error(parsed.diagnostic.message);
    const data = parsed.source.data as { easyRead: EasyReadData };
    return { file: 'content/a.yaml', source: parsed.source, organisationId: 'org', easyRead: data.easyRead } as LoadedNotice & { easyRead: EasyReadData };
  };
  const partKey = (text: string) => easyReadPartKey(loaded(text), pictures, 'orgs');
  const easyRead = 'easyRead:\n  title: Easy\n  sections:\n    - heading: One\n      items:\n        - picture: info\n          text:\n            - We keep your information safe.\n';
  const file = (before: string, after = 'status: published\n') => `id: a\ntitle: A notice\nlastUpdated: 2026-01\nsections:\n  - heading: H\n    body:\n      - type: paragraph\n        text: ${before}\n${easyRead}${after}`;

  it('stays the same when the file changes outside the easy read on the same lines, and changes when the easy read moves or changes', () => {
    const base = partKey(file('First words.'));
    expect(base).toBeDefined();
    // A sentence of the full notice changed on its line: same second key, another first key.
    expect(partKey(file('Other words, more of them.'))).toBe(base);
    expect(easyReadKey(loaded(file('Other words, more of them.')), pictures, 'orgs')).not.toBe(easyReadKey(loaded(file('First words.')), pictures, 'orgs'));
    // What follows the easy read changed: same.
    expect(partKey(file('First words.', 'status: draft\n'))).toBe(base);
    // A line more above it: its positions move.
    expect(partKey(file('First words.\n      - type: paragraph\n        text: More.'))).not.toBe(base);
    // Its own text, or the notice's dates.
    expect(partKey(file('First words.').replace('safe.', 'safe and secure.'))).not.toBe(base);
    expect(partKey(file('First words.').replace('lastUpdated: 2026-01', 'lastUpdated: 2026-02'))).not.toBe(base);
    // A comment inside it is part of its text.
    expect(partKey(file('First words.').replace('  title: Easy\n', '  title: Easy\n  # a note\n'))).not.toBe(base);
  });

  it('follows an alias in the easy read to the anchor it names, wherever that is', () => {
    const withAnchor = (words: string) => file('First words.').replace('lastUpdated: 2026-01\n', `lastUpdated: 2026-01\nshared: &safe ${words}\n`).replace('- We keep your information safe.', '- *safe');
    expect(partKey(withAnchor('We keep it safe.'))).not.toBe(partKey(withAnchor('We keep it well.')));
  });

  it('is not made when the easy read is not a block-style key of its own at the top', () => {
    // Flow style, on one line with the other keys.
    expect(partKey('{id: a, easyRead: {title: Easy, sections: [{heading: One, items: [{picture: info, text: [Hello.]}]}]}, status: published}')).toBeUndefined();
    // A key that looks like a number comes first among the object's keys, whatever its place in the file.
    expect(partKey(`${file('First words.')}1: one\n`)).toBeUndefined();
  });
});
