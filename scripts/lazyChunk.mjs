// Dependencies that only some documents need — CEL and RE2, for admission policies and custom rules —
// go to a file of their own, dist/cel.js, that the server and CLI bundles require on first use. Each
// import of them resolves to a stand-in module whose exports are getters loading the file when first
// read, so a process that never evaluates CEL neither compiles nor runs them (they were a quarter of
// the server bundle and most of its start-up evaluation). The web worker's bundle is one file (a worker
// started from a blob has no URL to load another from): there the stand-ins require the packages from
// inside the bundle, which esbuild then evaluates on that first require rather than at start-up.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages moved out of the bundles, and the file they move to (beside the bundles). */
const PACKAGES = ['@bufbuild/cel', '@bufbuild/cel/ext', '@bufbuild/re2'];
const CHUNK = 'cel.js';
const NAMESPACE = 'lazy-chunk';

/** The export names of each package, read from the package itself so the stand-ins cannot drift from it. */
async function exportNames() {
  return Object.fromEntries(await Promise.all(PACKAGES.map(async (p) => [p, Object.keys(await import(p))])));
}

/** esbuild options of dist/cel.js: the packages, each under its own key (the stand-ins read them there). */
export function chunkBuild(common, outdir) {
  const contents = PACKAGES.map((p, i) => `export * as m${i} from ${JSON.stringify(p)};`).join('\n');
  return { ...common, stdin: { contents, resolveDir: process.cwd(), loader: 'js' }, outfile: path.join(outdir, CHUNK) };
}

/**
 * The stand-in of `pkg`: each export a getter that loads the real module (`real`, an expression) and then
 * turns every export into a plain value, so the library's hot paths (isCelMap, once per value) pay one
 * property read after that.
 */
function standIn(exports, real) {
  return `const names = ${JSON.stringify(exports)};
const load = () => {
  const real = ${real};
  for (const name of names) Object.defineProperty(module.exports, name, { enumerable: true, value: real[name] });
  return real;
};
for (const name of names) Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => load()[name] });`;
}

/** Prefix of the path a web stand-in requires its package by: resolved to the package itself, not to a stand-in again. */
const IN_BUNDLE = 'lazy-in-bundle:';

/**
 * The plugin that swaps each import of a package for its stand-in: loading dist/cel.js (Node), or with
 * `inBundle` (the web worker) requiring the package bundled beside it.
 */
export async function lazyChunkPlugin({ inBundle = false } = {}) {
  const names = await exportNames();
  const filter = new RegExp(`^(${PACKAGES.map((p) => p.replace(/[/]/g, '\\/')).join('|')})$`);
  const real = (pkg) => (inBundle ? `require(${JSON.stringify(IN_BUNDLE + pkg)})` : `require(${JSON.stringify(`./${CHUNK}`)}).m${PACKAGES.indexOf(pkg)}`);
  return {
    name: 'lazy-chunk',
    setup(build) {
      // The packages' imports of each other, and a web stand-in's require of its package, reach the package itself.
      build.onResolve({ filter }, (args) => (args.pluginData?.inBundle || args.importer.includes(`${path.sep}node_modules${path.sep}`) ? undefined : { path: args.path, namespace: NAMESPACE }));
      build.onResolve({ filter: new RegExp(`^\\./${CHUNK.replace('.', '\\.')}$`), namespace: NAMESPACE }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: new RegExp(`^${IN_BUNDLE}`), namespace: NAMESPACE }, (args) =>
        build.resolve(args.path.slice(IN_BUNDLE.length), { kind: args.kind, resolveDir: path.dirname(fileURLToPath(import.meta.url)), pluginData: { inBundle: true } }),
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: standIn(names[args.path], real(args.path)), loader: 'js' }));
    },
  };
}
