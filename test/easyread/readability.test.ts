/** Readability figures: the pure functions, and the report for the ten real texts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSite } from '../../src/load/load-site.js';
import type { Site } from '../../src/model/notice.js';
import {
  averageSentenceLength,
  countText,
  easyReadText,
  fleschReadingEase,
  formatReadability,
  fullNoticeText,
  longSentenceShare,
  readability,
  readabilityReport,
} from '../../src/easyread/readability.js';
import { REPO_ROOT } from '../helpers/project.js';

describe('readability of a text', () => {
  it('counts sentences, words, syllables and sentences over 15 words', () => {
    const long = 'We keep information about you and your family so that we can plan the right support for you.';
    const counts = countText(['The cat sat on the mat. We help you.', long]);
    expect(counts).toEqual({ sentences: 3, words: 6 + 3 + 18, syllables: expect.any(Number), longSentences: 1 });
    expect(averageSentenceLength(counts)).toBe(9);
    expect(longSentenceShare(counts)).toBeCloseTo(1 / 3);
  });

  it('gives the Flesch reading ease: very easy for short plain sentences, hard for long formal ones', () => {
    // 6 words, 6 syllables, 1 sentence: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145
    expect(fleschReadingEase(countText(['The cat sat on the mat.']))).toBeCloseTo(116.145, 2);
    const hard = readability([
      'Notwithstanding the aforementioned considerations, the organisation will endeavour to facilitate the administration of individualised safeguarding arrangements.',
    ]);
    expect(hard.fleschReadingEase).toBeLessThan(0);
    expect(hard.longSentenceShare).toBe(1);
  });

  it('is zero for no text rather than dividing by zero', () => {
    expect(readability([])).toMatchObject({ sentences: 0, fleschReadingEase: 0, averageSentenceLength: 0, longSentenceShare: 0 });
  });
});

describe('the readability report of the real notices', () => {
  let site: Site;
  beforeAll(async () => {
    site = (await loadSite(REPO_ROOT)).site!;
  });

  it('has ten rows: each of the five notices, full and easy read', () => {
    const rows = readabilityReport(site);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.version === 'full')).toHaveLength(5);
    expect(rows.filter((r) => r.version === 'easy read').map((r) => r.url)).toEqual(site.published.map((n) => `${n.url}easy-read/`));
  });

  it('shows every easy read easier than its full notice, with no sentence over 15 words', () => {
    const rows = readabilityReport(site);
    for (const notice of site.published) {
      const full = rows.find((r) => r.notice === notice.id && r.version === 'full')!;
      const easy = rows.find((r) => r.notice === notice.id && r.version === 'easy read')!;
      expect(easy.fleschReadingEase, notice.id).toBeGreaterThan(full.fleschReadingEase);
      // (Not the average length: the model notice's lists of two-word items make its full text's average short.)
      expect(easy.longSentenceShare, notice.id).toBeLessThan(full.longSentenceShare);
      expect(easy.longSentences, notice.id).toBe(0);
      expect(easy.averageSentenceLength, notice.id).toBeLessThanOrEqual(12);
    }
  });

  it('reads prose only: no headings or contact details in the full text', () => {
    const notice = site.published.find((n) => n.id === 'kent-children-in-need-dpa-1998')!;
    const text = fullNoticeText(notice);
    expect(text).not.toContain('Privacy Notice - Data Protection Act 1998');
    expect(text.join(' ')).not.toContain('Sessions House');
    expect(text[0]).toMatch(/^Kent Council holds personal data/);
    expect(easyReadText(notice)[0]).toBe('This notice is old.');
  });

  it('formats a table with a header and one line per row', () => {
    const rows = readabilityReport(site);
    const lines = formatReadability(rows);
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[1]).toMatch(/^notice\s+version\s+Flesch\s+words\/sentence\s+over 15 words\s+sentences$/);
    expect(lines[2]).toContain(rows[0]!.notice);
    expect(lines.slice(2).every((l) => /\d+%\s+\d+$/.test(l))).toBe(true);
  });
});
