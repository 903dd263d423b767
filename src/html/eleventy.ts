/**
 * Wires the HTML stage into Eleventy: folders, the Nunjucks environment, filters and assets. The
 * build (src/build/html.ts) calls this for each Eleventy run, before the project's own
 * .eleventy.js adds whatever a council adds, and passes the notices in as global data (`build`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import rssPlugin from '@11ty/eleventy-plugin-rss';
import { filters } from './filters.js';

/** Page templates live in layouts/pages; the shell in layouts/base; one folder per component in layouts/components. */
export const dir = {
  input: 'layouts/pages',
  includes: '../components',
  layouts: '../base',
  data: '_data',
} as const;

const require = createRequire(import.meta.url);

/** The web font files, copied from @fontsource so pages and PDFs use the same typeface. */
export function fontFiles(): string[] {
  const base = path.dirname(require.resolve('@fontsource/atkinson-hyperlegible/package.json'));
  return ['400-normal', '700-normal', '400-italic', '700-italic'].map((style) => path.join(base, 'files', `atkinson-hyperlegible-latin-${style}.woff2`));
}

export interface EleventyConfig {
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  addPlugin(plugin: unknown, options?: Record<string, unknown>): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(from: string | Record<string, string>): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  addWatchTarget(target: string): void;
  setQuietMode(quiet: boolean): void;
  setWatchJavaScriptDependencies(watch: boolean): void;
  setUseTemplateCache(use: boolean): void;
  getFilter?(name: string): unknown;
}

/** Everything from YAML is escaped unless a filter made it safe on purpose; a missing variable is a bug, not an empty string. */
export const NUNJUCKS_OPTIONS = { autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true } as const;

/** `root`: the project folder (its layouts/ is drawn; the input folder itself is given to Eleventy by the build). */
export function configureEleventy(eleventyConfig: EleventyConfig, root: string): void {
  eleventyConfig.setIncludesDirectory(dir.includes);
  eleventyConfig.setLayoutsDirectory(dir.layouts);
  eleventyConfig.setDataDirectory(dir.data);
  eleventyConfig.setTemplateFormats(['njk']);
  eleventyConfig.setNunjucksEnvironmentOptions({ ...NUNJUCKS_OPTIONS });
  // The feed plugin's date filters (dateToRfc3339) for the Atom feeds (layouts/pages/feed.njk). It
  // also adds Eleventy's HTML <base> plugin, which would prefix every address a second time (the
  // templates' url filter already adds the path prefix): a base of "/" turns that off.
  eleventyConfig.addPlugin(rssPlugin, { htmlBasePluginOptions: { baseHref: '/' } });
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn as (...args: never[]) => unknown);
  eleventyConfig.addPassthroughCopy({ [path.join(root, 'layouts/assets')]: 'assets' });
  for (const file of fontFiles()) eleventyConfig.addPassthroughCopy({ [file]: `assets/fonts/${path.basename(file)}` });
  // The preview does not use Eleventy's watcher, and the build's code is not reloaded while it
  // runs (restart npm start after changing src/).
  eleventyConfig.setWatchJavaScriptDependencies(false);
  // Eleventy keeps templates it has read in memory for the life of the process; the preview
  // (npm start) builds again in the same process, so each run reads layouts/ afresh.
  eleventyConfig.setUseTemplateCache(false);
  eleventyConfig.addWatchTarget(path.join(root, 'content/'));
  eleventyConfig.addWatchTarget(path.join(root, 'data/'));
  // A plugin, as Eleventy adds its own url filter after this set-up and before plugins run.
  eleventyConfig.addPlugin(rememberUrls);
}

/**
 * Eleventy's url filter (which adds the path prefix) parses every address it is given, and a large
 * site's listings and sitemap give it tens of thousands, mostly the same ones: within one run the
 * prefix is fixed, so each address's answer is kept for the run.
 */
function rememberUrls(eleventyConfig: EleventyConfig): void {
  const url = eleventyConfig.getFilter?.('url') as ((this: unknown, value: unknown, prefix?: unknown) => string) | undefined;
  if (!url) return;
  const known = new Map<string, string>();
  let root: string | undefined;
  eleventyConfig.addFilter('url', function rememberedUrl(this: unknown, value: unknown, prefix?: unknown) {
    if (typeof value !== 'string' || prefix !== undefined) return url.call(this, value, prefix);
    let answer = known.get(value);
    if (answer === undefined) {
      root ??= url.call(this, '/');
      answer = prefixedSitePath(root, value) ?? url.call(this, value);
      known.set(value, answer);
    }
    return answer;
  } as (...args: never[]) => unknown);
}

/**
 * Eleventy's url filter's answer for a site address, worked out without it: the filter first tries
 * every value as a full URL, and the failed parse of a site address costs more than the rest. A
 * value starting with one "/" is never a full URL, so the answer is the path prefix joined to it,
 * as the filter joins them. `root`: the filter's answer for "/". Undefined for other values and
 * for the prefix itself, which only the filter can answer (it depends on how the prefix is written).
 */
export function prefixedSitePath(root: string, value: string): string | undefined {
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  const normal = path.posix.join(value).replace(/\/+$/, '/');
  if (normal === '/') return root;
  if (normal.replace(/\/+$/, '') === root.replace(/\/+$/, '')) return undefined;
  return path.posix.join(root, value).replace(/\/+$/, '/');
}
