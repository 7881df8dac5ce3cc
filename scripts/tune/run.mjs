#!/usr/bin/env node
// npm run tune -- NAME [flags]: choosing settings in Node over engine outputs cached by
// `npm run eval -- features` (no browser, no models: every candidate is scored on the same embeddings). The
// TypeScript tuner scripts/tune/NAME.ts imports the app's own core modules; it is bundled for Node with Vite, run,
// and prints one JSON object as its last line.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [name, ...rest] = process.argv.slice(2);
const known = ['recognition', 'visitors', 'gender', 'merged'];
if (!known.includes(name)) {
  console.error(`unknown tuner "${name ?? ''}"; known: ${known.join(', ')}`);
  process.exit(2);
}
const outDir = path.join(root, '.cache/tune-build');
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __TEST_HOOKS__: 'false' },
  build: {
    ssr: path.join(root, `scripts/tune/${name}.ts`),
    outDir,
    emptyOutDir: false,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: `${name}.mjs`, format: 'es' } },
  },
});
execFileSync(process.execPath, [path.join(outDir, `${name}.mjs`), ...rest], { cwd: root, stdio: 'inherit' });
