/**
 * Component contracts, in the manner of govuk-frontend: every layouts/components/<name>/ has a
 * fixtures.yaml of named examples, with the parameters its macro takes (the models of src/views).
 * Each example is rendered with Nunjucks (the site's options and filters), its HTML checked with
 * cheerio and with axe-core (in jsdom: rules that need layout, such as colour contrast, are off
 * there; the site's gate checks them in Chromium), and drawn by the PDF renderer's counterpart,
 * whose text must hold the same sentences.
 *
 * In fixtures, inline text is written {md: "Markdown"}; the test turns it into runs with inline().
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as cheerio from 'cheerio';
import yaml from 'js-yaml';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { filters } from '../../src/html/filters.js';
import { NUNJUCKS_OPTIONS } from '../../src/html/eleventy.js';
import { renderEasyRead, type PictureData } from '../../src/pdf/easy-read.js';
import { renderFullNotice } from '../../src/pdf/full-notice.js';
import type { EasyReadView } from '../../src/views/easy-read.js';
import { inline } from '../../src/views/inline.js';
import type { NoticeView } from '../../src/views/notice.js';
import { mainText } from '../helpers/html.js';
import { REPO_ROOT } from '../helpers/project.js';
import { readPdf, squash } from '../pdf/pdf-reader.js';

const require = createRequire(import.meta.url);
const nunjucks = require('nunjucks') as {
  Environment: new (loader: unknown, options: object) => { addFilter(name: string, fn: unknown): void; renderString(template: string, context: object): string };
  FileSystemLoader: new (dir: string) => unknown;
};

const COMPONENTS = path.join(REPO_ROOT, 'layouts', 'components');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SITE = { name: 'Test notices', url: 'https://notices.example.org', pathPrefix: '/' };
const PICTURE: PictureData = { svg: readFileSync(path.join(REPO_ROOT, 'test/fixtures/pdf/circle.svg'), 'utf8'), file: 'test/fixtures/pdf/circle.svg' };

/** How the PDF renderer draws a component: which part of the full or easy-read view its parameters fill. */
type PdfPlace = 'block' | 'section' | 'notice-meta' | 'law-banner' | 'at-a-glance' | 'easy-read-item' | 'easy-read-words' | 'easy-read-help' | 'easy-read-credits' | 'none';

interface Example {
  name: string;
  params: unknown[];
  /** Sentences the HTML and the PDF must both show. */
  sentences: string[];
  /** CSS selector -> how many elements the HTML has. */
  html?: Record<string, number>;
}

interface FixtureFile {
  macro: string;
  pdf: PdfPlace;
  /** Why a component has no PDF counterpart (web furniture). */
  pdfReason?: string;
  /** HTML the component goes inside on a page (e.g. a list for a list item), with {content} where it goes. */
  container?: string;
  examples: Example[];
}

/** {md: "…"} -> inline("…"), everywhere in a value. */
function withRuns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withRuns);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === 'md') return inline(String(entries[0]![1]));
    return Object.fromEntries(entries.map(([k, v]) => [k, withRuns(v)]));
  }
  return value;
}

function environment() {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(COMPONENTS), { ...NUNJUCKS_OPTIONS });
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn);
  // Eleventy's url filter, with the path prefix "/".
  env.addFilter('url', (url: string) => url);
  return env;
}

function renderComponent(env: ReturnType<typeof environment>, name: string, macro: string, params: unknown[]): string {
  const args = params.map((_, i) => `p${i}`).join(', ');
  const context = Object.fromEntries(params.map((p, i) => [`p${i}`, p]));
  return env.renderString(`{% from "${name}/${name}.njk" import ${macro} %}{{ ${macro}(${args}) }}`, context);
}

