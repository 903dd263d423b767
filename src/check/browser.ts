/**
 * Which browser the accessibility check drives, and how it is launched.
 *
 * Order: PUPPETEER_EXECUTABLE_PATH when set (it must exist: a wrong path is an error, not a reason
 * to quietly use another browser), then Debian's Chromium at /usr/bin/chromium, then a browser that
 * puppeteer itself has installed (`npx puppeteer browsers install chrome`). With none, the check
 * fails with a message that says how to install one: it never passes without having looked.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, for the report: "PUPPETEER_EXECUTABLE_PATH", "Debian chromium", "puppeteer". */
  source: string;
  /** Start it without Chromium's sandbox (needsNoSandbox). */
  noSandbox?: boolean;
}

export class BrowserNotFoundError extends Error {
  constructor(detail?: string) {
    super(
      [
        detail ?? 'No browser was found for the accessibility check (pa11y needs Chrome or Chromium).',
        'Install one of these, then run the check again:',
        '  - Debian or Ubuntu: sudo apt-get install -y chromium   (it is then found at /usr/bin/chromium)',
        '  - anywhere: npx puppeteer browsers install chrome',
        '  - or point PUPPETEER_EXECUTABLE_PATH at an installed Chrome or Chromium, e.g.',
        '    PUPPETEER_EXECUTABLE_PATH="$(which google-chrome)" npm run check',
      ].join('\n'),
    );
    this.name = 'BrowserNotFoundError';
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path puppeteer would use for a browser it downloaded itself, when that browser is there. */
function puppeteerBrowser(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const puppeteer = require('puppeteer') as { executablePath(): string };
    const file = puppeteer.executablePath();
    return file && isExecutable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export interface FindBrowserOptions {
  env?: NodeJS.ProcessEnv;
  /** Candidates after the environment variable; tests replace them. */
  debianPath?: string;
  puppeteerPath?: () => string | undefined;
}

/** Chromium refuses to start as root with its sandbox on, and CI runners often lack the user namespaces it needs. */
export function needsNoSandbox(env: NodeJS.ProcessEnv): boolean {
  return process.getuid?.() === 0 || env.CI === 'true';
}

export function findBrowser(options: FindBrowserOptions = {}): FoundBrowser {
  const env = options.env ?? {};
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { executablePath: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' };
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, but there is no browser program there.`);
  }
  const debian = options.debianPath ?? DEBIAN_CHROMIUM;
  if (isExecutable(debian)) return { executablePath: debian, source: 'Debian chromium' };
  const installed = (options.puppeteerPath ?? puppeteerBrowser)();
  if (installed) return { executablePath: installed, source: 'puppeteer' };
  throw new BrowserNotFoundError();
}

/** Something that changes whenever the browser program is replaced (for the result cache), without starting it. */
export function browserStamp(found: FoundBrowser): string {
  try {
    const stat = statSync(found.executablePath);
    return `${found.executablePath}:${stat.size}:${Math.round(stat.mtimeMs)}`;
  } catch {
    return found.executablePath;
  }
}

/**
 * Renderer processes the browser may start: the tabs share them (every tab shows the same site on
 * 127.0.0.1). Not one: measured on a third of a 50-notice site, one renderer saved about 130 MB
 * (PSS), but a page whose script never ends then stalls every other tab, and good pages beside it
 * failed as "could not be checked"; with two, they pass and only that page fails.
 */
export const RENDERER_PROCESS_LIMIT = 2;
/** Cap on each renderer's JavaScript heap, in MB. */
export const RENDERER_HEAP_MB = 256;

/**
 * Browser features a checking browser never uses, switched off for memory: the back/forward cache
 * keeps old pages alive; the WebUI omnibox popups (Chromium 15x preloads them in a renderer process
 * of their own, about 70–100 MB, for an address bar a headless browser never shows).
 */
export const DISABLED_FEATURES = [
  'BackForwardCache',
  'Translate',
  'OptimizationHints',
  'MediaRouter',
  'DialMediaRouteProvider',
  'CalculateNativeWinOcclusion',
  'InterestFeedContentSuggestions',
  'CertificateTransparencyComponentUpdater',
  'AutofillServerCommunication',
  'PaintHolding',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

/** The command-line switches the gate starts Chromium with (never --single-process: the time-out recovery closes one tab's renderer). */
export function chromiumArgs(found: Pick<FoundBrowser, 'noSandbox'>): string[] {
  const args = [
    // /dev/shm is small in containers and on CI runners; Chromium then crashes pages under load.
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--mute-audio',
    // Memory (the gate must stay under 1 GiB on two cores, browser included, whatever the site's
    // size): the tabs share the renderer processes (see RENDERER_PROCESS_LIMIT), whose JavaScript
    // heap is capped (axe needs well under 100 MB on our pages), and one site needs no isolation
    // of sites from each other.
    `--renderer-process-limit=${RENDERER_PROCESS_LIMIT}`,
    `--js-flags=--max-old-space-size=${RENDERER_HEAP_MB}`,
    '--disable-site-isolation-trials',
    // The network service and the (unused) GPU work run inside the browser process rather than in processes of their own.
    '--enable-features=NetworkServiceInProcess2',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    '--in-process-gpu',
    '--disable-software-rasterizer',
  ];
  // Without the sandbox there is no need for the zygote processes that start sandboxed renderers.
  if (found.noSandbox) args.push('--no-sandbox', '--no-zygote');
  return args;
}

export async function launchBrowser(found: FoundBrowser): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer');
  const args = chromiumArgs(found);
  const browser = await puppeteer.launch({
    executablePath: found.executablePath,
    headless: true,
    args,
    // The check opens and closes many tabs; the default 30 s protocol time-out is kept, the gate adds its own per page.
    protocolTimeout: 60_000,
  });
  // The blank tab the browser starts with is never used (the pool opens its own): close it and its renderer.
  for (const page of await browser.pages()) await page.close().catch(() => undefined);
  return browser;
}
