// Bundles the entry points with esbuild: the extension (vscode external), the language server (runs
// standalone: node dist/server.js --stdio), the CLI (bin.bulkhead), and the web extension's client and
// web-worker server (scripts/webBundles.mjs). The server and the CLI are each a bundle
// (dist/server.bundle.js, dist/cli.bundle.js) started by a small entry that runs it from V8's code cache
// (server/src/host/launch.ts), and they load CEL and RE2 from dist/cel.js on first use (scripts/lazyChunk.mjs).
// The server's bundle answers `initialize`, then requires the rest of the server from
// dist/languageServer.js (scripts/languageServerChunk.mjs).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { webBuilds } from './webBundles.mjs';
import { chunkBuild, lazyChunkPlugin } from './lazyChunk.mjs';
import * as languageServer from './languageServerChunk.mjs';

const minify = process.env.BULKHEAD_MINIFY === '1';

/**
 * V8's tiering for a process that lives a second or two (the CLI), set before the bundle is compiled: optimize
 * later and inline less. Under V8's defaults, made for long-lived pages, TurboFan spent as much CPU on
 * background threads as the scan spent analyzing (700 Dockerfiles: 1.7 s beside the main thread's 1.7 s),
 * taking the second core from the GC's helpers; with these the process uses about a third less CPU for the
 * same main-thread time. (Unknown to a future V8, a flag is reported on stderr and ignored.) Kept in
 * cliV8Flags.json, which bench/largeInputs.ts reads too: it measures the engine as the CLI runs it.
 */
const CLI_V8_FLAGS = JSON.parse(await readFile('scripts/cliV8Flags.json', 'utf8')).join(' ');
/**
 * `yaml`'s ES module build (the one the web bundles use), not its CommonJS `dist/`: a CommonJS module is
 * bundled behind a namespace whose every export is a getter, so each `isScalar`/`isMap` the engine asks
 * (millions on a large file) was a getter call as well; ES modules are bundled as direct references.
 */
const YAML_AS_ES_MODULE = { yaml: './node_modules/yaml/browser/index.js' };
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify, logLevel: 'warning', alias: YAML_AS_ES_MODULE };
const lazy = { ...common, plugins: [await lazyChunkPlugin()] };

/** The first 16 hex digits of the file's SHA-256: the name of its code cache. */
const hashOf = async (file) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
    .slice(0, 16);

/**
 * `entry` bundled to dist/<name>.bundle.js, then its launcher to dist/<name>.js, which knows the bundle's
 * hash (its code cache's name) and whether to write the cache at exit (see server/src/host/launch.ts).
 */
async function launched(name, entry, { writeOnExit, banner, plugins = [] }) {
  const outfile = `dist/${name}.bundle.js`;
  await build({ ...lazy, plugins: [...lazy.plugins, ...plugins], entryPoints: [entry], outfile });
  const hash = await hashOf(outfile);
  await build({
    ...common,
    sourcemap: false,
    entryPoints: ['server/src/host/launch.ts'],
    outfile: `dist/${name}.js`,
    define: { BUNDLE_HASH: JSON.stringify(hash), WRITE_ON_EXIT: String(writeOnExit) },
    banner,
  });
}

/**
 * The language server's V8 setting, set before its bundle is compiled: the old generation may grow by at most
 * 2x between full collections. V8's own factor (up to 4x, for throughput) let the garbage of past versions of
 * a large open file pile up: a 1 MB ConfigMap edited 120 times peaked at 256-1,279 MB RSS (bimodal, the data
 * kept about 150 MB), 167-205 MB with this, in the same time. Kept in serverV8Flags.json, which
 * bench/largeInputs.ts reads too.
 */
const SERVER_V8_FLAGS = JSON.parse(await readFile('scripts/serverV8Flags.json', 'utf8')).join(' ');

/** The language server: the rest of it first, whose hash the entry's bundle needs to name its code cache. */
async function server() {
  const chunk = languageServer.chunkBuild(lazy, 'dist');
  await build(chunk);
  await launched('server', 'server/src/server.ts', {
    writeOnExit: false,
    banner: { js: `require('node:v8').setFlagsFromString(${JSON.stringify(SERVER_V8_FLAGS)});` },
    plugins: [languageServer.chunkLoader(await hashOf(chunk.outfile)), languageServer.deferredBuiltins],
  });
}

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  server(),
  launched('cli', 'server/src/cli/main.ts', { writeOnExit: true, banner: { js: `#!/usr/bin/env node\nrequire('node:v8').setFlagsFromString(${JSON.stringify(CLI_V8_FLAGS)});` } }),
  build(chunkBuild(common, 'dist')),
  ...webBuilds({ minify }).map((options) => build(options)),
]);
