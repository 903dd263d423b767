import { describe, expect, it } from 'vitest';
import { isAllowedHref, linksIn, plainText, renderInline, textRuns } from '../../src/text/markdown.js';

describe('inline Markdown is safe by construction', () => {
  it('shows raw HTML as text', () => {
    expect(renderInline('<script>alert(1)</script> and <b>bold</b>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;');
  });

  it('never renders a javascript: or data: link', () => {
    expect(renderInline('[x](javascript:alert(1))')).not.toContain('href');
    expect(renderInline('[x](data:text/html;base64,AAAA)')).not.toContain('href');
    expect(isAllowedHref('javascript:alert(1)')).toBe(false);
    expect(isAllowedHref('file:///etc/passwd')).toBe(false);
    expect(isAllowedHref('//evil.example.com/')).toBe(false);
  });

  it('allows http, https, mailto, tel and links within the site', () => {
    for (const href of ['https://www.gov.uk/', 'http://www.kent.gov.uk', 'mailto:a@b.org', 'tel:03000414141', '/other-notice/', '#who-we-are']) {
      expect(isAllowedHref(href), href).toBe(true);
    }
  });

  it('turns bare web and email addresses into links', () => {
    expect(renderInline('see www.hants.gov.uk or email data.protection@kent.gov.uk.')).toBe(
      'see <a href="http://www.hants.gov.uk">www.hants.gov.uk</a> or email <a href="mailto:data.protection@kent.gov.uk">data.protection@kent.gov.uk</a>.',
    );
    expect(linksIn('<https://www.gov.uk/a#b>')).toEqual([{ href: 'https://www.gov.uk/a#b', text: 'https://www.gov.uk/a#b' }]);
  });

  it('keeps words and punctuation in plain text and styled runs', () => {
    expect(plainText('Article (6)(1)(e) – **public** [task](https://x.org) ‘controller’')).toBe('Article (6)(1)(e) – public task ‘controller’');
    expect(textRuns('see **the [site](https://x.org)** now')).toEqual([
      { text: 'see ', bold: false, italic: false, href: undefined },
      { text: 'the ', bold: true, italic: false, href: undefined },
      { text: 'site', bold: true, italic: false, href: 'https://x.org' },
      { text: ' now', bold: false, italic: false, href: undefined },
    ]);
  });
});
