/**
 * A static server for a built site (sirv) on 127.0.0.1: the gate loads pages over http exactly as a
 * visitor's browser would (stylesheets and fonts load, colour contrast is measured on the real
 * styles), and the preview serves the same way. It honours the site's pathPrefix (a site published
 * at /notices/ is served at /notices/…), never serves a file outside the site folder, redirects
 * /folder to /folder/ as static hosts do (so relative links resolve), and answers unknown paths
 * with the site's 404 page.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

export interface SiteServer {
  /** http://127.0.0.1:PORT — without the path prefix. */
  origin: string;
  /** The full URL of a site path such as "/kent-early-help/" (the prefix is added). */
  url(sitePath: string): string;
  close(): Promise<void>;
}

export interface ServeOptions {
  pathPrefix?: string;
  /** 0 (default): any free port. */
  port?: number;
  /**
   * For the gate, where the site does not change while it is checked: files are looked up once, at
   * start, and sent with a max-age, so the browser keeps the pictures, stylesheets and fonts it has
   * loaded and decoded instead of fetching and decoding them again for every page (an easy-read
   * page's 70 pictures took about half of its loading time). Default false: the preview serves a
   * site the build swaps while it runs, so every request looks at the folder again.
   */
  fixedSite?: boolean;
}

/** How long the browser may keep a file of a fixed site: longer than any gate run. */
const FIXED_SITE_MAX_AGE_SECONDS = 24 * 60 * 60;

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export async function serveSite(siteDir: string, options: ServeOptions = {}): Promise<SiteServer> {
  const root = path.resolve(siteDir);
  const base = (options.pathPrefix ?? '/').replace(/\/+$/, '');
  const notFound = (res: http.ServerResponse) => {
    const page = path.join(root, '404.html');
    if (existsSync(page)) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      createReadStream(page).on('error', () => res.destroy()).pipe(res);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  };
  // dev: files are looked up on every request, so a rebuilt site (swapped in by the build) is served at once.
  const files = options.fixedSite
    ? sirv(root, { dev: false, etag: false, maxAge: FIXED_SITE_MAX_AGE_SECONDS, dotfiles: false, onNoMatch: (_req, res) => notFound(res) })
    : sirv(root, { dev: true, etag: false, dotfiles: false, onNoMatch: (_req, res) => notFound(res) });

  const server = http.createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (base && pathname !== base && !pathname.startsWith(`${base}/`)) return notFound(res);
    const inSite = pathname.slice(base.length) || '/';
    const file = path.join(root, inSite);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);
    if (!inSite.endsWith('/') && isDirectory(file)) {
      res.writeHead(301, { Location: `${pathname}/` });
      res.end();
      return;
    }
    req.url = inSite + (req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '');
    files(req, res, () => notFound(res));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (sitePath: string) => `${origin}${base}${sitePath.startsWith('/') ? sitePath : `/${sitePath}`}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
