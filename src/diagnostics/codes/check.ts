/**
 * Messages of the accessibility gate (src/check): a problem on a page or PDF, and the problems of
 * the gate itself (no site, no browser, a page that could not be checked). Every one stops the
 * site being published, except the warnings.
 */
import { define } from '../define.js';

interface OnPage {
  /** Site path of the page or PDF, e.g. "/kent-early-help/". */
  page: string;
}

export const checkMessages = {
  'accessibility-rule-failed': define<OnPage & { runner: string; rule: string; detail: string; fix: string }>({
    severity: 'error',
    summary: 'The pa11y check (axe-core) found a WCAG 2.2 AA failure on a page.',
    message: (p) => `${p.runner} rule ${p.rule} failed on ${p.page}: ${p.detail}`,
    hint: (p) => p.fix,
    example: { page: '/kent-early-help/', runner: 'axe', rule: 'color-contrast', detail: 'Elements must meet minimum color contrast ratio thresholds', fix: 'Make the text darker or its background lighter.' },
  }),
  'html-invalid': define<OnPage & { rule: string; line: number; detail: string; fix: string }>({
    severity: 'error',
    summary: 'The html-validate check found invalid HTML or a misused element on a page.',
    message: (p) => `line ${p.line}: ${p.detail}`,
    hint: (p) => p.fix,
    example: { page: '/kent-early-help/', rule: 'heading-level', line: 42, detail: 'Heading level can only increase by one, expected <h2> but got <h3>', fix: 'Do not skip heading levels.' },
  }),
  'broken-link': define<OnPage & { element: string; target: string }>({
    severity: 'error',
    summary: 'A link goes to a page or file that is not in the built site.',
    message: (p) => `${p.element} links to ${p.target}, which is not a page or file of this site.`,
    hint: () => 'Correct the address, or add the missing page. Links between notices use the notice id: /<id>/.',
    example: { page: '/kent-early-help/', element: '<a href="/missing/">', target: '/missing/' },
  }),
  'missing-pdf': define<OnPage & { element: string; target: string }>({
    severity: 'error',
    summary: 'A link goes to a PDF that is not in the built site.',
    message: (p) => `${p.element} links to the PDF ${p.target}, which does not exist in the built site.`,
    hint: () => 'Build the PDF (npm run build makes one for every notice), or remove the link.',
    example: { page: '/kent-early-help/', element: '<a href="/kent-early-help/notice.pdf">', target: '/kent-early-help/notice.pdf' },
  }),
  'missing-file': define<OnPage & { element: string; target: string; fromStylesheet: boolean }>({
    severity: 'error',
    summary: 'A page or stylesheet loads a file (image, stylesheet, font) that is not in the built site.',
    message: (p) => (p.fromStylesheet ? `the stylesheet loads ${p.target}, which does not exist in the built site.` : `${p.element} loads ${p.target}, which does not exist in the built site.`),
    hint: (p) =>
      p.fromStylesheet
        ? 'Add the file to layouts/assets/ (fonts are copied by the build), or correct the url(…).'
        : 'Add the file to the site (layouts/assets/ is copied to /assets/), or correct the address.',
    example: { page: '/kent-early-help/', element: '<img src="/assets/logo.png">', target: '/assets/logo.png', fromStylesheet: false },
  }),
  'missing-anchor': define<OnPage & { element: string; fragment: string; where: string }>({
    severity: 'error',
    summary: 'A link goes to a section (#id) that is not on the page it names.',
    message: (p) => `${p.element} goes to #${p.fragment} on ${p.where}, but nothing there has id="${p.fragment}".`,
    hint: () => "Link to a section's id (a notice section's id is set in its YAML, or made from its heading), or correct the link.",
    example: { page: '/kent-early-help/', element: '<a href="#rights">', fragment: 'rights', where: 'this page' },
  }),
  'link-outside-site': define<OnPage & { element: string; target: string; pathPrefix: string }>({
    severity: 'error',
    summary: 'A link or file is outside the folder the site is published in.',
    message: (p) => `${p.element} points to ${p.target}, outside the folder the site is published in (${p.pathPrefix}), so it will be broken once published.`,
    hint: (p) => `Write the link so that it starts with ${p.pathPrefix} (in layouts, use the | url filter).`,
    example: { page: '/kent-early-help/', element: '<a href="/other/">', target: '/other/', pathPrefix: '/notices/' },
  }),
  'pdf-not-tagged': define<OnPage & { missing: string }>({
    severity: 'error',
    summary: 'A PDF has no structure tags, so screen readers cannot follow it.',
    message: (p) => `the PDF is not tagged: ${p.missing}, so screen readers cannot follow its headings, lists and tables.`,
    hint: () => "Create it with pdfkit's tagged: true and build the structure tree (doc.struct …) for all content.",
    example: { page: '/kent-early-help/notice.pdf', missing: 'no structure tree (StructTreeRoot)' },
  }),
  'pdf-no-title': define<OnPage>({
    severity: 'error',
    summary: 'A PDF has no title.',
    message: () => 'the PDF has no title in its document information.',
    hint: () => 'Set info: { Title } when creating the PDF.',
    example: { page: '/kent-early-help/notice.pdf' },
  }),
  'pdf-title-not-shown': define<OnPage>({
    severity: 'error',
    summary: 'A PDF does not ask viewers to show its title instead of its file name.',
    message: () => 'the PDF does not ask viewers to show its title (ViewerPreferences /DisplayDocTitle), so they show the file name instead.',
    hint: () => 'Create the PDF with displayTitle: true.',
    example: { page: '/kent-early-help/notice.pdf' },
  }),
  'pdf-no-language': define<OnPage>({
    severity: 'error',
    summary: 'A PDF does not say what language it is in.',
    message: () => 'the PDF does not say what language it is in (no /Lang).',
    hint: () => "Create the PDF with lang: 'en-GB'.",
    example: { page: '/kent-early-help/notice.pdf' },
  }),
  'pdf-fonts-not-embedded': define<OnPage & { fonts: string }>({
    severity: 'error',
    summary: 'A PDF uses fonts it does not embed.',
    message: (p) => `fonts are not embedded: ${p.fonts}. Readers' computers substitute other fonts, and text may not be extracted correctly.`,
    hint: () => 'Register a real font file with doc.registerFont (the 14 built-in PDF fonts, such as Helvetica, cannot be embedded).',
    example: { page: '/kent-early-help/notice.pdf', fonts: 'Helvetica' },
  }),
  'pdf-unreadable': define<OnPage & { reason: string }>({
    severity: 'error',
    summary: 'A PDF cannot be read.',
    message: (p) => `the PDF cannot be read (${p.reason}).`,
    hint: () => 'Build it again; if it still fails, the PDF stage wrote a broken file.',
    example: { page: '/kent-early-help/notice.pdf', reason: 'Invalid PDF structure.' },
  }),
  'browser-missing': define<{ detail: string }>({
    severity: 'error',
    summary: 'No Chrome or Chromium was found for the in-browser accessibility checks (pa11y).',
    message: (p) => p.detail,
    hint: () => 'Install a browser as described above. On a person’s machine the build runs the other checks without one; on CI (CI=true) it fails.',
    example: { detail: 'No browser was found for the accessibility check (pa11y needs Chrome or Chromium).' },
  }),
  'browser-failed': define<{ executable: string; reason: string }>({
    severity: 'error',
    summary: 'The browser was found but did not start.',
    message: (p) => `the browser at ${p.executable} did not start: ${p.reason}`,
    hint: () => 'Check the browser runs (chromium --headless --version); reinstall it, or set PUPPETEER_EXECUTABLE_PATH to another Chrome or Chromium.',
    example: { executable: '/usr/bin/chromium', reason: 'Failed to launch the browser process.' },
  }),
  'browser-checks-skipped': define<{ reason: string }>({
    severity: 'warning',
    summary: 'The in-browser checks (pa11y: contrast, target size …) did not run, because no browser was found; the other checks did.',
    message: (p) => `pa11y did not run (${p.reason}), so contrast and other in-browser checks were NOT done.`,
    hint: () => 'Install Chrome or Chromium (sudo apt-get install -y chromium, or npx puppeteer browsers install chrome) and build again.',
    example: { reason: 'no browser was found' },
  }),
  'check-timed-out': define<OnPage & { check: string; seconds: number }>({
    severity: 'error',
    summary: 'A page took too long to check, twice. A page that cannot be checked fails.',
    message: (p) => `the ${p.check} check of ${p.page} timed out after ${p.seconds} s (tried twice). A page that cannot be checked fails.`,
    hint: () => 'Run the check again. If it times out again, open the page in a browser: it may be very large or broken. Use --concurrency 1 on a busy machine.',
    example: { page: '/kent-early-help/', check: 'pa11y', seconds: 60 },
  }),
  'check-crashed': define<OnPage & { check: string; reason: string }>({
    severity: 'error',
    summary: 'A check could not run on a page (the browser crashed, the page did not load …). A page that cannot be checked fails.',
    message: (p) => `the ${p.check} check could not check ${p.page}: ${p.reason}. A page that cannot be checked fails.`,
    hint: () => 'Run the check again. If it fails again, open the page in a browser: it may be broken.',
    example: { page: '/kent-early-help/', check: 'pa11y', reason: 'the page did not load: HTTP 404' },
  }),
  'check-retried': define<OnPage & { check: string; reason: string }>({
    severity: 'warning',
    summary: 'A page could not be checked at the first attempt and is being checked again.',
    message: (p) => `the ${p.check} check of ${p.page} failed to run (${p.reason}); trying once more.`,
    hint: () => 'Nothing to do unless the second attempt fails too.',
    example: { page: '/kent-early-help/', check: 'pa11y', reason: 'timed out after 60 s' },
  }),
  'no-site': define<{ folder: string }>({
    severity: 'error',
    summary: 'The gate was asked to check a folder that does not exist.',
    message: (p) => `there is no built site at ${p.folder}.`,
    hint: () => 'Run npm run build first.',
    example: { folder: '_site' },
  }),
  'no-pages': define<{ folder: string }>({
    severity: 'error',
    summary: 'The site folder has no HTML pages.',
    message: (p) => `the site folder ${p.folder} has no HTML pages, so nothing could be checked.`,
    hint: () => 'Run npm run build first, and check the build succeeded.',
    example: { folder: '_site' },
  }),
  'check-failed': define<{ problems: number; where: string }>({
    severity: 'error',
    summary: 'The accessibility gate found problems: the site is not published.',
    message: (p) => `the accessibility check found ${p.problems} problem${p.problems === 1 ? '' : 's'} on ${p.where}.`,
    hint: () => 'Fix each problem listed above (every one is also in reports/accessibility.json) and build again.',
    example: { problems: 3, where: '2 pages' },
  }),
  'preview-kept-last-good': define<{ url: string }>({
    severity: 'warning',
    summary: 'Preview (npm start): the rebuild failed, so the preview still shows the last version that built.',
    message: (p) => `the preview at ${p.url} still shows the last version that built.`,
    hint: () => 'Fix the problems listed above and save: the preview rebuilds by itself.',
    example: { url: 'http://127.0.0.1:8080/' },
  }),
  'preview-nothing-to-show': define<{ url: string }>({
    severity: 'error',
    summary: 'Preview (npm start): the site has not built yet, so the preview has nothing to show.',
    message: (p) => `the site did not build, so ${p.url} has nothing to show yet.`,
    hint: () => 'Fix the problems listed above and save: the preview rebuilds by itself.',
    example: { url: 'http://127.0.0.1:8080/' },
  }),
  'check-wrong-argument': define<{ detail: string; usage: string }>({
    severity: 'error',
    summary: 'The check (npm run check) or the preview (npm start) was given an option it does not know, or a wrong value.',
    message: (p) => p.detail,
    hint: (p) => p.usage,
    example: { detail: '--concurrency must be a whole number of 1 or more.', usage: 'Usage: npm run check -- [--all] [--site _site] [--concurrency N]' },
  }),
  'shards-missing': define<{ missing: string; count: number }>({
    severity: 'error',
    summary: 'Merging a sharded check (npm run check -- --merge): the report of one or more shards is missing, so some pages were not checked.',
    message: (p) => `the reports of shard ${p.missing} of ${p.count} are missing: their pages were not checked.`,
    hint: () => 'Run the missing shards (npm run check -- --shard i/n) and merge every shard\'s report together.',
    example: { missing: '2/3', count: 3 },
  }),
  'shards-mismatch': define<{ detail: string }>({
    severity: 'error',
    summary: 'Merging a sharded check (npm run check -- --merge): the reports do not belong together.',
    message: (p) => `the shard reports do not belong together: ${p.detail}.`,
    hint: () => 'Merge the reports of one check of one build, each shard once, all made with the same --shard count.',
    example: { detail: 'shard 2/3 is in both reports/shard-2.json and reports/shard-2-again.json' },
  }),
};
