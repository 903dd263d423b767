// Eleventy configuration: thin on purpose. The HTML stage lives in src/html/; the build
// (scripts/build.ts) loads and validates the notices and hands them to the templates as `build`.
import { configureEleventy, dir } from './src/html/eleventy.ts';

export default function (eleventyConfig) {
  configureEleventy(eleventyConfig);
}

export const config = {
  dir,
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
  markdownTemplateEngine: false,
};
