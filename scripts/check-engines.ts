/**
 * npm run check:engines [-- --site _site] [--fixtures]
 *
 * Measures what each of pa11y's engines (axe-core and HTML_CodeSniffer) finds on a built site, and
 * how long each takes per page, so the gate runs only engines that find something the others do not.
 * With --fixtures it also checks the test site with one injected problem per page (test/check/).
 * Prints, per engine, the gate's findings (errors, and promoted warnings) by rule, and the ms per page.
 */
import './start-up.js';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pa11y, { type Pa11yIssue } from 'pa11y';
import { findBrowser, needsNoSandbox } from '../src/check/browser.js';
import { keepIssue, PA11Y_SETTINGS } from '../src/check/checks/pa11y.js';
import { serveSite } from '../src/check/serve.js';
import { scanSite } from '../src/check/site.js';
import { TabPool } from '../src/check/tabs.js';
import { goodPages, makePdf, page, problemPages, tempDir, writeSite } from './check-engines/fixture-site.js';

const args = parseArgs({ options: { site: { type: 'string', default: '_site' }, fixtures: { type: 'boolean', default: false } } }).values;

interface Tally {
  ms: number;
  pages: number;
  findings: Map<string, Set<string>>;
}

async function measure(siteDir: string, pathPrefix: string, tallies: Record<string, Tally>): Promise<void> {
  const site = await scanSite(siteDir);
  const server = await serveSite(siteDir, { pathPrefix });
  const found = findBrowser({ env: process.env });
  const pool = new TabPool(needsNoSandbox(process.env) ? { ...found, noSandbox: true } : found, { concurrency: 1, timeoutMs: 120_000 });
  await pool.start();
  try {
    for (const page of site.pages) {
      await pool.run(async ({ browser, page: tab }) => {
        const url = server.url(page.path);
        await tab.goto(url, { waitUntil: 'load' });
        await tab.evaluate('document.fonts.ready.then(() => true)');
        for (const runner of ['axe', 'htmlcs']) {
          const start = performance.now();
          const result = await pa11y(url, {
            browser, page: tab, ignoreUrl: true, runners: [runner], rules: runner === 'axe' ? PA11Y_SETTINGS.axeRules : [],
            standard: 'WCAG2AA', includeWarnings: true, viewport: PA11Y_SETTINGS.viewport,
          });
          const tally = (tallies[runner] ??= { ms: 0, pages: 0, findings: new Map() });
          tally.ms += performance.now() - start;
          tally.pages++;
          for (const issue of result.issues.filter((i: Pa11yIssue) => keepIssue(i))) {
            const pages = tally.findings.get(issue.code) ?? new Set<string>();
            pages.add(`${path.basename(siteDir)}${page.path}`);
            tally.findings.set(issue.code, pages);
          }
        }
      });
    }
  } finally {
    await pool.close();
    await server.close();
  }
}

/** Mistakes a template or a notice could make that the gate's own test site does not inject. */
function moreProblems(): Record<string, string> {
  const pages: Record<string, string> = {
    'unlabelled-input': '<form action="/search/"><input type="search" name="q"><button>Search</button></form>',
    'empty-link': '<p><a href="/good/"></a></p>',
    'empty-button': '<form action="/search/"><label for="q">Search</label><input id="q" name="q"><button></button></form>',
    'table-no-headers': '<table><tr><td>Name</td><td>Kept for</td></tr><tr><td>Case file</td><td>6 years</td></tr></table>',
    'th-no-scope': '<table><caption>Retention</caption><tr><th>Record</th><th>Kept for</th></tr><tr><th>Case file</th><td>6 years</td></tr></table>',
    'duplicate-id': '<p id="same">One.</p><p id="same">Two.</p>',
    'link-text-same-different-targets': '<p><a href="/good/">More</a> and <a href="/other/">More</a></p>',
    'aria-bad-role': '<div role="buton">Press</div>',
    'aria-hidden-focus': '<div aria-hidden="true"><a href="/good/">Hidden link</a></div>',
    'image-link-no-text': '<p><a href="/good/"><img src="/assets/photo.png" alt=""></a></p>',
    'list-bad-child': '<ul><p>Not an item</p></ul>',
    'iframe-no-title': '<iframe src="/good/"></iframe>',
    'select-no-label': '<select name="s"><option>One</option></select>',
    'lang-wrong': '<p lang="xx-nonsense">Text.</p>',
    'meta-refresh': '<p>Text.</p>',
    'positive-tabindex': '<p><a href="/good/" tabindex="3">Good</a></p>',
    'fieldset-radios': '<form action="/search/"><input type="radio" id="a" name="r"><label for="a">A</label><input type="radio" id="b" name="r"><label for="b">B</label></form>',
    'abbr-title-only': '<p><span title="Data Protection Officer">DPO</span></p>',
  };
  return Object.fromEntries(
    Object.entries(pages).map(([name, body]) => [`more/${name}/index.html`, page(name, `    <h1>${name}</h1>\n    ${body}`).replace('<head>', name === 'meta-refresh' ? '<head><meta http-equiv="refresh" content="5">' : '<head>')]),
  );
}

const tallies: Record<string, Tally> = {};
await measure(args.site, '/', tallies);
if (args.fixtures) {
  const dir = await tempDir('engines');
  try {
    await writeSite(dir, { ...goodPages(), ...problemPages(), ...moreProblems(), 'docs/tagged.pdf': await makePdf(true) });
    await measure(dir, '/', tallies);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
for (const [runner, tally] of Object.entries(tallies)) {
  console.log(`${runner}: ${tally.pages} pages, ${Math.round(tally.ms / tally.pages)} ms a page`);
  for (const [code, pages] of tally.findings) console.log(`  ${code}: ${[...pages].join(', ')}`);
}
