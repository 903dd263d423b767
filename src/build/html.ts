/** Stage: HTML. Runs Eleventy over layouts/ with the loaded notices as the `build` global data. */
import Eleventy from '@11ty/eleventy';
import type { PageData } from '../html/view.js';
import { dir } from '../html/eleventy.js';

export async function renderHtml(root: string, outDir: string, data: PageData): Promise<number> {
  const eleventy = new Eleventy(dir.input, outDir, {
    quietMode: true,
    configPath: '.eleventy.js',
    pathPrefix: data.site.pathPrefix,
    config(eleventyConfig: { addGlobalData(name: string, value: unknown): void }) {
      eleventyConfig.addGlobalData('build', data);
    },
  });
  if (path(root) !== path(process.cwd())) throw new Error(`The build must run from the project folder (${root}), not ${process.cwd()}.`);
  const results = (await eleventy.write()) as unknown;
  return countWritten(results);
}

function path(p: string): string {
  return p.replace(/\/+$/, '');
}

/** Eleventy 3 returns the written templates (a flat or nested list, depending on version). */
function countWritten(results: unknown): number {
  if (!Array.isArray(results)) return 0;
  return results.flat(2).filter((r) => r && typeof r === 'object' && 'outputPath' in r).length;
}
