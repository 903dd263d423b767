// The accessibility statement is written only when the build passes its data
// (build.accessibilityStatement, from src/check/statement.ts); otherwise no page and no footer link.
export default {
  eleventyComputed: {
    permalink: (data) => (data.build && data.build.accessibilityStatement ? '/accessibility/' : false),
  },
};
