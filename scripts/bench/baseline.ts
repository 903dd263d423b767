/**
 * What the build is measured against, on the same machine in the same run: plain Eleventy
 * rendering the same notices written as Markdown, and headless Chromium printing notice pages to
 * PDF (the usual way to make PDFs from a site). Chromium's time is measured on a sample of pages
 * and scaled to every notice; the bench says so.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';

type Mutable = Record<string, unknown>;

function markdownOfSections(sections: Mutable[], level: number, out: string[]): void {
  for (const section of sections) {
    out.push(`${'#'.repeat(Math.min(level, 6))} ${String(section.heading)}`, '');
    for (const block of (section.body as Mutable[] | undefined) ?? []) {
      if (block.type === 'paragraph') out.push(String(block.text), '');
      else if (block.type === 'list') {
        if (block.intro) out.push(String(block.intro), '');
        for (const item of block.items as string[]) out.push(`- ${item}`);
        out.push('');
      } else if (block.type === 'table') {
        const columns = block.columns as string[];
        out.push(`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`);
        for (const row of block.rows as string[][]) out.push(`| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
        out.push('');
      } else if (block.type === 'address') out.push((block.lines as string[]).join('  \n'), '');
      else if (block.type === 'contact') out.push(`Contact: ${String(block.contact)}`, '');
    }
    if (Array.isArray(section.sections)) markdownOfSections(section.sections as Mutable[], level + 1, out);
  }
}

/** A notice's YAML as a Markdown page with front matter, as a plain Eleventy site would hold it. */
export function noticeAsMarkdown(text: string): string {
  const data = yaml.load(text) as Mutable;
  const out = ['---', `title: ${JSON.stringify(String(data.title))}`, 'layout: page.njk', '---', '', String(data.summary ?? ''), ''];
  markdownOfSections(data.sections as Mutable[], 2, out);
  return out.join('\n');
}

/** Writes a plain Eleventy project of Markdown notices into `dir`. */
export async function writeMarkdownSite(dir: string, notices: readonly string[]): Promise<void> {
  await mkdir(path.join(dir, 'src', '_includes'), { recursive: true });
  await writeFile(
    path.join(dir, 'src', '_includes', 'page.njk'),
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>{{ content | safe }}</main></body></html>\n',
  );
  await Promise.all(notices.map((text, i) => writeFile(path.join(dir, 'src', `notice-${i + 1}.md`), noticeAsMarkdown(text))));
}

/** Seconds for plain Eleventy (the project's own copy, in a child process) to render `dir`. */
export function timeEleventy(dir: string, eleventyBin: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Eleventy as it comes: without the setting scripts/run.mjs makes for this project's own runs.
    const { ELEVENTY_SKIP_ESM_RESOLVER: _ours, ...env } = process.env;
    const proc = spawn(process.execPath, [eleventyBin, '--input=src', '--output=_site', '--quiet'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`plain Eleventy failed (exit ${code}): ${stderr.slice(-2000)}`))));
  });
}

/** Milliseconds per page for headless Chromium to print each of `files` to an A4 PDF. */
export async function timeChromiumPdf(files: readonly string[], executablePath: string): Promise<number> {
  const puppeteer = (await import('puppeteer')).default;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${files[0]}`); // warm up once, uncounted
    await page.pdf({ format: 'A4' });
    const started = performance.now();
    for (const file of files) {
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      await page.pdf({ format: 'A4', printBackground: true, tagged: true });
    }
    return (performance.now() - started) / files.length;
  } finally {
    await browser.close();
  }
}
