// The web extension's bundles (scripts/webBundles.mjs) run in a browser: the client in the web extension
// host, the language server in a web worker. Built here as the bundle script builds them, and checked on
// esbuild's metafile: no Node built-in is imported and no Node-only module of ours is inside (each has
// its web counterpart). Their minified sizes are reported.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { REPO_ROOT } from '../../scripts/generated';

/** Our modules that use Node (the file system, node:url, process): the web build must swap every one out. */
const NODE_ONLY = [
  'server/src/host/connection.ts',
  'server/src/host/platform.ts',
  'server/src/host/workspace.ts',
  'server/src/host/workspaceHost.ts',
  'server/src/host/boundary.ts',
  'server/src/host/clock.ts',
  'server/src/lsp/uris.ts',
];

async function webBuilds(): Promise<BuildOptions[]> {
  const script = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'webBundles.mjs')).href)) as { webBuilds(overrides: BuildOptions): BuildOptions[] };
  return script.webBuilds({ write: false, metafile: true, sourcemap: false, minify: true, logLevel: 'silent' });
}

/** Every module path the bundle's inputs import, and the inputs themselves. */
function modulesOf(metafile: Metafile): { imported: string[]; inputs: string[] } {
  const inputs = Object.keys(metafile.inputs);
  return { inputs, imported: Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path)) };
}

test('the web bundles import no Node built-in and contain no Node-only module; their sizes', async (t) => {
  const builds = await webBuilds();
  assert.deepEqual(
    builds.map((b) => path.basename(b.outfile!)),
    ['browser.js', 'browserServer.js'],
  );
  for (const options of builds) {
    const result = await build(options);
    const { imported, inputs } = modulesOf(result.metafile!);
    const name = path.basename(options.outfile!);
    assert.deepEqual(
      imported.filter((p) => isBuiltin(p)),
      [],
      `${name} imports Node built-ins`,
    );
    assert.deepEqual(
      inputs.filter((p) => NODE_ONLY.includes(p)),
      [],
      `${name} bundles Node-only modules`,
    );
    // The external `vscode` is the editor's API, provided by the web extension host.
    assert.deepEqual([...new Set(result.metafile!.outputs[Object.keys(result.metafile!.outputs)[0]].imports.filter((i) => i.external).map((i) => i.path))], name === 'browser.js' ? ['vscode'] : []);
    const bytes = result.outputFiles![0].contents.byteLength;
    t.diagnostic(`${name}: ${(bytes / 1024).toFixed(0)} KiB minified`);
  }
});

test('the checks would fail: the server bundled without its web counterparts imports built-ins and Node-only modules', async () => {
  const [, server] = await webBuilds();
  const result = await build({ ...server, platform: 'node', plugins: [] });
  const { imported, inputs } = modulesOf(result.metafile!);
  assert.ok(imported.some((p) => isBuiltin(p)));
  assert.deepEqual(
    NODE_ONLY.filter((p) => !inputs.includes(p)),
    [],
  );
});
