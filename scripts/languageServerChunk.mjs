// The language server starts in two steps (server/src/server.ts): the start-up entry answers `initialize`,
// then requires the rest of the server (server/src/languageServer.ts: the engine and every other handler).
// In the Node build the rest is a file of its own, dist/languageServer.js, which the entry's bundle
// requires from its own V8 code cache (server/src/host/codeCache.ts). The two share one connection and
// one protocol library: the rest's imports of them are left out of its file and answered, when the entry
// requires it, with the entry's own modules.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = (p) => path.join(ROOT, 'server', 'src', p);
const ENTRY = source('languageServer.ts');
const CONNECTION = source('host/connection.ts');
const CODE_CACHE = source('host/codeCache.ts');
const CHUNK = 'languageServer.js';

/** What the rest gets from the entry, by the name its require asks for. */
const SHARED = { 'vscode-languageserver/node': 'vscode-languageserver/node', 'bulkhead:connection': CONNECTION };

/** The resolved source file an import of ours names (its .ts extension left implicit). */
const resolvedSource = (args) => `${path.resolve(args.resolveDir, args.path)}.ts`;

/** esbuild options of dist/languageServer.js: the rest of the server, with the shared modules external. */
export function chunkBuild(options, outdir) {
  const shared = {
    name: 'shared-with-entry',
    setup(build) {
      build.onResolve({ filter: /^vscode-languageserver\/node$/ }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /\/connection$/ }, (args) => (resolvedSource(args) === CONNECTION ? { path: 'bulkhead:connection', external: true } : undefined));
    },
  };
  return { ...options, plugins: [...(options.plugins ?? []), shared], entryPoints: [ENTRY], outfile: path.join(outdir, CHUNK) };
}

/** The plugin that makes the entry's require of ./languageServer require dist/languageServer.js from its code cache, `hash` naming the cache. */
export function chunkLoader(hash) {
  const shared = Object.entries(SHARED)
    .map(([id, module]) => `${JSON.stringify(id)}: require(${JSON.stringify(module)})`)
    .join(', ');
  const contents = `const { requireCached } = require(${JSON.stringify(CODE_CACHE)});
module.exports = requireCached(require('node:path').join(__dirname, ${JSON.stringify(CHUNK)}), { hash: ${JSON.stringify(hash)}, writeOnExit: false }, { ${shared} });`;
  return {
    name: 'language-server-chunk',
    setup(build) {
      build.onResolve({ filter: /^\.\/languageServer$/ }, (args) => (resolvedSource(args) === ENTRY ? { path: ENTRY, namespace: 'language-server-chunk' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'language-server-chunk' }, () => ({ contents, loader: 'js', resolveDir: ROOT }));
    },
  };
}

/**
 * Node built-ins the protocol library requires as it loads but uses only for named pipes, sockets and
 * module resolution: in the start-up bundle each is a stand-in that requires it on first use, which
 * saves their loading (several milliseconds each) before `initialize` is answered over stdio.
 */
export const deferredBuiltins = {
  name: 'deferred-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(crypto|child_process)$/ }, (args) =>
      /node_modules[\\/]vscode-(jsonrpc|languageserver)/.test(args.importer) ? { path: args.path.replace(/^node:/, ''), namespace: 'deferred-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'deferred-builtin' }, (args) => ({
      contents: `let loaded;
const builtin = () => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}));
module.exports = new Proxy({}, { get: (_, name) => builtin()[name], has: (_, name) => name in builtin() });`,
      loader: 'js',
    }));
  },
};
