// A plain static file server, as GitHub Pages or `python3 -m http.server` would be: files
// with their content type and nothing else — no COOP/COEP, no CORP, no CSP header. The
// folder may be served under a path prefix (GitHub Pages serves a project at /<repo>/).
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  /** The folder's URL, ending in '/': http://127.0.0.1:PORT/PREFIX/ */
  url: string;
  /** Every path requested, in order (a reload shows as the document asked for again). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `root` at `prefix` (e.g. '/latent-canvas/') on a free port of 127.0.0.1. */
export async function serveStatic(root: string, prefix = '/'): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push(path);
      // The folder's own path without its slash: redirect, as static hosts do.
      if (prefix !== '/' && path === prefix.slice(0, -1)) {
        res.writeHead(301, { Location: prefix }).end();
        return;
      }
      if (!path.startsWith(prefix)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      let file = normalize(join(root, path.slice(prefix.length)));
      if (file !== normalize(root) && !file.startsWith(normalize(root) + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file).catch(() => undefined);
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
