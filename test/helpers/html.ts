/** Reading built pages in tests, with an HTML parser (cheerio): the text a person sees, links and ids. */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** Elements that end a line of text: words on either side of them are separate. */
const BLOCK = new Set(['p', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'section', 'article', 'header', 'footer', 'nav', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'address', 'dl', 'dt', 'dd', 'main', 'figure', 'figcaption']);

export function decodeEntities(text: string): string {
  return cheerio.load(`<p>${text}</p>`, null, false)('p').text();
}

function textOf(nodes: AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push((node as unknown as { data: string }).data);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const element = node as Element;
      if (element.name === 'script' || element.name === 'style' || element.name === 'template') continue;
      if (element.name === 'br') {
        out.push('\n');
        continue;
      }
      const block = BLOCK.has(element.name);
      if (block) out.push(' ');
      textOf(element.children, out);
      if (block) out.push(' ');
    }
  }
}

/** The visible text of an element (default: the page's <main>), block boundaries as spaces, <br> as a line break. */
export function mainText(html: string, selector = 'main'): string {
  const $ = cheerio.load(html);
  const root = $(selector).first();
  const out: string[] = [];
  textOf(root.length ? root.toArray() : $.root().toArray(), out);
  return out.join('');
}

/**
 * The text of <main> without the given parts (web furniture such as the contents list and download
 * links), one string per block of text (paragraph, heading, list item, table cell …).
 */
export function mainBlocks(html: string, leaveOut: string[] = []): string[] {
  const $ = cheerio.load(html);
  const main = $('main').first();
  for (const selector of leaveOut) main.find(selector).remove();
  const blocks: string[] = [];
  const walk = (nodes: AnyNode[], current: string[]) => {
    for (const node of nodes) {
      if (node.type === 'text') current.push((node as unknown as { data: string }).data);
      else if (node.type === 'tag') {
        const element = node as Element;
        if (element.name === 'br') current.push('\n');
        else if (BLOCK.has(element.name)) {
          const own: string[] = [];
          walk(element.children, own);
          const text = own.join('').replace(/\s+/g, ' ').trim();
          if (text) blocks.push(text);
        } else walk(element.children, current);
      }
    }
  };
  // Text directly inside a block (not in a nested block) is that block's; nested blocks come out in document order.
  const flat = (element: Element) => {
    const own: string[] = [];
    for (const child of element.children) {
      if (child.type === 'tag' && BLOCK.has((child as Element).name)) {
        const text = own.join('').replace(/\s+/g, ' ').trim();
        if (text) blocks.push(text);
        own.length = 0;
        flat(child as Element);
      } else if (child.type === 'tag') walk([child], own);
      else if (child.type === 'text') own.push((child as unknown as { data: string }).data);
    }
    const text = own.join('').replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
  };
  for (const element of main.toArray()) flat(element);
  return blocks;
}

/** Every href and src in a page. */
export function linksOf(html: string): string[] {
  const $ = cheerio.load(html);
  return $('[href], [src]')
    .toArray()
    .flatMap((element) => [$(element).attr('href'), $(element).attr('src')])
    .filter((value): value is string => value !== undefined);
}

/** Every id in a page, for checking #anchors. */
export function idsOf(html: string): Set<string> {
  const $ = cheerio.load(html);
  return new Set($('[id]').toArray().map((element) => $(element).attr('id')!));
}
