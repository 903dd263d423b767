/**
 * Where a site address is written in the output folder. Addresses are written without the path
 * prefix (the pages add it), so "/kent-early-help/kent-early-help.pdf" is that file under the
 * output folder, and a page address ending in "/" is the index.html inside it.
 */
import path from 'node:path';

/** The output file of a site address (a file's address, not a page's). */
export function siteFile(outDir: string, url: string): string {
  return path.join(outDir, ...url.split('/').filter(Boolean));
}

/** The file of a page address ending in "/", relative to the output folder, with "/" between parts (e.g. "kent-early-help/index.html"). */
export function pagePath(url: string): string {
  return [...url.split('/').filter(Boolean), 'index.html'].join('/');
}

/** The output file of a page address ending in "/". */
export function pageFile(outDir: string, url: string): string {
  return siteFile(outDir, pagePath(url));
}
