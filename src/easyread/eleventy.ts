/**
 * The easy-read pictures in the site: only pictures that a page really shows are copied (to
 * /pictures/<key>.svg, or /pictures/<organisation>/<key>.svg for an organisation's own). Which
 * pictures those are is part of the page data (pageData), made before Eleventy runs.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { siteFile } from '../files/site-paths.js';

export interface PublishedPicture {
  url: string;
  file: string;
  /** The text to publish: the picture library's, cleaned by the loader. Only pictures from a lookup given by a test lack it (the file is then copied). */
  svg?: string;
}

/** Writes pictures into the output folder (the library's cleaned text, not the file); returns the files written. */
export async function copyPictures(outputDir: string, pictures: readonly PublishedPicture[]): Promise<string[]> {
  const written: string[] = [];
  const seen = new Set<string>();
  for (const { url, file, svg } of pictures) {
    if (seen.has(url)) continue;
    seen.add(url);
    const target = siteFile(outputDir, url);
    await mkdir(path.dirname(target), { recursive: true });
    if (svg !== undefined) await writeFile(target, svg);
    else await copyFile(file, target);
    written.push(target);
  }
  return written;
}
