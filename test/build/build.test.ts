/**
 * The whole build from the outside, as a comms officer runs it: `npm run build` on a copy of the
 * project. Checks that every sentence of every real notice is on its page, that every internal
 * link resolves, that the copy (which has no .git) still gets history pages and Atom feeds, and
 * that a broken notice leaves the last good site exactly as it was.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_UNAVAILABLE } from '../../src/views/history.js';
import { idsOf, linksOf, mainText } from '../helpers/html.js';
import { REPO_ROOT } from '../helpers/project.js';
import { checkInOrder, describeProblems, normalise, SEEDS, seedSentences, seedText, withEditorialChanges } from '../helpers/sentences.js';

/** The content file of each seed's notice, for its marked editorial changes. */
const SOURCE_FILES: Record<string, string> = {
  'kent-early-help': 'kent-county-council/early-help.yaml',
  'kent-childrens-social-care': 'kent-county-council/childrens-social-care.yaml',
  'children-in-need-model-notice': 'model-local-authority/children-in-need.yaml',
  'kent-children-in-need-dpa-1998': 'kent-county-council/children-in-need-dpa-1998.yaml',
  'hampshire-children-in-need-dpa-1998': 'hampshire-county-council/children-in-need-dpa-1998.yaml',
};

const run = promisify(execFile);
let project: string;
let firstBuild: { stdout: string; stderr: string };

