/**
 * A tiny static file server on 127.0.0.1 (random port) for the built site, so pa11y loads pages over
 * http exactly as a visitor's browser would: stylesheets and fonts load, and colour contrast is
 * measured on the real styles. It honours the site's pathPrefix (a site published at /notices/ is
 * served at /notices/…) and never serves a file outside the site folder.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export interface SiteServer {
  /** http://127.0.0.1:PORT — without the path prefix. */
  origin: string;
  /** The full URL of a site path such as "/kent-early-help/" (the prefix is added). */
  url(sitePath: string): string;
  close(): Promise<void>;
}

/** "/notices/" → "/notices"; "/" → "". */
function prefixBase(pathPrefix: string): string {
  return pathPrefix.replace(/\/+$/, '');
}

export async function serveSite(siteDir: string, pathPrefix = '/'): Promise<SiteServer> {
  const root = path.resolve(siteDir);
  const base = prefixBase(pathPrefix);

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function send(res: http.ServerResponse, file: string, status: number, head: boolean): Promise<void> {
    const info = await stat(file);
    res.writeHead(status, {
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
    });
    if (head) {
      res.end();
      return;
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  async function notFound(res: http.ServerResponse, head: boolean): Promise<void> {
    const page = path.join(root, '404.html');
    try {
      await send(res, page, 404, head);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (base && pathname !== base && !pathname.startsWith(`${base}/`)) return notFound(res, head);
    const inSite = pathname.slice(base.length) || '/';
    const file = path.join(root, inSite);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res, head);
    let info;
    try {
      info = await stat(file);
    } catch {
      return notFound(res, head);
    }
    if (info.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${pathname}/` });
        res.end();
        return;
      }
      try {
        return await send(res, path.join(file, 'index.html'), 200, head);
      } catch {
        return notFound(res, head);
      }
    }
    return send(res, file, 200, head);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
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
