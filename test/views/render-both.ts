/**
 * Builds the pages and the PDFs of a project's notices, as the build does, into one folder, under
 * tsx in a child process (a build's process of its own).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/project.js';

const run = promisify(execFile);
const from = (file: string) => JSON.stringify(pathToFileURL(path.join(REPO_ROOT, file)).href);

export interface Built {
  notices: { id: string; url: string; full: string; easyRead?: string }[];
}

/**
 * Loads `projectRoot`'s notices and writes their pages and PDFs into `outDir`. Pictures and layouts
 * come from this repository, so a throwaway project needs only data/ and content/.
 */
export async function renderBoth(projectRoot: string, outDir: string, today?: string): Promise<Built> {
  const script = path.join(outDir, '..', `render-${path.basename(outDir)}.mts`);
  await writeFile(
    script,
    `import { renderHtml } from ${from('src/build/html.ts')};
import { pageData } from ${from('src/html/view.ts')};
import { loadSite } from ${from('src/load/load-site.ts')};
import { renderPdfs } from ${from('src/pdf/index.ts')};
const repo = ${JSON.stringify(REPO_ROOT)};
const outDir = ${JSON.stringify(outDir)};
const loaded = await loadSite(${JSON.stringify(projectRoot)}${today ? `, { today: new Date(${JSON.stringify(today)}) }` : ''});
if (!loaded.site) throw new Error(loaded.diagnostics.map((d) => d.file + ':' + d.line + ' ' + d.message).join('\\n'));
const pdfs = await renderPdfs(loaded.site, outDir, { root: repo, cacheDir: false, concurrency: 1 });
const downloads = {};
for (const [id, files] of pdfs) downloads[id] = { full: files.full, easyRead: files.easyRead };
await renderHtml(repo, outDir, pageData(loaded.site, downloads, {}));
console.log(JSON.stringify({ notices: loaded.site.published.map((n) => ({ id: n.id, url: n.url, full: pdfs.get(n.id).full.url, easyRead: pdfs.get(n.id).easyRead?.url })) }));
`,
  );
  const { stdout } = await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [script], { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Built;
}
