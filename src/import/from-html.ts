/**
 * Reads a saved web page (and the HTML that mammoth makes of a Word file). The page's main
 * content is taken — <main>, [role=main] or <article>, else the body — without navigation,
 * headers and footers, cookie banners, skip links and breadcrumbs.
 */
import * as cheerio from 'cheerio';
import { collapseSpace, decodeWindows1252, escapeMarkdown, unwrapEmphasis } from './inline.js';
import { placeAfter, type ListItemNode, type SourceDocument, type SourceNode, type Unplaced } from './source.js';

/** The parts of a parsed HTML node the reader uses (cheerio's nodes have these). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export interface HtmlOptions {
  /** Read the whole body (mammoth's HTML has no page furniture). */
  wholeBody?: boolean;
  /** Where relative links point from; default: the page's <base>, canonical link or og:url. */
  baseUrl?: string;
}

const CHROME = ['nav', 'aside', '[role=navigation]', '[role=complementary]', '[role=search]', '[class*=breadcrumb i]', '[id*=breadcrumb i]', '[aria-label*=breadcrumb i]'];
const BANNERS = /cookie|consent|banner/i;
const SKIP_LINK = /^\s*skip to\b|^\s*skip\b.*\bcontent\b/i;
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'address', 'dl', 'dt', 'dd', 'div', 'section', 'article', 'main', 'header', 'footer', 'blockquote', 'figure', 'figcaption', 'pre', 'hr', 'li', 'tr', 'td', 'th', 'caption', 'details', 'summary', 'center', 'form', 'fieldset', 'body', 'html', 'nav', 'aside', 'thead', 'tbody', 'tfoot']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'meta', 'link', 'button', 'input', 'select', 'textarea', 'label']);
const EMBEDDED = new Set(['iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'svg', 'map']);
const ALLOWED_LINK = /^(?:https?:|mailto:|tel:)/i;

/** Markdown link destinations may not hold spaces or unbalanced brackets. */
function destination(href: string): string {
  return href.trim().replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** Moves spaces from inside emphasis markers to outside, which Markdown needs. */
function wrap(marker: string, inner: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return match[2] ? `${match[1]}${marker}${match[2]}${marker}${match[3]}` : inner;
}

interface Reader {
  nodes: SourceNode[];
  unplaced: Unplaced[];
  baseUrl?: string;
}

function attr(node: DomNode, name: string): string | undefined {
  return node.attribs?.[name];
}

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function note(reader: Reader, what: string, detail?: string): void {
  reader.unplaced.push({ what, where: placeAfter(reader.nodes), ...(detail ? { detail } : {}) });
}

/** Inline content as Markdown; "\n" marks a line break. */
function inline(node: DomNode, reader: Reader): string {
  if (node.type === 'text') return escapeMarkdown(collapseSpace(node.data ?? ''));
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return '';
  const name = node.name ?? '';
  if (SKIPPED.has(name) || name === 'ul' || name === 'ol' || name === 'table') return '';
  if (name === 'br') return '\n';
  if (name === 'img') {
    note(reader, 'image', attr(node, 'alt') ? `alt text: "${attr(node, 'alt')}"` : 'no alt text');
    return '';
  }
  if (EMBEDDED.has(name)) {
    note(reader, `embedded ${name}`, attr(node, 'title') ?? attr(node, 'src'));
    return '';
  }
  const inner = (node.children ?? []).map((child) => inline(child, reader)).join('');
  if (name === 'strong' || name === 'b') return wrap('**', inner);
  if (name === 'em' || name === 'i' || name === 'cite') return wrap('*', inner);
  if (name === 'a') return link(node, inner, reader);
  if (BLOCKS.has(name) && inner.trim()) return ` ${inner} `;
  return inner;
}

function link(node: DomNode, inner: string, reader: Reader): string {
  const raw = attr(node, 'href')?.trim();
  if (!raw || !inner.trim()) return inner;
  let href = raw;
  if (!ALLOWED_LINK.test(href) && !href.startsWith('#')) {
    try {
      href = reader.baseUrl ? new URL(href, reader.baseUrl).href : href;
    } catch {
      // left as it is; reported below
    }
  }
  if (href.startsWith('#') || /^javascript:/i.test(href)) return inner;
  if (!ALLOWED_LINK.test(href)) {
    note(reader, 'link without a full web address', `'${collapseSpace(textOf(node)).trim()}' goes to '${raw}': kept as text; add the full address`);
    return inner;
  }
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  return `${match[1]}[${match[2]!.replace(/\n/g, ' ')}](${destination(href)})${match[3]}`;
}

/** Lines of inline Markdown: trimmed, spaces collapsed, empty ones dropped. */
function lines(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => collapseSpace(line).trim())
    .filter(Boolean);
}

function pushText(markdown: string, reader: Reader): void {
  const parts = lines(markdown);
  if (parts.length === 1) reader.nodes.push({ kind: 'paragraph', text: parts[0]! });
  else if (parts.length > 1) reader.nodes.push({ kind: 'lines', lines: parts });
}

function listItems(list: DomNode, depth: number, reader: Reader, items: ListItemNode[]): void {
  for (const li of list.children ?? []) {
    if (li.type !== 'tag') continue;
    if (li.name === 'ul' || li.name === 'ol') {
      listItems(li, depth + 1, reader, items);
      continue;
    }
    const text = collapseSpace((li.children ?? []).map((child) => inline(child, reader)).join('').replace(/\n/g, ' ')).trim();
    if (text) items.push({ text, depth });
    for (const nested of li.children ?? []) {
      if (nested.type === 'tag' && (nested.name === 'ul' || nested.name === 'ol')) listItems(nested, depth + 1, reader, items);
    }
  }
}

function tableRows(table: DomNode, reader: Reader): { rows: string[][]; headerRow: boolean; caption?: string } {
  const rows: string[][] = [];
  let headerRow = false;
  let caption: string | undefined;
  const visit = (node: DomNode, inHead: boolean) => {
    for (const child of node.children ?? []) {
      if (child.type !== 'tag') continue;
      if (child.name === 'caption') caption = collapseSpace(inline(child, reader).replace(/\n/g, ' ')).trim() || undefined;
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') visit(child, child.name === 'thead');
      else if (child.name === 'tr') {
        const cells = (child.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
        if (rows.length === 0) headerRow = inHead || (cells.length > 0 && cells.every((c) => c.name === 'th'));
        rows.push(cells.map((cell) => collapseSpace(inline(cell, reader).replace(/\n/g, ' ')).trim()));
      }
    }
  };
  visit(table, false);
  return { rows, headerRow, caption };
}

/** Walks block content, gathering loose inline content into paragraphs. */
function blocks(container: DomNode, reader: Reader): void {
  let buffer = '';
  const flush = () => {
    pushText(buffer, reader);
    buffer = '';
  };
  for (const node of container.children ?? []) {
    const name = node.type === 'tag' ? node.name ?? '' : '';
    if (node.type !== 'tag' || !BLOCKS.has(name)) {
      buffer += inline(node, reader);
      continue;
    }
    flush();
    if (/^h[1-6]$/.test(name)) {
      const text = unwrapEmphasis(collapseSpace(inline(node, reader).replace(/\n/g, ' ')).trim());
      if (text) reader.nodes.push({ kind: 'heading', level: Number(name[1]), text });
    } else if (name === 'p' || name === 'pre' || name === 'dt' || name === 'dd' || name === 'figcaption' || name === 'summary' || name === 'caption') {
      if ((node.children ?? []).some((c) => c.type === 'tag' && BLOCKS.has(c.name ?? '') && c.name !== 'br')) blocks(node, reader);
      else pushText(inline(node, reader), reader);
    } else if (name === 'address') {
      const parts = lines((node.children ?? []).map((c) => (c.type === 'tag' && c.name === 'p' ? `${inline(c, reader)}\n` : inline(c, reader))).join(''));
      if (parts.length > 0) reader.nodes.push({ kind: 'lines', lines: parts });
    } else if (name === 'ul' || name === 'ol') {
      const items: ListItemNode[] = [];
      listItems(node, 0, reader, items);
      if (items.length > 0) reader.nodes.push({ kind: 'list', ordered: name === 'ol', items });
    } else if (name === 'table') {
      const table = tableRows(node, reader);
      if (table.rows.length > 0) reader.nodes.push({ kind: 'table', ...table });
    } else if (name === 'form') {
      note(reader, 'form', collapseSpace(textOf(node)).trim().slice(0, 80));
    } else if (name !== 'hr') {
      blocks(node, reader);
    }
  }
  flush();
}

/** The text of an element, one line per block, for the sentence coverage. */
export function blockTextLines(root: DomNode): string[] {
  const out: string[] = [];
  let line = '';
  const end = () => {
    const text = collapseSpace(line).trim();
    if (text) out.push(text);
    line = '';
  };
  const visit = (node: DomNode) => {
    if (node.type === 'text') line += node.data ?? '';
    if (node.type !== 'tag') return;
    const name = node.name ?? '';
    if (SKIPPED.has(name)) return;
    if (name === 'br') return end();
    const block = BLOCKS.has(name);
    if (block) end();
    (node.children ?? []).forEach(visit);
    if (block) end();
  };
  visit(root);
  end();
  return out;
}

/** Takes away page furniture around and inside the main content. */
function mainContent($: cheerio.CheerioAPI, wholeBody: boolean): DomNode {
  $('script, style, noscript, template').remove();
  const candidates = wholeBody ? [] : ['main', '[role=main]', 'article'];
  const found = candidates.map((selector) => $(selector).first()).find((selection) => selection.length > 0);
  const main = found ?? $('body').first();
  if (!wholeBody) {
    main.find(CHROME.join(', ')).remove();
    main.find('[class], [id]').each((_, element) => {
      const el = $(element);
      if (BANNERS.test(`${el.attr('class') ?? ''} ${el.attr('id') ?? ''}`)) el.remove();
    });
    main.find('a').each((_, element) => {
      const el = $(element);
      if ((el.attr('href') ?? '').startsWith('#') && SKIP_LINK.test(el.text())) el.remove();
    });
    // A page's own header and footer hold the site's name and links; an article's hold its title and date.
    if (!found) main.find('header, footer').remove();
  }
  return (main.get(0) ?? $.root().get(0)) as unknown as DomNode;
}

const BOLD_ONLY = /^\*\*([^*]+)\*\*$/;

/**
 * Many Word files and web pages make headings by putting a short paragraph in bold. When a
 * document has no headings of its own (a title aside), those paragraphs are its headings.
 */
function boldParagraphsAsHeadings(nodes: SourceNode[]): { nodes: SourceNode[]; changed: number } {
  const headings = nodes.filter((n) => n.kind === 'heading').length;
  if (headings > 1) return { nodes, changed: 0 };
  let changed = 0;
  const out = nodes.map((node): SourceNode => {
    const bold = node.kind === 'paragraph' ? BOLD_ONLY.exec(node.text) : null;
    if (!bold || bold[1]!.length > 100 || bold[1]!.split(/\s+/).length > 12 || /[.:;,]$/.test(bold[1]!.trim())) return node;
    changed++;
    return { kind: 'heading', text: bold[1]!.trim() };
  });
  return { nodes: out, changed };
}

export function readHtml(html: string, options: HtmlOptions = {}): SourceDocument {
  const $ = cheerio.load(html);
  const baseUrl = options.baseUrl ?? $('base[href]').attr('href') ?? $('link[rel=canonical]').attr('href') ?? $('meta[property="og:url"]').attr('content');
  const root = mainContent($, options.wholeBody ?? false);
  const reader: Reader = { nodes: [], unplaced: [], baseUrl: baseUrl && /^https?:/i.test(baseUrl) ? baseUrl : undefined };
  blocks(root, reader);
  const { nodes, changed } = boldParagraphsAsHeadings(reader.nodes);
  const notes = changed > 0 ? [`The document has no headings of its own: ${changed} short bold paragraphs were taken as headings, all at one level; nest them if some belong under others.`] : [];
  return { nodes, unplaced: reader.unplaced, plainLines: blockTextLines(root), notes };
}

/**
 * The text of a saved page: UTF-8, or the character set the page declares (Word's "Save as Web
 * Page" writes windows-1252), so curly quotes and pound signs come through as written.
 */
export function decodeHtml(bytes: Buffer): string {
  const declared = /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
  if (declared && /^(?:windows-1252|cp1252|iso-8859-1|latin1|us-ascii)$/.test(declared)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(declared ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
