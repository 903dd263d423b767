/** The environment, read in one place and passed on (src/config.ts). */
import { describe, expect, it } from 'vitest';
import { normalisePathPrefix, readEnvironment, readOutputFormat } from '../../src/config.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';

describe('readEnvironment', () => {
  it('reads the deployment, CI and GitHub Actions settings', () => {
    expect(readEnvironment({})).toEqual({ environment: { deployment: {}, ci: false, githubActions: false }, diagnostics: [] });
    expect(readEnvironment({ SITE_URL: 'https://council.github.io', PATH_PREFIX: 'notices', CI: 'true', GITHUB_ACTIONS: 'true' }).environment).toEqual({
      deployment: { url: 'https://council.github.io', pathPrefix: '/notices/' },
      ci: true,
      githubActions: true,
    });
  });

  it('reports a bad SITE_URL or PATH_PREFIX as a one-line diagnostic naming the variable, not a throw', () => {
    const { environment, diagnostics } = readEnvironment({ SITE_URL: 'council.gov.uk', PATH_PREFIX: '/a b/' });
    expect(environment.deployment).toEqual({});
    expect(diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
      "(environment) error [bad-site-url] SITE_URL must be a web address starting https:// (it is 'council.gov.uk').",
      "(environment) error [bad-path-prefix] PATH_PREFIX must be a folder such as /notices/ (it is '/a b/').",
    ]);
  });

  it('normalises a path prefix', () => {
    expect(normalisePathPrefix('/')).toBe('/');
    expect(normalisePathPrefix('notices/')).toBe('/notices/');
    expect(normalisePathPrefix('/a/b')).toBe('/a/b/');
    expect(normalisePathPrefix('a b')).toBeUndefined();
  });

  it('reads --format', () => {
    expect(readOutputFormat(undefined).format).toBe('text');
    expect(readOutputFormat('json').format).toBe('json');
    expect(readOutputFormat('xml').diagnostics.map((d) => d.code)).toEqual(['bad-output-format']);
  });
});
