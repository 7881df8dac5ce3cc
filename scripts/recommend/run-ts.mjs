#!/usr/bin/env node
// Runs one of the TypeScript studies in this folder in Node, through Vite's module runner (the same transform
// the app and Vitest use), so they can import the app's core modules directly:
//   node scripts/recommend/run-ts.mjs scripts/recommend/tune.ts --train FILE
import path from 'node:path';
import { runnerImport } from 'vite';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/recommend/run-ts.mjs SCRIPT.ts [args]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...rest];
await runnerImport(path.resolve(script), { configFile: false, logLevel: 'warn' });