async function axeViolations(html: string): Promise<string[]> {
  const dom = new JSDOM(`<!DOCTYPE html><html lang="en-GB"><head><title>Component</title></head><body><main>${html}</main></body></html>`, { runScripts: 'outside-only', pretendToBeVisual: true });
  try {
    dom.window.eval(AXE_SOURCE);
    const axe = (dom.window as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(dom.window.document, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  } finally {
    dom.window.close();
  }
}

const baseNotice = (): NoticeView => ({
  id: 'component',
  url: '/component/',
  source: 'layouts/components',
  title: inline('Component example'),
  summary: inline('A notice that holds one component.'),
  organisation: { id: 'test-council', name: 'Test Council', url: '/organisations/test-council/' },
  lastUpdated: { text: '15 January 2026', datetime: '2026-01-15' },
  nextReview: { text: 'January 2027', datetime: '2027-01' },
  meta: [],
  atAGlance: { heading: 'At a glance', items: [] },
  sections: [],
  easyReadLink: { kind: 'request', name: 'Test Council', lines: [] },
  onlineUrl: 'https://notices.example.org/component/',
});

const baseEasyRead = (): EasyReadView => ({
  noticeId: 'component',
  source: 'layouts/components',
  url: '/component/easy-read/',
  title: inline('Component example'),
  noticeTitle: 'Component example',
  organisation: { id: 'test-council', name: 'Test Council' },
  caption: 'Easy read',
  introduction: 'This is an example.',
  lastUpdated: { text: '15 January 2026', datetime: '2026-01-15' },
  sections: [],
  words: [],
  wordsIntroduction: 'These are the hard words in this notice, and what they mean.',
  help: { heading: 'Ask for help', text: 'Contact Test Council.', lines: [] },
  fullNotice: { text: 'Read the full notice: Component example', url: '/component/', absoluteUrl: 'https://notices.example.org/component/' },
  credits: { heading: 'Pictures', lines: [] },
  pictures: [],
});

/** The PDF text of a component drawn by the renderer, or undefined when it has no PDF counterpart. */
async function pdfText(place: PdfPlace, params: unknown[]): Promise<string | undefined> {
  const id = Buffer.alloc(16);
  const date = new Date('2026-01-15T00:00:00Z');
  const full = async (view: NoticeView) => (await renderFullNotice({ notice: view, site: SITE, id, date })).bytes;
  const easy = async (view: EasyReadView) => {
    const pictures: Record<string, PictureData> = {};
    for (const section of view.sections) for (const item of section.items) if (item.picture) pictures[item.picture.key] = PICTURE;
    return (await renderEasyRead({ view, site: SITE, id, date, pictures })).bytes;
  };
  const section = { id: 'example', heading: inline('Example'), level: 2, sections: [] };
  let bytes: Buffer;
  switch (place) {
    case 'none':
      return undefined;
    case 'block':
      bytes = await full({ ...baseNotice(), sections: [{ ...section, blocks: [params[0] as NoticeView['sections'][number]['blocks'][number]] }] });
      break;
    case 'section':
      bytes = await full({ ...baseNotice(), sections: [params[0] as NoticeView['sections'][number]] });
      break;
    case 'notice-meta':
      bytes = await full({ ...baseNotice(), meta: params[0] as NoticeView['meta'] });
      break;
    case 'law-banner':
      bytes = await full({ ...baseNotice(), lawBanner: params[0] as NoticeView['lawBanner'] });
      break;
    case 'at-a-glance': {
      // The links go to sections of the notice, so the PDF has them too.
      const glance = params[0] as NoticeView['atAGlance'];
      const sections = glance.items.map((item) => ({ ...section, id: item.href.slice(1), heading: inline(item.label), blocks: [] }));
      bytes = await full({ ...baseNotice(), atAGlance: glance, sections });
      break;
    }
    case 'easy-read-item':
      bytes = await easy({ ...baseEasyRead(), sections: [{ id: 'example', heading: inline('Example'), items: [params[0] as EasyReadView['sections'][number]['items'][number]] }] });
      break;
    case 'easy-read-words':
      bytes = await easy({ ...baseEasyRead(), words: params[0] as EasyReadView['words'], wordsIntroduction: String(params[1]) });
      break;
    case 'easy-read-help':
      bytes = await easy({ ...baseEasyRead(), help: params[0] as EasyReadView['help'] });
      break;
    case 'easy-read-credits':
      bytes = await easy({ ...baseEasyRead(), credits: params[0] as EasyReadView['credits'] });
      break;
  }
  return (await readPdf(bytes)).text;
}

const components = readdirSync(COMPONENTS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('component contracts', () => {
  it('every component has a fixtures.yaml with at least one example', () => {
    for (const name of components) expect(existsSync(path.join(COMPONENTS, name, 'fixtures.yaml')), `${name}/fixtures.yaml`).toBe(true);
  });

  const env = environment();
  for (const name of components) {
    const file = path.join(COMPONENTS, name, 'fixtures.yaml');
    if (!existsSync(file)) continue;
    const fixtures = yaml.load(readFileSync(file, 'utf8')) as FixtureFile;
    describe(name, () => {
      it('names its PDF counterpart, or why it has none', () => {
        expect(fixtures.examples.length).toBeGreaterThan(0);
        if (fixtures.pdf === 'none') expect(fixtures.pdfReason, `${name}: pdfReason`).toBeTruthy();
      });
      for (const example of fixtures.examples) {
        it(`${example.name}: renders the sentences and elements it promises, passes axe, and the PDF says the same`, async () => {
          const params = withRuns(example.params) as unknown[];
          const html = (fixtures.container ?? '{content}').replace('{content}', () => renderComponent(env, name, fixtures.macro, params));
          const $ = cheerio.load(html);
          for (const [selector, count] of Object.entries(example.html ?? {})) expect($(selector).length, `${name} ${example.name}: ${selector}`).toBe(count);
          const text = squash(mainText(`<main>${html}</main>`));
          for (const sentence of example.sentences) expect(text, `${name} ${example.name}: HTML`).toContain(squash(sentence));
          expect(await axeViolations(html), `${name} ${example.name}: axe`).toEqual([]);
          const pdf = await pdfText(fixtures.pdf, params);
          if (pdf !== undefined) for (const sentence of example.sentences) expect(squash(pdf), `${name} ${example.name}: PDF`).toContain(squash(sentence));
        });
      }
    });
  }
});
