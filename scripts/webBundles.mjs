// The web extension (vscode.dev, github.dev): the client for the web extension host and the language
// server for a web worker, bundled for the browser. The same sources as the Node bundles, with each
// Node-only module swapped for its web counterpart, the way a package's `browser` field does. CEL and
// RE2 are inside the worker's bundle but evaluated on first use (scripts/lazyChunk.mjs).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyChunkPlugin } from './lazyChunk.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => path.join(ROOT, p);

/** Node module (a source file of ours, or a package entry) → what the web build uses instead. */
const SOURCE_COUNTERPARTS = new Map(
  [
    ['server/src/host/connection.ts', 'server/src/web/connection.ts'],
    ['server/src/host/platform.ts', 'server/src/web/platform.ts'],
    ['server/src/host/workspace.ts', 'server/src/web/files.ts'],
    ['server/src/host/clock.ts', 'server/src/web/clock.ts'],
    ['server/src/host/baseline.ts', 'server/src/web/baseline.ts'],
    ['server/src/lsp/uris.ts', 'server/src/web/uris.ts'],
  ].map(([node, web]) => [at(node), at(web)]),
);
const PACKAGE_COUNTERPARTS = { 'vscode-languageserver/node': 'vscode-languageserver/browser', 'vscode-languageclient/node': 'vscode-languageclient/browser' };
const WEB_PATH = at('server/src/web/path.ts');

const webCounterparts = {
  name: 'web-counterparts',
  setup(build) {
    build.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: WEB_PATH }));
    build.onResolve({ filter: /^vscode-language(server|client)\/node$/ }, (args) => build.resolve(PACKAGE_COUNTERPARTS[args.path], { kind: args.kind, resolveDir: args.resolveDir }));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const web = SOURCE_COUNTERPARTS.get(path.resolve(args.resolveDir, args.path) + '.ts');
      return web ? { path: web } : undefined;
    });
  },
};

const lazyInBundle = await lazyChunkPlugin({ inBundle: true });

/** esbuild options of the two web bundles; `overrides` apply to both (the bundle script writes them, the meta test inspects them). */
export function webBuilds(overrides = {}) {
  const common = { bundle: true, platform: 'browser', target: 'es2022', sourcemap: true, logLevel: 'warning', plugins: [webCounterparts], absWorkingDir: ROOT, ...overrides };
  return [
    { ...common, entryPoints: [at('client/src/browser.ts')], outfile: at('dist/browser.js'), format: 'cjs', external: ['vscode'] },
    { ...common, plugins: [...common.plugins, lazyInBundle], entryPoints: [at('server/src/browserServer.ts')], outfile: at('dist/browserServer.js'), format: 'iife' },
  ];
}
