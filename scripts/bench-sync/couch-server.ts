// A CouchDB-protocol server on loopback for the sync benchmark: `pouchdb-server --in-memory` as a child process,
// in a temporary folder (it writes config.json and log.txt where it runs), with one admin user so that tablets
// present real credentials (pouchdb-server starts as an "admin party", which refuses any name and password).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CouchServer {
  readonly url: string;
  readonly pid: number | undefined;
  /** Stops the server and removes its folder (safe to call twice). */
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startCouchServer(
  root: string,
  admin: { readonly username: string; readonly password: string },
): Promise<CouchServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sync-couch-'));
  const child: ChildProcess = spawn(
    path.join(root, 'node_modules/.bin/pouchdb-server'),
    ['--in-memory', '--port', String(port), '--host', '127.0.0.1'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    process.off('exit', stop);
    rmSync(dir, { recursive: true, force: true });
  };
  // Whatever happens to the bench, the server goes with it.
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server exited: ${stderr}`);
      try {
        const res = await fetch(`${url}/`);
        await res.body?.cancel();
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`pouchdb-server did not answer on ${url}: ${stderr}`);
      await sleep(200);
    }
    const res = await fetch(`${url}/_config/admins/${admin.username}`, {
      method: 'PUT',
      body: JSON.stringify(admin.password),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`pouchdb-server refused the admin user: ${res.status}`);
  } catch (err) {
    stop();
    throw err;
  }
  return { url, pid: child.pid, stop };
}
