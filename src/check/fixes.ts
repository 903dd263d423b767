/**
 * "How to fix" for the problems comms teams meet most, in plain words; anything else points to the
 * rule's own documentation.
 */
const PA11Y_FIXES: [RegExp, string][] = [
  [/^image-alt$|H37$|H67|wcag\/h37/, 'Give the image an alt attribute that says what it shows, or alt="" if it is only decoration.'],
  [/color-contrast|1_4_3/, 'Make the text darker or its background lighter: normal text needs a contrast ratio of at least 4.5:1 with its background (3:1 for large text). Colours are set in layouts/assets/site.css and brand colours in data/organisations.yaml.'],
  [/heading-order|G141|^heading-level$/, 'Do not skip heading levels: an h2 follows the h1, an h3 follows an h2. In a notice, make the section a sub-section of the one above instead.'],
  [/link-name|H30|4_1_2_H91\.A/, 'Give every link text that says where it goes.'],
  [/html-has-lang|html-lang-valid|3_1_1/, 'Set the page language: <html lang="en-GB">.'],
  [/document-title|2_4_2_H25/, 'Give the page a <title> that describes it.'],
  [/duplicate-id|F77/, 'Make every id on the page unique (two sections may have the same heading: give one an id in its YAML).'],
  [/target-size/, 'Make the link or button at least 24 by 24 CSS pixels, or leave enough space around it.'],
  [/label|F68|H44/, 'Give every form field a visible <label>.'],
  [/region|landmark/, 'Put all content inside the page landmarks (header, nav, main, footer) that the base layout provides.'],
  [/table|H43|H63|H39/, 'Give the table a caption and header cells (th with scope).'],
];

export function fixFor(rule: string, fallbackUrl?: string): string {
  for (const [pattern, fix] of PA11Y_FIXES) if (pattern.test(rule)) return fix;
  return fallbackUrl ? `See ${fallbackUrl} for what the rule asks and how to meet it.` : 'See the message above; the rule name explains what to change.';
}
