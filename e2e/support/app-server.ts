// Serves a build of the app (dist/ or dist-test/) as a shop's web server would: under a chosen base path (the root
// of a domain, or a sub-path such as /counterpart/), with the app's security headers, and with index.html for
// unknown paths under the base. Unlike `vite preview` it can be stopped and started again on the same port, which
// is how the tests take the network away from browsers that cannot be switched offline from outside.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../../scripts/security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.map': 'application/json',
};

export interface AppServer {
  /** The app's address, ending with the base path (e.g. http://127.0.0.1:4180/counterpart/). */
  readonly url: string;
  /** Stops answering (the browser is now offline as far as the app is concerned). */
  stop(): Promise<void>;
  /** Answers again, on the same port. */
  start(): Promise<void>;
  /** Paths requested so far (to check nothing was asked for outside the base). */
  readonly requests: readonly string[];
}

export async function serveApp(dir: string, options: { base?: string; port?: number } = {}): Promise<AppServer> {
  const base = options.base ?? '/';
  const root = path.resolve(dir);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push(pathname);
      if (!pathname.startsWith(base)) {
        send(res, 404);
        return;
      }
      let file = path.resolve(root, pathname.slice(base.length) || 'index.html');
      if (file !== root && !file.startsWith(root + path.sep)) {
        send(res, 404);
        return;
      }
      let info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        // A route of the app, not a file: the app's page (as a shop's server would be set up to do).
        if (path.extname(file)) {
          send(res, 404);
          return;
        }
        file = path.join(root, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    })().catch(() => send(res, 500));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    start: async () => {
      await listen(port);
    },
  };
}

function send(res: http.ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' }).end(String(status));
}
