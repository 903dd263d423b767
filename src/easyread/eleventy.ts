/**
 * The easy-read pictures in the site: only pictures that a page really shows are copied (to
 * /pictures/<key>.svg, or /pictures/<organisation>/<key>.svg for an organisation's own). Which
 * pictures those are is part of the page data (pageData), made before Eleventy runs.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface PublishedPicture {
  url: string;
  file: string;
}

/** Copies pictures into the output folder; returns the files written. */
export async function copyPictures(outputDir: string, pictures: readonly PublishedPicture[]): Promise<string[]> {
  const written: string[] = [];
  const seen = new Set<string>();
  for (const { url, file } of pictures) {
    if (seen.has(url)) continue;
    seen.add(url);
    const target = path.join(outputDir, ...url.split('/').filter(Boolean));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(file, target);
    written.push(target);
  }
  return written;
}
