import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkExternalLinks, collectLinks, linkinatorUrlChecker } from '../../src/history/external-links.js';
import { readNoticeText } from '../../src/history/notice-source.js';

/** A local server: pages that work, are gone, refuse HEAD, redirect, or never answer. */
function startServer(): Promise<{ server: Server; base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    switch (request.url) {
      case '/ok':
        return response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>ok</p>');
      case '/gone':
        return response.writeHead(404).end('not found');
      case '/no-head':
        return request.method === 'HEAD' ? response.writeHead(405).end() : response.writeHead(200).end('ok');
      case '/moved':
        return response.writeHead(301, { Location: '/ok' }).end();
      case '/slow':
        return; // never answers: the check must give up
      default:
        return response.writeHead(500).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })),
  );
}

describe('the external link check', () => {
  let local: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    local = await startServer();
  });
  afterAll(async () => {
    local.server.closeAllConnections();
    await new Promise((resolve) => local.server.close(resolve));
  });

  it('finds links in every text of a notice, with their lines, and only for the schemes asked for', () => {
    const text = `id: links
title: Links
sections:
  - heading: Where to find out more
    body:
      - type: paragraph
        text: See [our page](https://www.example.org/a), or https://www.example.org/b.
      - type: list
        items:
          - "[Local](http://127.0.0.1/x)"
          - Write to [us](mailto:dp@example.org).
`;
    const result = readNoticeText('content/links.yaml', text);
    if (!result.ok) throw new Error('not YAML');
    expect(collectLinks([result.notice]).map((l) => `${l.file}:${l.line}:${l.column} ${l.path} ${l.url}`)).toEqual([
      'content/links.yaml:7:15 sections[0].body[0].text https://www.example.org/a',
      'content/links.yaml:7:15 sections[0].body[0].text https://www.example.org/b',
    ]);
    expect(collectLinks([result.notice], ['http:']).map((l) => [l.line, l.url])).toEqual([[10, 'http://127.0.0.1/x']]);
  });

  it('checks with linkinator (what npm run links uses): only the addresses given, dead ones at their line, within a time limit', async () => {
    const { base } = local;
    local.requests.length = 0;
    // A port nothing listens on: open one, then close it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const text = `id: links
title: Links
sections:
  - heading: More
    body:
      - type: paragraph
        text: "[Works](${base}/ok) and [moved](${base}/moved)."
      - type: paragraph
        text: "[Gone](${base}/gone) and [no HEAD](${base}/no-head)."
      - type: paragraph
        text: "[Slow](${base}/slow), [gone again](${base}/gone) and [closed](http://127.0.0.1:${closedPort}/closed)."
`;
    const result = readNoticeText('content/links.yaml', text);
    if (!result.ok) throw new Error('not YAML');
    const uses = collectLinks([result.notice], ['http:']);
    const started = Date.now();
    const { diagnostics, checked } = await checkExternalLinks(uses, linkinatorUrlChecker({ timeoutMs: 400, concurrency: 2 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(checked).toBe(6);
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [9, 'external-link-dead'],
      [11, 'external-link-dead'],
      [11, 'external-link-dead'],
      [11, 'external-link-dead'],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `the link to ${base}/gone does not work: the server answered 404 (not found).`,
      expect.stringMatching(new RegExp(`^the link to ${base}/slow does not work: no answer`)),
      `the link to ${base}/gone does not work: the server answered 404 (not found).`,
      expect.stringMatching(new RegExp(`^the link to http://127.0.0.1:${closedPort}/closed does not work: no answer`)),
    ]);
    expect(formatDiagnostic(diagnostics[0]!)).toMatch(/^content\/links\.yaml:9:15 error \[external-link-dead\] sections\[0\]\.body\[1\]\.text: /);
    // Nothing but the addresses in the notice was asked for.
    expect(new Set(local.requests.map((r) => r.split(' ')[1]))).toEqual(new Set(['/ok', '/moved', '/gone', '/no-head', '/slow']));
  });
});
