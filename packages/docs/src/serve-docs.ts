import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { TsdbtError } from '@tsdbt/core';

export interface ServeDocsOptions {
  targetDir: string;
  port?: number;
  host?: string;
}

export interface DocsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Serves the generated site read-only from `targetDir` (dbt's `docs serve`); opens no browser. Port 0 picks one. */
export async function serveDocs(options: ServeDocsOptions): Promise<DocsServer> {
  const root = resolve(options.targetDir);
  const index = await stat(join(root, 'index.html')).catch(() => undefined);
  if (!index) {
    throw new TsdbtError('TSDBT_DOCS_NOT_GENERATED', `No docs site in ${root} (index.html is missing).`, { hint: 'Run tsdbt docs generate first.' });
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    stat(file).then(
      (s) => {
        if (!s.isFile()) return void res.writeHead(404).end('not found');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 8080, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(new TsdbtError('TSDBT_DOCS_SERVE_FAILED', `Cannot serve docs on ${host}:${port}: ${error.code ?? error.message}`, {
        cause: error, hint: error.code === 'EADDRINUSE' ? 'Pick another port with --port.' : undefined,
      })));
    server.listen(port, host, () => {
      const addr = server.address();
      done(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
