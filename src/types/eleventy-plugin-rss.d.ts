/** The feed plugin ships without types; the build uses its default export (the plugin) only. */
declare module '@11ty/eleventy-plugin-rss' {
  const rssPlugin: (eleventyConfig: unknown, options?: Record<string, unknown>) => void;
  export default rssPlugin;
}
