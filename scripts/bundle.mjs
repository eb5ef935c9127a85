// Bundles the entry points with esbuild: the extension (vscode external), the language server (runs
// standalone: node dist/server.js --stdio), the CLI (bin.bulkhead), and the web extension's client and
// web-worker server (scripts/webBundles.mjs). The server and the CLI load CEL and RE2 from dist/cel.js
// on first use (scripts/lazyChunk.mjs).
import { build } from 'esbuild';
import { webBuilds } from './webBundles.mjs';
import { chunkBuild, lazyChunkPlugin } from './lazyChunk.mjs';

const minify = process.env.BULKHEAD_MINIFY === '1';
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify, logLevel: 'warning' };
const lazy = { ...common, plugins: [await lazyChunkPlugin()] };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...lazy, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...lazy, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build(chunkBuild(common, 'dist')),
  ...webBuilds({ minify }).map((options) => build(options)),
]);
