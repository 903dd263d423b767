/**
 * The easy-read pages in Eleventy: filters for the templates, and the pictures. Only pictures that
 * a page really shows are copied into the site (to /pictures/<key>.svg, or
 * /pictures/<organisation>/<key>.svg for an organisation's own), after Eleventy has written the pages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Notice, Organisation } from '../model/notice.js';
import { easyReadPage, easyReadRequest, type EasyReadPage } from './view.js';

interface EleventyEvents {
  directories?: { output?: string };
  dir?: { output?: string };
}

/** The parts of Eleventy's configuration API used here. */
export interface EasyReadEleventyConfig {
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  on?(event: 'eleventy.before' | 'eleventy.after', fn: (event: EleventyEvents) => unknown): void;
}

/** Pictures shown by the pages of the current build: site URL -> SVG text (as cleaned by the loader). */
const used = new Map<string, string>();

export const easyReadFilters = {
  /** The easy-read page of a notice (sections, items with pictures, word list, credits). */
  easyReadPage: (notice: Notice): EasyReadPage => {
    const page = easyReadPage(notice);
    for (const picture of page.pictures) used.set(picture.url, picture.svg);
    return page;
  },
  /** Who to ask for an easy-read version, and how. */
  easyReadRequest: (organisation: Organisation) => easyReadRequest(organisation),
};

export function configureEasyRead(eleventyConfig: EasyReadEleventyConfig): void {
  for (const [name, fn] of Object.entries(easyReadFilters)) eleventyConfig.addFilter(name, fn as (...args: never[]) => unknown);
  if (!eleventyConfig.on) throw new Error('configureEasyRead needs Eleventy 3 (eleventyConfig.on) to copy the pictures.');
  eleventyConfig.on('eleventy.before', () => {
    used.clear();
  });
  eleventyConfig.on('eleventy.after', async (event) => {
    const output = event.directories?.output ?? event.dir?.output;
    if (!output) throw new Error('Eleventy did not say where the site is written: the easy-read pictures cannot be copied.');
    await copyPictures(output);
  });
}

/** Writes the pictures the pages used into the output folder (the library's text, not the files). */
export async function copyPictures(outputDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [url, svg] of used) {
    const target = path.join(outputDir, ...url.split('/').filter(Boolean));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, svg);
    written.push(target);
  }
  return written;
}
