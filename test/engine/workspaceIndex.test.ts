// The workspace manifest index is built once per listing and shared by every analysis: scanning a
// workspace costs the same per file whatever its size (time for 2n files over n), and an editor's
// buffer that changes under the same listing is seen by the next analysis, open or closed since.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, memoryHost, type WorkspaceHost } from '../../server/src/engine/index';
import { assertNearLinear } from '../harness/complexity';
import { serviceFiles } from '../harness/serviceWorkspace';

const ROOT = '/ws';

/** Service `i`'s files under the workspace root. */
function serviceFilesAt(i: number): Record<string, string> {
  return Object.fromEntries(Object.entries(serviceFiles(i)).map(([rel, text]) => [`${ROOT}/${rel}`, text]));
}

/** A host that lists the same array until told otherwise, as the file-system host does between changes. */
function stableHost(files: Record<string, string>, changing: () => Iterable<string> = () => []): WorkspaceHost {
  const inner = memoryHost(files, ROOT);
  const yaml = inner.yamlFiles();
  return { ...inner, yamlFiles: () => yaml, changingPaths: changing };
}

function workspaceOf(services: number): { host: WorkspaceHost; paths: string[] } {
  const files: Record<string, string> = {};
  for (let i = 0; i < services; i++) Object.assign(files, serviceFilesAt(i));
  return { host: stableHost(files), paths: Object.keys(files) };
}

function scan({ host, paths }: { host: WorkspaceHost; paths: string[] }): number {
  let findings = 0;
  for (const path of paths) findings += analyze({ uri: `file://${path}`, text: host.readFile(path)!, workspace: host }).findings.length;
  return findings;
}

test('a scan costs the same per file at any workspace size: the index is built once, not per file', () => {
  assertNearLinear(workspaceOf, scan, { n: 150, runs: 3 });
});

test('the index follows a buffer that changes under the same listing, and the file again once it is closed', () => {
  const files = serviceFilesAt(0);
  const buffers = new Map<string, string>();
  const inner = memoryHost(files, ROOT);
  const yaml = inner.yamlFiles();
  const host: WorkspaceHost = { ...inner, readFile: (p) => buffers.get(p) ?? files[p], yamlFiles: () => yaml, changingPaths: () => [...buffers.keys(), `${ROOT}/svc-0/secret.yaml`] };
  const deployment = `${ROOT}/svc-0/deployment.yaml`;
  const missing = () => analyze({ uri: `file://${deployment}`, text: files[deployment], workspace: host }).findings.filter((f) => f.ruleId === 'XF008').length;
  assert.equal(missing(), 0);
  buffers.set(`${ROOT}/svc-0/secret.yaml`, files[`${ROOT}/svc-0/secret.yaml`].replace('creds-0', 'renamed'));
  assert.equal(missing(), 1, 'the renamed Secret in the buffer is seen');
  buffers.clear();
  assert.equal(missing(), 0, 'closed: the file on disk counts again');
});

test('an analysis reads no workspace file the index already holds: admission policies are gathered once per index, not per file', () => {
  const { host, paths } = workspaceOf(100);
  const read: string[] = [];
  const recording: WorkspaceHost = { ...host, readFile: (p) => (read.push(p), host.readFile(p)) };
  const analyzeFile = (path: string) => analyze({ uri: `file://${path}`, text: host.readFile(path)!, workspace: recording });
  const [first, second] = paths.filter((p) => p.endsWith('/deployment.yaml'));
  analyzeFile(first);
  read.length = 0;
  analyzeFile(second);
  // Only the document's own neighbourhood is looked at (a kustomization or .gitignore beside it, absent here).
  const indexed = read.filter((p) => paths.includes(p));
  assert.deepEqual(indexed, [], `the second analysis read ${indexed.length} indexed files of ${paths.length}`);
});
