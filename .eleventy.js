// Eleventy configuration: this project's own additions. The build sets Eleventy up before this
// file runs (src/html/eleventy.ts: the folders in layouts/, Nunjucks, the filters, the feed plugin
// and the assets) and hands the notices to the templates as `build`. A council's own filters,
// shortcodes or plugins go in this function. Plain JavaScript: Eleventy loads it as it is.
export default function (eleventyConfig) {
  // For example: eleventyConfig.addFilter('shout', (text) => text.toUpperCase());
}
