import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/text/colour.js';
import { formatDate, latestDay, parsePartialDate } from '../../src/text/dates.js';
import { fileSize } from '../../src/html/view.js';

describe('dates', () => {
  it('reads month-only and full dates and writes them in GOV.UK style', () => {
    expect(formatDate(parsePartialDate('2024-10')!)).toBe('October 2024');
    expect(formatDate(parsePartialDate('2026-01-05')!)).toBe('5 January 2026');
    expect(parsePartialDate('2025-02-29')).toBeUndefined();
    expect(parsePartialDate('2024-02-29')).toBeDefined();
    expect(parsePartialDate('October 2024')).toBeUndefined();
  });

  it('treats a month-only date as lasting to the end of the month', () => {
    expect(latestDay(parsePartialDate('2025-02')!).toISOString().slice(0, 10)).toBe('2025-02-28');
  });
});

describe('contrast', () => {
  it('matches WCAG figures', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#1d70b8')).toBeCloseTo(5.17, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('file sizes for download links', () => {
  it('uses KB and MB like GOV.UK', () => {
    expect(fileSize(86_000)).toBe('84 KB');
    expect(fileSize(1_468_006)).toBe('1.4 MB');
    expect(fileSize(300)).toBe('300 bytes');
  });
});

describe('sitemap addresses', () => {
  it('joins a prefixed site path to the published address without doubling the folder', async () => {
    const { filters } = await import('../../src/html/filters.js');
    expect(filters.absoluteUrl('/notices/kent-early-help/', 'https://council.github.io/notices')).toBe('https://council.github.io/notices/kent-early-help/');
    expect(filters.absoluteUrl('/kent-early-help/', 'https://privacy-notices.example.org')).toBe('https://privacy-notices.example.org/kent-early-help/');
  });
});
