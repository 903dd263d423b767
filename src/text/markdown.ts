/**
 * Inline Markdown for text fields. Raw HTML is off (a notice containing <script> shows it as
 * text), bare web and email addresses become links, and only http, https, mailto and tel links
 * (or links within this site) are allowed: validation reports any other as an error.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const md = new MarkdownIt('zero', { html: false, linkify: true, typographer: false, breaks: false });
// Only what notices need: emphasis, links, bare links, escapes, code and hard line breaks.
md.enable(['emphasis', 'link', 'linkify', 'escape', 'backticks', 'newline', 'entity', 'autolink']);
md.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });

const ALLOWED_SCHEME = /^(https?:|mailto:|tel:)/i;
const SITE_RELATIVE = /^(\/(?!\/)|#)/;

export function isAllowedHref(href: string): boolean {
  return ALLOWED_SCHEME.test(href) || SITE_RELATIVE.test(href);
}

// markdown-it's own check drops javascript: and the like silently; we want to report them, so the
// renderer accepts every URL and validation (linksIn) decides. Disallowed ones still never render.
md.validateLink = (url: string) => isAllowedHref(url.trim());

export interface InlineLink {
  href: string;
  text: string;
}

/**
 * Text in which no inline rule can fire: no emphasis, link, escape, code, line break, entity or
 * autolink character, and nothing that could be a bare web or email address (a dot before a
 * letter or digit, "@", ":", or "//", which begins an address without its scheme, as "//a.^"
 * does for linkify). Such text parses to one text token equal to itself, so the
 * parse is skipped: most sentences of a notice are like this, and parsing (with linkify's
 * address patterns) is the costliest part of loading and viewing a large site.
 * test/text/markdown.test.ts holds it to the parser on random text.
 */
const MAY_HAVE_MARKUP = /[*_[\]\\`\n\r\0&<>@:~|]|\.[\p{L}\p{N}]|\/\//u;

export function isPlainText(text: string): boolean {
  return !MAY_HAVE_MARKUP.test(text);
}

function inlineTokens(text: string): Token[] {
  const tokens = md.parseInline(text, {});
  return tokens[0]?.children ?? [];
}

// The same parser, but accepting every link, so validation can see (and report) the refused ones.
// Made once: compiling markdown-it's link patterns is the costly part of parsing.
const permissive = new MarkdownIt('zero', { html: false, linkify: true });
permissive.enable(['emphasis', 'link', 'linkify', 'escape', 'backticks', 'autolink']);
permissive.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });
permissive.validateLink = () => true;

/** The links a text makes, including those markdown-it would refuse (so we can report them). */
export function linksIn(text: string): InlineLink[] {
  if (isPlainText(text)) return [];
  const links: InlineLink[] = [];
  const tokens = permissive.parseInline(text, {})[0]?.children ?? [];
  let current: InlineLink | undefined;
  for (const token of tokens) {
    if (token.type === 'link_open') current = { href: token.attrGet('href') ?? '', text: '' };
    else if (token.type === 'link_close' && current) {
      links.push(current);
      current = undefined;
    } else if (current && (token.type === 'text' || token.type === 'code_inline')) current.text += token.content;
  }
  return links;
}

/** HTML for one line of inline Markdown, escaped and safe to insert. */
export function renderInline(text: string): string {
  if (isPlainText(text)) return md.utils.escapeHtml(text);
  return md.renderInline(text);
}

/** The words a reader sees, without Markdown syntax: for PDFs, search, checks and tests. */
export function plainText(text: string): string {
  if (isPlainText(text)) return text;
  return inlineTokens(text)
    .map((token) => {
      if (token.type === 'text' || token.type === 'code_inline') return token.content;
      if (token.type === 'softbreak') return ' ';
      if (token.type === 'hardbreak') return '\n';
      return '';
    })
    .join('');
}

/** Inline content as runs of styled text, for renderers that are not HTML (the PDF). */
export interface TextRun {
  text: string;
  bold: boolean;
  italic: boolean;
  href?: string;
}

export function textRuns(text: string): TextRun[] {
  if (isPlainText(text)) return text ? [{ text, bold: false, italic: false, href: undefined }] : [];
  const runs: TextRun[] = [];
  let bold = 0;
  let italic = 0;
  let href: string | undefined;
  for (const token of inlineTokens(text)) {
    switch (token.type) {
      case 'strong_open': bold++; break;
      case 'strong_close': bold--; break;
      case 'em_open': italic++; break;
      case 'em_close': italic--; break;
      case 'link_open': href = token.attrGet('href') ?? undefined; break;
      case 'link_close': href = undefined; break;
      case 'softbreak': runs.push({ text: ' ', bold: bold > 0, italic: italic > 0, href }); break;
      case 'hardbreak': runs.push({ text: '\n', bold: bold > 0, italic: italic > 0, href }); break;
      case 'text':
      case 'code_inline':
        runs.push({ text: token.content, bold: bold > 0, italic: italic > 0, href });
        break;
    }
  }
  return runs;
}