async function build(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(project, 'node_modules/.bin/tsx'), ['scripts/build.ts', '--no-check', ...extra], { cwd: project, env: { ...process.env, FORCE_COLOR: '0' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

async function snapshot(dir: string, options: { withoutPdfId?: boolean } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await files(dir)) {
    let bytes: Buffer | string = await readFile(path.join(dir, file));
    if (options.withoutPdfId && file.endsWith('.pdf')) bytes = bytes.toString('latin1').replace(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/, '/ID []');
    out[file] = createHash('sha256').update(bytes).digest('hex');
  }
  return out;
}

const page = (url: string) => readFile(path.join(project, '_site', url, url.endsWith('.html') ? '' : 'index.html'), 'utf8');

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'notices-build-'));
  for (const item of ['content', 'data', 'layouts', 'src', 'scripts', 'schema', '.eleventy.js', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO_ROOT, item), path.join(project, item), { recursive: true });
  }
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(project, 'node_modules'));
  const result = await build();
  expect(result.code, result.stderr).toBe(0);
  firstBuild = result;
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('building the default content', () => {
  it('publishes the five real notices, the home page, organisation pages, a 404 page and a sitemap', async () => {
    const built = await files(path.join(project, '_site'));
    for (const [, id] of SEEDS) expect(built).toContain(`${id}/index.html`);
    expect(built).toEqual(expect.arrayContaining(['index.html', '404.html', 'sitemap.xml', 'organisations/kent-county-council/index.html', 'assets/site.css']));
    const sitemap = await readFile(path.join(project, '_site/sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://privacy-notices.example.org/kent-early-help/</loc>');
    expect(sitemap).toContain('<loc>https://privacy-notices.example.org/kent-early-help/easy-read/</loc>');
    expect(firstBuild.stdout).toMatch(/Built 5 notices/);
  });

  it('builds the same site, with the same warnings, through npm run build (the build as one file, scripts/run.mjs)', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'notices-one-file-'));
    try {
      const { stdout, stderr } = await run(process.execPath, ['scripts/run.mjs', 'build', '--no-check', '--out', out], { cwd: project, env: { ...process.env, FORCE_COLOR: '0' } });
      expect(JSON.parse(await readFile(path.join(project, '.cache/code/bundles/build.json'), 'utf8'))).not.toHaveProperty('unbundled');
      expect(stdout).toMatch(/Built 5 notices/);
      const warnings = (text: string) => text.split('\n').filter((line) => / warning /.test(line));
      expect(warnings(stderr)).toEqual(warnings(firstBuild.stderr));
      // A PDF's document ID comes from a hash of the renderer's code, which differs between its
      // TypeScript (the first build, run with tsx) and its compiled copy: the rest is the same.
      expect(await snapshot(out, { withoutPdfId: true })).toEqual(await snapshot(path.join(project, '_site'), { withoutPdfId: true }));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('prints the warnings about gaps in the sources without failing', () => {
    expect(firstBuild.stderr).toMatch(/content\/model-local-authority\/children-in-need\.yaml:\d+:\d+ warning .*nothing follows it/);
    expect(firstBuild.stderr).toMatch(/content\/hampshire-county-council\/children-in-need-dpa-1998\.yaml:\d+:\d+ warning .*give only a name/);
  });

  it.each(SEEDS)('keeps every sentence of seed %s on the page of %s, in order', async (seed, id) => {
    const html = await page(`${id}/`);
    const text = normalise(mainText(html));
    const sentences = withEditorialChanges(seedSentences(seedText(seed)), `content/${SOURCE_FILES[id]}`, normalise);
    const problems = checkInOrder(text, sentences, normalise);
    expect(problems, describeProblems(problems)).toEqual([]);
  });

  it('has one h1, headings in order, landmarks, a skip link and the language on every page', async () => {
    for (const file of (await files(path.join(project, '_site'))).filter((f) => f.endsWith('.html'))) {
      const html = await readFile(path.join(project, '_site', file), 'utf8');
      expect(html, file).toContain('<html lang="en-GB">');
      expect(html.match(/<h1\b/g), file).toHaveLength(1);
      for (const landmark of ['<header', '<nav', '<main', '<footer']) expect(html, `${file} ${landmark}`).toContain(landmark);
      expect(html, file).toMatch(/<a class="skip-link" href="#main-content">/);
      const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      levels.forEach((level, i) => {
        if (i > 0) expect(level - levels[i - 1]!, `${file}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(1);
      });
    }
  });

  it('marks up the retention table with a caption and header cells', async () => {
    const html = await page('kent-childrens-social-care/');
    expect(html).toMatch(/<caption[^>]*>Retention periods/);
    expect(html).toContain('<th scope="col">Category</th>');
    expect(html).toMatch(/<th scope="row">Adoption<\/th>\s*<td>Date of birth \+100 years<\/td>/);
  });

  it('puts contact details in address elements with working links', async () => {
    const html = await page('kent-children-in-need-dpa-1998/');
    expect(html).toMatch(/<address class="address contact">\s*Information Resilience &amp; Transparency Team<br>/);
    expect(html).toContain('<a href="tel:03000414141">03000 414141</a>');
    expect(html).toContain('<a href="mailto:data.protection@kent.gov.uk">data.protection@kent.gov.uk</a>');
  });

  it('resolves every internal link, anchor and asset', async () => {
    const site = path.join(project, '_site');
    const all = await files(site);
    const problems: string[] = [];
    for (const file of all.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(path.join(site, file), 'utf8');
      for (const link of linksOf(html)) {
        if (/^(https?:|mailto:|tel:)/.test(link)) continue;
        const [target = '', anchor] = link.split('#');
        const resolved = target === '' ? file : path.posix.join(target.startsWith('/') ? '' : path.posix.dirname(file), target).replace(/^\//, '');
        const candidate = resolved.endsWith('/') || resolved === '' ? `${resolved}index.html` : resolved;
        const targetFile = all.includes(candidate) ? candidate : all.includes(`${candidate}/index.html`) ? `${candidate}/index.html` : undefined;
        if (!targetFile) {
          problems.push(`${file}: ${link} does not exist`);
          continue;
        }
        if (anchor && !idsOf(await readFile(path.join(site, targetFile), 'utf8')).has(anchor)) problems.push(`${file}: ${link} has no #${anchor}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('keeping notices current, built from a folder without .git', () => {
  it('links each notice to its history page, which says the version history could not be read', async () => {
    const notice = await page('kent-childrens-social-care/');
    expect(notice).toContain('href="/kent-childrens-social-care/history/">See all updates</a>');
    expect(mainText(notice)).toMatch(/Last updated\s+29 November 2026/);
    for (const [, id] of SEEDS) {
      const history = mainText(await page(`${id}/history/`));
      expect(history).toContain(HISTORY_UNAVAILABLE);
    }
    expect(mainText(await page('kent-childrens-social-care/history/'))).toContain('The section on your rights now gives the full contact details');
    const sitemap = await readFile(path.join(project, '_site/sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://privacy-notices.example.org/kent-early-help/history/</loc>');
  });

  it('writes Atom feeds of major changes that parse as XML, linked from the pages', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' });
    const read = async (file: string) => {
      const xml = await readFile(path.join(project, '_site', file), 'utf8');
      expect(XMLValidator.validate(xml), file).toBe(true);
      return parser.parse(xml) as { feed: { title: string; id: string; updated: string; entry?: { title: string; id: string; updated: string; summary: string; link: { '@_href': string }[] }[] } };
    };
    const all = await read('feed.xml');
    const kent = await read('organisations/kent-county-council/feed.xml');
    const hampshire = await read('organisations/hampshire-county-council/feed.xml');
    expect(all.feed.id).toBe('https://privacy-notices.example.org/feed.xml');
    for (const feed of [all, kent]) {
      const entry = feed.feed.entry?.find((e) => e.id === 'https://privacy-notices.example.org/kent-childrens-social-care/history/#change-2026-11-29');
      expect(entry?.updated).toBe('2026-11-29T00:00:00Z');
      expect(entry?.summary).toMatch(/^The section on your rights now gives/);
      expect(entry?.link[0]?.['@_href']).toBe('https://privacy-notices.example.org/kent-childrens-social-care/');
    }
    expect(hampshire.feed.entry ?? []).toEqual([]);
    expect(hampshire.feed.updated).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
    const html = await page('kent-childrens-social-care/');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/organisations/kent-county-council/feed.xml"');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/feed.xml"');
    expect(html).toContain('>Get updates (Atom feed)</a>');
  });
});

describe('legal assurance in the built site', () => {
  const htmlFiles = async () => (await files(path.join(project, '_site'))).filter((f) => f.endsWith('.html'));

  it('writes reports/completeness.json for every notice and prints the table', async () => {
    const report = JSON.parse(await readFile(path.join(project, 'reports/completeness.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(report).sort()).toEqual(SEEDS.map(([, id]) => id).sort());
    for (const statuses of Object.values(report)) expect(Object.keys(statuses)).toEqual(expect.arrayContaining(['controller', 'retention', 'rights.access', 'complain-to-us']));
    expect(report['kent-early-help']!.retention).toBe('present');
    expect(firstBuild.stdout).toMatch(/^notice +co rp dp pu lb li ca re tr rt ac rc er rs ob po wc ic cu so st ad$/m);
    expect(firstBuild.stdout).toMatch(/^kent-children-in-need-dpa-1998 \(old law\) /m);
    // A missing item is a warning naming the file and line.
    expect(firstBuild.stderr).toMatch(/content\/kent-county-council\/early-help\.yaml:\d+:\d+ warning \[gdpr-item-missing\] .*transfers is missing/);
  });

  it('puts "At a glance" on every full notice page, each line linking to a section of the page', async () => {
    for (const [, id] of SEEDS) {
      const html = await page(`${id}/`);
      const glance = html.match(/<section class="at-a-glance"[\s\S]*?<\/section>/)?.[0];
      expect(glance, id).toBeDefined();
      const anchors = [...glance!.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]!);
      expect(anchors.length, id).toBeGreaterThan(0);
      const ids = idsOf(html);
      for (const anchor of anchors) expect(ids.has(anchor), `${id}: #${anchor}`).toBe(true);
    }
  });

  it('shows no invented date, never says the UK GDPR replaced the 1998 Act in May 2018, and links the old Kent notice to the current one', async () => {
    for (const file of await htmlFiles()) {
      const html = await readFile(path.join(project, '_site', file), 'utf8');
      expect(html, file).not.toMatch(/replaced on 25 May 2018 by the UK General Data Protection Regulation/);
      expect(html, file).not.toMatch(/UK GDPR[^.]*replaced[^.]*1998|1998[^.]*replaced[^.]*by the UK GDPR/);
    }
    for (const id of ['kent-children-in-need-dpa-1998', 'hampshire-children-in-need-dpa-1998']) {
      const text = mainText(await page(`${id}/`));
      expect(text, id).toContain('Date not given');
      expect(text, id).not.toMatch(/May 2019|Last updated:? ?May 2018/);
      expect(mainText(await page(`${id}/easy-read/`)), id).not.toMatch(/May 2019|Last updated:? ?May 2018/);
    }
    expect(await page('kent-children-in-need-dpa-1998/')).toMatch(/<div class="callout" role="note">[\s\S]*<a href="\/kent-childrens-social-care\/">/);
    expect(await page('organisations/kent-county-council/')).toMatch(/<h2 class="heading-l">Older notices<\/h2>[\s\S]*kent-children-in-need-dpa-1998/);
  });

  it("gives on every easy-read page the ICO's phone number and website, a contact for the organisation and how to get a copy", async () => {
    for (const [, id] of SEEDS) {
      const html = await page(`${id}/easy-read/`);
      expect(html, id).toContain('href="tel:03031231113"');
      expect(html, id).toMatch(/href="https:\/\/ico\.org\.uk\//);
      expect(mainText(html), id).toMatch(/\bcopy\b/i);
      // A working contact: an email, phone or web address of the organisation (the model notice names none, relaxed with a reason).
      if (id !== 'children-in-need-model-notice') expect(html, id).toMatch(/href="(mailto:[^"]+|tel:0300[^"]+|https:\/\/www\.(kent|hants)\.gov\.uk[^"]*)"/);
    }
  });

  it('escapes nothing twice: no built page contains &amp;#', async () => {
    for (const file of await htmlFiles()) expect(await readFile(path.join(project, '_site', file), 'utf8'), file).not.toContain('&amp;#');
  });
});

/** Runs `check` with a project file (relative to the project) changed by `edit`, then puts the file back. */
async function withEdited(file: string, edit: (text: string) => string, check: () => Promise<void>): Promise<void> {
  const full = path.join(project, file);
  const good = await readFile(full, 'utf8');
  await writeFile(full, edit(good));
  try {
    await check();
  } finally {
    await writeFile(full, good);
  }
}

/** The last good site is exactly as it was (`before`), and no staged or half-deleted site is left beside it. */
async function expectLastGoodSite(before: Record<string, string>): Promise<void> {
  expect(await snapshot(path.join(project, '_site'))).toEqual(before);
  expect((await readdir(project)).filter((name) => name.startsWith('_site.'))).toEqual([]);
}

describe('a failed build', () => {
  it('names the file and line, and leaves the last good site exactly as it was', async () => {
    const before = await snapshot(path.join(project, '_site'));
    await withEdited('content/kent-county-council/early-help.yaml', (good) => good.replace(/type: paragraph/, 'type: paragrah'), async () => {
      const result = await build();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/content\/kent-county-council\/early-help\.yaml:\d+:\d+ error \[unknown-block-type\] sections\[\d+\]\.body\[\d+\]\.type: unknown block type 'paragrah'\.\n\s+Did you mean 'paragraph'\?/);
      expect(result.stderr).toContain('the previous _site/ is unchanged');
      await expectLastGoodSite(before);
    });
  });

  it('publishes nothing when an easy read fails its checks while the PDFs are being made', async () => {
    // The notice loads without errors, so its PDFs start at once; the easy-read checks, which run
    // beside them, then find the ICO's phone number missing.
    const before = await snapshot(path.join(project, '_site'));
    const withoutHelpline = (good: string) => {
      const [head, easy] = [good.slice(0, good.indexOf('\neasyRead:')), good.slice(good.indexOf('\neasyRead:'))];
      return head + easy.replaceAll('[0303 123 1113](tel:03031231113)', 'the helpline');
    };
    await withEdited('content/kent-county-council/early-help.yaml', withoutHelpline, async () => {
      const result = await build();
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/content\/kent-county-council\/early-help\.yaml:\d+:\d+ error \[easy-read-help-missing\]/);
      expect(result.stderr).toContain('the previous _site/ is unchanged');
      await expectLastGoodSite(before);
    });
  });

  it('names the template, line and column of a mistake in a component, prints no stack trace, and publishes nothing', async () => {
    const before = await snapshot(path.join(project, '_site'));
    let broken = '';
    const addEndif = (good: string) => {
      const lines = good.split('\n');
      broken = lines[1] = `${lines[1]} {% endif %}`;
      return lines.join('\n');
    };
    await withEdited('layouts/components/section/section.njk', addEndif, async () => {
      const result = await build();
      expect(result.code).toBe(1);
      const column = broken.indexOf('endif') + 1;
      expect(result.stderr).toContain(`layouts/components/section/section.njk:2:${column} error [template-failed] this template could not be drawn: unknown block tag: endif.`);
      expect(result.stderr).toContain('The build failed: [template-failed] layouts/components/section/section.njk:2 (above).');
      expect(result.stderr).toContain('the previous _site/ is unchanged');
      expect(result.stderr + result.stdout).not.toMatch(/^\s+at |\[11ty\]/m);
      // For editors and other tools, it is one more JSON line on stdout, as content problems are.
      const json = await build('--format', 'json');
      expect(json.code).toBe(1);
      expect(json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { code: string }).filter((d) => d.code === 'template-failed')).toEqual([
        expect.objectContaining({ file: 'layouts/components/section/section.njk', line: 2, column, severity: 'error' }),
      ]);
      await expectLastGoodSite(before);
    });
  });

  it('tells the content errors of a rebuild, not the template it could not draw the changed notice with, when it has both', async () => {
    // A rebuild draws the pages of the notices that changed before it checks their easy reads.
    const before = await snapshot(path.join(project, '_site'));
    const withoutHelpline = (good: string) => good.slice(0, good.indexOf('\neasyRead:')) + good.slice(good.indexOf('\neasyRead:')).replaceAll('[0303 123 1113](tel:03031231113)', 'the helpline');
    const addEndif = (good: string) => good.replace('\n', ' {% endif %}\n');
    await withEdited('layouts/components/section/section.njk', addEndif, () =>
      withEdited('content/kent-county-council/early-help.yaml', withoutHelpline, async () => {
        const result = await build();
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/content\/kent-county-council\/early-help\.yaml:\d+:\d+ error \[easy-read-help-missing\]/);
        expect(result.stderr).not.toContain('template-failed');
        expect(result.stderr).toContain('the previous _site/ is unchanged');
        await expectLastGoodSite(before);
      }),
    );
  });

  it('names the template a rebuild could not draw a changed notice with, when its content has no errors', async () => {
    const before = await snapshot(path.join(project, '_site'));
    const addEndif = (good: string) => good.replace('\n', ' {% endif %}\n');
    const addSentence = (good: string) => good.replace(/^summary: (.*)$/m, (line) => `${line.replace(/"$/, '')} We review it every year.${line.endsWith('"') ? '"' : ''}`);
    await withEdited('layouts/components/section/section.njk', addEndif, () =>
      withEdited('content/kent-county-council/early-help.yaml', addSentence, async () => {
        const result = await build();
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/layouts\/components\/section\/section\.njk:1:\d+ error \[template-failed\]/);
        expect(result.stderr).toContain('The build failed: [template-failed] layouts/components/section/section.njk:1 (above).');
        expect(result.stderr).toContain('the previous _site/ is unchanged');
        await expectLastGoodSite(before);
      }),
    );
  });

  it('escapes HTML written into a notice instead of running it', async () => {
    await withEdited('content/kent-county-council/early-help.yaml', (good) => good.replace(/^summary: .*$/m, 'summary: "Early help <script>alert(1)</script> notice."'), async () => {
      const result = await build();
      expect(result.code, result.stderr).toBe(0);
      const html = await page('kent-early-help/');
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });
});
