#!/usr/bin/env node
// Serves the harness page for the end-to-end tests of the face engine: builds it, then serves it on
// --port (default 4174) with the app's models and the demo photos of @vladmandic/face-api at /samples/.
import path from 'node:path';
import { buildHarness, parseFlags, root } from './run-in-browser.mjs';
import { startStaticServer } from './static-server.mjs';

const flags = parseFlags(process.argv.slice(2));
buildHarness();
const server = await startStaticServer(
  {
    '/': path.join(root, '.cache/harness'),
    '/models/': path.join(root, 'public/models'),
    '/samples/': path.join(root, 'node_modules/@vladmandic/face-api/demo'),
  },
  Number(flags.port ?? 4174),
);
console.log(`harness at ${server.url}/`);
