// Eleventy configuration: thin on purpose. The HTML stage lives in src/html/; the build
// (scripts/build.ts) loads and validates the notices and hands them to the templates as `build`.
// Paths are made from this file's folder, so the site builds whatever the current folder is.
import { fileURLToPath } from 'node:url';
import { configureEleventy, directories } from './src/html/eleventy.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default function (eleventyConfig) {
  configureEleventy(eleventyConfig, root);
}

export const config = {
  dir: directories(root),
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
  markdownTemplateEngine: false,
};
