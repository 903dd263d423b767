/**
 * What the page cache's keys are made of (src/build/cache-html.ts): the templates a page uses,
 * followed through their imports, and only the PDF links its templates show.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashOf } from '../../src/build/cache.js';
import { templateFiles, templatesHash } from '../../src/build/cache-html.js';
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
