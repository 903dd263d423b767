/**
 * Stage: HTML. Runs Eleventy over layouts/ with the page data as the `build` global data, then
 * copies the easy-read pictures the pages show. Every path given to Eleventy is absolute, so the
 * stage works whatever the current folder is.
 */
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { copyPictures } from '../easyread/eleventy.js';
import type { PageData } from '../html/view.js';
import { dir } from '../html/eleventy.js';

interface BuildConfig {
  addGlobalData(name: string, value: unknown): void;
}

export async function renderHtml(root: string, outDir: string, data: PageData): Promise<number> {
  const projectRoot = path.resolve(root);
  const eleventy = new Eleventy(path.join(projectRoot, dir.input), path.resolve(outDir), {
    quietMode: true,
    configPath: path.join(projectRoot, '.eleventy.js'),
    pathPrefix: data.site.pathPrefix,
    config(eleventyConfig: BuildConfig) {
      eleventyConfig.addGlobalData('build', data);
    },
  });
  const results = (await eleventy.write()) as unknown;
  await copyPictures(path.resolve(outDir), data.pictures ?? []);
  return countWritten(results);
}

/** Eleventy 3 returns the written templates (a flat or nested list, depending on version). */
function countWritten(results: unknown): number {
  if (!Array.isArray(results)) return 0;
  return results.flat(2).filter((r) => r && typeof r === 'object' && 'outputPath' in r).length;
}
