import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { isAllowedHref, isPlainText, linksIn, plainText, renderInline, textRuns } from '../../src/text/markdown.js';

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

describe('plain text skips the parser only when the parser would change nothing', () => {
  // The parser as it is, without the shortcut: the same rules as src/text/markdown.ts.
  const parser = new MarkdownIt('zero', { html: false, linkify: true, typographer: false, breaks: false });
  parser.enable(['emphasis', 'link', 'linkify', 'escape', 'backticks', 'newline', 'entity', 'autolink']);
  parser.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });
  const alphabet = [...'abcXYZ019 .,;!?()\'"-/#$%^+=~{}|\t\u00a0é', '*', '_', '[', ']', '\\', '`', '\n', '&', '<', '>', '@', ':', 'www', '.uk', 'gov', 'http', '//', 'mailto', 'x.co'];
  const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((parts) => parts.join(''));

  it('gives the same words, runs, links and HTML as a full parse', () => {
    fc.assert(
      fc.property(texts, (text) => {
        if (!isPlainText(text)) return;
        const tokens = parser.parseInline(text, {})[0]?.children ?? [];
        expect(tokens.every((t) => t.type === 'text')).toBe(true);
        expect(plainText(text)).toBe(tokens.map((t) => t.content).join(''));
        expect(renderInline(text)).toBe(parser.renderInline(text));
        expect(linksIn(text)).toEqual([]);
        expect(textRuns(text).map((r) => r.text).join('')).toBe(tokens.map((t) => t.content).join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('sends anything that could be markup or an address to the parser', () => {
    for (const text of ['see www.kent.gov.uk', 'email dpo@kent.gov.uk', 'a *b*', 'x_y_', '[a](/b)', 'a\nb', '&amp;', '<https://a.b>', 'ico.org.uk', 'call: 0300', '//a.^', 'see //ab.cd']) {
      expect(isPlainText(text), text).toBe(false);
    }
    expect(isPlainText('We keep your records for 25 years, then delete them.')).toBe(true);
  });
});
