// bulkhead/scanWorkspace over a real server process: publications for files never opened, counts that
// match them, progress, cancellation, skips with reasons, and ownership of the scanned files' diagnostics.
import { test, describe, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { ScanResult } from '../../shared/protocol';
import { LspClient, fileUri, REPO_ROOT, tempWorkspace, VSCODE_LIKE_CAPABILITIES, type ProgressNotification, type PublishedDiagnostics } from '../harness/lspClient';

const WS = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp-workspace');
const SCAN = 'bulkhead/scanWorkspace';
const PRIVILEGED_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

/** Runs a scan with nothing received before it, so what was published afterwards is this scan's. */
async function scan(client: LspClient, params: object = {}, token?: CancellationTokenSource['token']): Promise<ScanResult> {
  client.reset();
  // vscode-jsonrpc takes a trailing undefined for one more parameter, so the token is passed only when there is one.
  return token ? client.connection.sendRequest<ScanResult>(SCAN, params, token) : client.connection.sendRequest<ScanResult>(SCAN, params);
}

/** The counts a scan result should report for these publications. */
function countsOf(published: PublishedDiagnostics[]) {
  const diagnostics = published.flatMap((p) => p.diagnostics);
  const bySeverity = (s: number) => diagnostics.filter((d) => d.severity === s).length;
  return { files: published.length, findings: diagnostics.length, errors: bySeverity(1), warnings: bySeverity(2), infos: bySeverity(3) };
}

const codesOf = (client: LspClient, file: string): string[] | undefined =>
  client
    .allPublished()
    .filter((p) => p.uri === fileUri(file))
    .at(-1)
    ?.diagnostics.map((d) => String(d.code));

async function withClient(root: string, run: (client: LspClient) => Promise<void>, capabilities = VSCODE_LIKE_CAPABILITIES): Promise<void> {
  const client = new LspClient();
  try {
    await client.initialize(root, { debounceMs: 0 }, capabilities);
    await run(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
}

describe('the fixture workspace', () => {
  test('publishes diagnostics for files never opened, and counts exactly what it published', () =>
    withClient(WS, async (client) => {
      const result = await scan(client, { workDoneToken: 'scan-1' });
      const published = client.allPublished();
      // The config file is checked too (unknown rule ids in it are BH002 findings): this one has none.
      assert.deepEqual(published.map((p) => path.relative(WS, new URL(p.uri).pathname)).sort(), ['.bulkhead.yaml', 'app/Dockerfile', 'compose.yaml', 'deploy/pod.yaml']);
      assert.deepEqual({ ...result, durationMs: 0 }, { ...countsOf(published), skipped: 1, cancelled: false, durationMs: 0 });
      assert.ok(codesOf(client, path.join(WS, 'deploy', 'pod.yaml'))!.includes('K8S001'));
      assert.ok(codesOf(client, path.join(WS, 'compose.yaml'))!.includes('DC001'));
      const scannedDockerfile = client.allPublished().find((p) => p.uri.endsWith('app/Dockerfile'))!;
      const df006 = scannedDockerfile.diagnostics.find((d) => d.code === 'DF006')!;
      assert.equal(df006.severity, 1, 'the workspace .bulkhead.yaml applies to scanned files');
      assert.equal(scannedDockerfile.version, undefined, 'a file read from disk has no document version');
      assert.ok(
        client.logs().some((m) => m.includes('Dockerfile.bin') && m.includes('binary')),
        'the skip is logged with its reason',
      );
      const kinds = client.progress('scan-1').map((p) => p.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      assert.equal(client.progress('scan-1')[0].cancellable, true);
    }));

  test('a rule turned off in the settings re-publishes scanned files without it', () =>
    withClient(WS, async (client) => {
      await scan(client);
      const pod = fileUri(path.join(WS, 'deploy', 'pod.yaml'));
      client.reset();
      await client.configure({ rules: { K8S001: 'off' } });
      const again = await client.waitForDiagnostics((x) => x.uri === pod);
      assert.ok(!again.diagnostics.some((d) => d.code === 'K8S001'), JSON.stringify(again.diagnostics.map((d) => d.code)));
      const result = await scan(client);
      assert.ok(!codesOf(client, path.join(WS, 'deploy', 'pod.yaml'))!.includes('K8S001'));
      assert.deepEqual({ ...result, durationMs: 0 }, { ...countsOf(client.allPublished()), skipped: 1, cancelled: false, durationMs: 0 });
    }));

  test('a request cancelled before it starts returns cancelled: true and publishes nothing', () =>
    withClient(WS, async (client) => {
      const source = new CancellationTokenSource();
      source.cancel();
      const result = await scan(client, { workDoneToken: 'scan-2' }, source.token);
      assert.equal(result.cancelled, true);
      assert.equal(result.files, 0);
      assert.deepEqual(client.allPublished(), []);
    }));

  test('with bulkhead.enable false the scan publishes nothing', () =>
    withClient(WS, async (client) => {
      await client.configure({ enable: false });
      const result = await scan(client);
      assert.deepEqual({ ...result, durationMs: 0 }, { files: 0, findings: 0, errors: 0, warnings: 0, infos: 0, skipped: 0, cancelled: false, durationMs: 0 });
      assert.deepEqual(client.allPublished(), []);
    }));
});

describe('a generated workspace', () => {
  const MANY = 300;
  const files: Record<string, string | Buffer> = {
    'big/compose.yaml': `services:\n  web:\n    image: nginx:1.27\n${'    # padding\n'.repeat(250_000)}`,
    'vendor/Dockerfile': 'FROM alpine:3.20\nADD x /x\n',
    'broken/compose.yaml': 'services:\n  web:\n    image: x\n   privileged: [\n',
    'latin1/Dockerfile': Buffer.from('FROM alpine:3.20\n# caf\xe9\n', 'latin1'),
    'gone/pod.yaml': PRIVILEGED_POD,
    'open/pod.yaml': PRIVILEGED_POD,
  };
  for (let i = 0; i < MANY; i++) files[`many/${String(i).padStart(3, '0')}/Dockerfile`] = 'FROM alpine:3.20\nADD app.py /app/\n';
  const root = tempWorkspace(files);
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('skips excluded, oversized and undecodable files with a reason; broken YAML becomes a finding', () =>
    withClient(root, async (client) => {
      client.settings = { scan: { exclude: ['vendor/**', 'many/**'] } };
      await client.configure(client.settings);
      const result = await scan(client);
      assert.equal(codesOf(client, path.join(root, 'vendor', 'Dockerfile')), undefined, 'excluded files are not read');
      assert.equal(codesOf(client, path.join(root, 'big', 'compose.yaml')), undefined);
      assert.ok(codesOf(client, path.join(root, 'broken', 'compose.yaml'))!.includes('BH001'));
      assert.equal(result.skipped, 2);
      const logs = client.logs();
      assert.ok(
        logs.some((m) => m.includes(path.join('big', 'compose.yaml')) && m.includes('larger than')),
        logs.join('\n'),
      );
      assert.ok(
        logs.some((m) => m.includes(path.join('latin1', 'Dockerfile')) && m.includes('UTF-8')),
        logs.join('\n'),
      );
    }));

  test('a scan cancelled midway stops early, says so and ends its progress', () =>
    withClient(root, async (client) => {
      const source = new CancellationTokenSource();
      client.reset();
      const running = client.connection.sendRequest<ScanResult>(SCAN, { workDoneToken: 'mid' }, source.token);
      await client.waitFor<ProgressNotification>('$/progress', (p) => p.token === 'mid' && p.value.kind === 'report');
      source.cancel();
      const result = await running;
      assert.equal(result.cancelled, true);
      assert.ok(result.files < MANY, `scanned ${result.files} files (of over ${MANY}) despite the cancellation`);
      assert.equal(client.progress('mid').at(-1)!.kind, 'end');
    }));

  test('without a workDoneToken the server creates its own progress', () =>
    withClient(root, async (client) => {
      await scan(client);
      const created = client.messages<{ token: string | number }>('window/workDoneProgress/create');
      assert.equal(created.length, 1);
      const { token } = created[0];
      const kinds = client.progress(token).map((p) => p.kind);
      assert.deepEqual([kinds[0], kinds.at(-1)], ['begin', 'end']);
      assert.ok(kinds.includes('report'), 'progress is reported along the way');
    }));

  test('progress counts the files first, then reports n / total with a percentage that only grows', () =>
    withClient(root, async (client) => {
      const result = await scan(client, { workDoneToken: 'counted' });
      const reports = client.progress('counted').filter((p) => p.kind === 'report');
      const parsed = reports.map((r) => {
        const m = /^(\d+) \/ (\d+) files, (\d+) findings$/.exec(r.message ?? '');
        assert.ok(m, `progress message ${r.message}`);
        return { done: Number(m[1]), total: Number(m[2]), percentage: r.percentage! };
      });
      // Every candidate is counted but the one the walk skips before any read (over the size cap).
      const total = Object.keys(files).length - 1;
      assert.deepEqual(new Set(parsed.map((p) => p.total)), new Set([total]));
      assert.deepEqual(parsed[0], { done: 0, total, percentage: 0 });
      assert.deepEqual(parsed.at(-1), { done: total, total, percentage: 100 });
      for (const [i, p] of parsed.entries()) {
        if (i > 0) assert.ok(p.done > parsed[i - 1].done && p.percentage >= parsed[i - 1].percentage, JSON.stringify(parsed.slice(i - 1, i + 1)));
        assert.equal(p.percentage, Math.floor((p.done * 100) / total));
      }
      assert.ok(parsed.length <= 102, `at most one report per percent, got ${parsed.length}`);
      assert.equal(reports.at(-1)!.message, `${total} / ${total} files, ${result.findings} findings`);
    }));

  test('an edit made while the scan runs gets its diagnostics before the scan ends', () =>
    withClient(root, async (client) => {
      client.reset();
      let scanDone = false;
      const running = client.connection.sendRequest<ScanResult>(SCAN, { workDoneToken: 'busy' }).then((r) => ((scanDone = true), r));
      // Well into the analysis, not while counting: the first report after the zero one.
      await client.waitFor<ProgressNotification>('$/progress', (p) => p.token === 'busy' && p.value.kind === 'report' && (p.value.percentage ?? 0) > 0);
      const edited = fileUri(path.join(root, 'typed', 'Dockerfile'));
      await client.open(edited, 'dockerfile', 'FROM alpine:3.20\n');
      await client.change(edited, 2, 'FROM alpine:3.20\nUSER root\n');
      const published = await client.waitForDiagnostics((p) => p.uri === edited && p.version === 2);
      assert.ok(
        published.diagnostics.some((d) => d.code === 'DF001'),
        JSON.stringify(published.diagnostics.map((d) => d.code)),
      );
      assert.equal(scanDone, false, 'the keystroke waited for the whole scan');
      const percentages = client.progress('busy').flatMap((p) => (p.kind === 'report' ? [p.percentage!] : []));
      assert.ok(percentages.at(-1)! < 100, `the scan was at ${percentages.at(-1)}% when the edit's diagnostics arrived`);
      await running;
    }));

  test('scanned diagnostics survive closing the file, and a rescan clears files that went away', () =>
    withClient(root, async (client) => {
      await client.configure({ scan: { exclude: ['many/**'] } });
      const open = fileUri(path.join(root, 'open', 'pod.yaml'));
      const gone = path.join(root, 'gone', 'pod.yaml');
      await client.open(open, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n');
      await client.waitForDiagnostics((x) => x.uri === open && x.version === 1);
      await scan(client);
      assert.equal(codesOf(client, path.join(root, 'open', 'pod.yaml')), undefined, 'an open document keeps its editor diagnostics');
      assert.ok(codesOf(client, gone)!.includes('K8S001'));

      client.reset();
      await client.close(open);
      const onDisk = await client.waitForDiagnostics((x) => x.uri === open);
      assert.ok(
        onDisk.diagnostics.some((d) => d.code === 'K8S001'),
        'closing shows the file on disk again, not nothing',
      );

      fs.rmSync(gone);
      try {
        await scan(client);
        assert.deepEqual(codesOf(client, gone), [], 'a vanished file loses its diagnostics');
      } finally {
        fs.writeFileSync(gone, PRIVILEGED_POD);
      }
    }));
});
