/**
 * npm start: serves the site on http://localhost:8080 and rebuilds it whenever a notice, a data
 * file or a layout changes; the browser reloads by itself. Content errors are printed in the
 * terminal and the last good version stays on screen until they are fixed.
 */
import Eleventy from '@11ty/eleventy';
import { printDiagnostics } from '../src/build/report.js';
import { dir } from '../src/html/eleventy.js';
import { pageData, type PageData } from '../src/html/view.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { loadSite } from '../src/load/load-site.js';

const root = process.cwd();
const port = Number(process.env.PORT ?? 8080);
let lastGood: PageData | undefined;

async function currentPages(): Promise<PageData> {
  const result = await loadSite(root);
  printDiagnostics(result.diagnostics);
  if (result.site && !hasErrors(result.diagnostics)) {
    lastGood = pageData(result.site);
    console.log(`[notices] ${result.site.published.length} notices are valid.`);
  } else if (lastGood) {
    console.error('[notices] Showing the last good version until the errors above are fixed.');
  } else {
    console.error('[notices] Nothing to show until the errors above are fixed.');
  }
  return lastGood ?? { site: { name: 'Privacy notices (content has errors)', url: 'http://localhost', pathPrefix: '/', owner: { id: 'none', name: 'nobody', source: '' } }, notices: [], organisations: [], downloads: {}, features: {} };
}

const eleventy = new Eleventy(dir.input, '_site', {
  configPath: '.eleventy.js',
  runMode: 'serve',
  config(eleventyConfig) {
    // A function: Eleventy calls it again on every rebuild, so edits to content/ and data/ show up.
    eleventyConfig.addGlobalData('build', currentPages);
  },
});
await eleventy.init();
await eleventy.watch();
await eleventy.serve(port);
process.on('SIGINT', async () => {
  await eleventy.stopWatch();
  process.exit(0);
});
