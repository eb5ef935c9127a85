// The CLI outside a clone: `npm pack` makes a tarball that `npm i -g` installs offline (the bundle needs no
// runtime dependency), it holds the bundles, docs and schema only (no sources, tests, test corpus or
// fixtures), and the installed `bulkhead` runs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'cli', 'project');

/** What the tarball may hold: the bundles (desktop and web, no source maps; the CLI and server each a launcher and its bundle, the rest of the server in languageServer.js, CEL in cel.js), the rule pages, the threat model, the schema and the manifest files. */
const SHIPPED =
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/((cli|server)(\.bundle)?|languageServer|cel|extension|browser|browserServer)\.js|docs\/rules\/[A-Z][A-Z0-9]*\d{3}-[a-z0-9-]+\.md|docs\/threat-model\.md|schemas\/[a-z-]+\.schema\.json)$/;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('npm pack → npm i -g --offline: the bundles only, and the installed bin scans', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-install-'));
  // Its own npm cache: an offline install must not be served by packages cached on this machine.
  const env = { ...process.env, npm_config_cache: path.join(tmp, 'cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  try {
    // --ignore-scripts: dist/ is built already (the test runs after the build); prepack would rebuild it.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], REPO, env);
    assert.equal(pack.code, 0, pack.err);
    const [packed] = JSON.parse(pack.out) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed.files.map((f) => f.path);
    assert.deepEqual(
      files.filter((f) => !SHIPPED.test(f)),
      [],
      'only the bundles, docs, schema and manifest files are shipped',
    );
    assert.ok(files.includes('dist/cli.js') && files.some((f) => f.startsWith('docs/rules/')), files.join(' '));

    const prefix = path.join(tmp, 'prefix');
    const install = run('npm', ['install', '--global', '--offline', '--prefix', prefix, path.join(tmp, packed.filename)], tmp, env);
    assert.equal(install.code, 0, install.err);
    const installed = path.join(prefix, 'lib', 'node_modules', 'bulkhead');
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'no runtime dependency was installed');

    const bin = path.join(prefix, 'bin', 'bulkhead');
    const scan = run(bin, ['scan', '.'], FIXTURE, env);
    assert.equal(scan.code, 1, scan.err);
    assert.match(scan.out, /svc\/Dockerfile:2:1 {2}warning {2}DF006 .* \[fix available\]$/m);
    assert.match(scan.out, /^\d+ files, \d+ findings/m);
    const docs = run(bin, ['docs', 'DF006'], tmp, env);
    assert.equal(docs.code, 0, docs.err);
    assert.match(docs.out, /DF006/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
