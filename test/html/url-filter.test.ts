/**
 * The url filter's fast answer for site addresses (prefixedSitePath in src/html/eleventy.ts) is
 * Eleventy's own answer, for every path prefix and every kind of site address.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Eleventy's url filter itself (its package does not export it, nor declare its types).
// @ts-expect-error: a JavaScript module without types
import eleventyUrl from '../../node_modules/@11ty/eleventy/src/Filters/Url.js';
import { prefixedSitePath } from '../../src/html/eleventy.js';

const PREFIXES = ['/', '', '/notices/', '/notices', 'notices', 'notices/', '/a/b/', 'a/b', '/council notices/'];
const VALUES = ['/', '/.', '/x/..', '/notice-00001/', '/notice-00001/notice-00001.pdf', '/notice-00001', '/organisations/kent/feed.xml', '/x//y/', '/x/../y/', '/./x/', '/x/./', '/x?q=1', '/x/#part', '/x%20y/', '/notices', '/notices/', '/notices/x/', '/a/b', '/a/b/', '/a', '/council notices/', '//cdn.example.org/x.js', 'https://example.org/', 'relative/path', ''];

const filter = eleventyUrl as (url: string, pathPrefix: string) => string;

/** The answer as the build's filter gives it: fast where it can be, else Eleventy's. */
function answer(value: string, prefix: string): string {
  return prefixedSitePath(filter('/', prefix), value) ?? filter(value, prefix);
}

describe('prefixedSitePath', () => {
  it('answers as Eleventy does for the addresses a site uses, under every prefix', () => {
    for (const prefix of PREFIXES) for (const value of VALUES) expect(answer(value, prefix), `${value} under ${JSON.stringify(prefix)}`).toBe(filter(value, prefix));
  });

  it('answers a site address itself, without Eleventy', () => {
    expect(prefixedSitePath('/notices/', '/notice-00001/')).toBe('/notices/notice-00001/');
    expect(prefixedSitePath('/', '/notice-00001/notice-00001.pdf')).toBe('/notice-00001/notice-00001.pdf');
    // Not site addresses: left to Eleventy.
    expect(prefixedSitePath('/', '//cdn.example.org/x.js')).toBeUndefined();
    expect(prefixedSitePath('/', 'https://example.org/')).toBeUndefined();
  });

  it('answers as Eleventy does for any path of segments', () => {
    const segment = fc.constantFrom('', '.', '..', 'x', 'notices', 'a', 'b', 'index.html', 'x%20y', 'feed.xml', 'q?x=1');
    const prefix = fc.constantFrom(...PREFIXES);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), prefix, (segments, slash, pathPrefix) => {
        const value = `/${segments.join('/')}${slash ? '/' : ''}`;
        expect(answer(value, pathPrefix)).toBe(filter(value, pathPrefix));
      }),
      { numRuns: 2000 },
    );
  });
});
