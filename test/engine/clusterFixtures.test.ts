// The cluster rules on whole control-plane sets: kubeadm's own output, a kind cluster as its quick start
// writes it, a k3s config.yaml (test/fixtures/cluster/defaults, copied to examples/cluster) draw exactly the CIS findings they
// leave open; the same sets hardened from the CIS Kubernetes Benchmark remediations (…/hardened) draw none.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, mergeConfig } from '../../server/src/engine/index';
import { REPO_ROOT } from '../../scripts/generated';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/cluster');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** `file ruleId setting-or-message` for every cluster (KC) finding and every engine (BH) diagnostic of a set. */
function clusterFindings(dir: string): string[] {
  return filesUnder(dir).flatMap((file) => {
    const result = analyze({ uri: `file:///cluster/${file}`, text: fs.readFileSync(path.join(dir, file), 'utf8') }, mergeConfig({}));
    return result.findings.filter((f) => /^(KC|BH)/.test(f.ruleId)).map((f) => `${file} ${f.ruleId} ${f.data.setting ?? f.messageId}`);
  });
}

test('kubeadm defaults draw the findings kubeadm leaves open', () => {
  assert.deepEqual(clusterFindings(path.join(FIXTURES, 'defaults')), [
    'etc/kubernetes/manifests/kube-apiserver.yaml KC001 --anonymous-auth',
    'etc/kubernetes/manifests/kube-apiserver.yaml KC005 --kubelet-certificate-authority',
    'etc/kubernetes/manifests/kube-apiserver.yaml KC008 --profiling',
    'etc/kubernetes/manifests/kube-apiserver.yaml KC009 --audit-log-path',
    'etc/kubernetes/manifests/kube-apiserver.yaml KC010 --encryption-provider-config',
    'etc/kubernetes/manifests/kube-controller-manager.yaml KC008 --profiling',
    'etc/kubernetes/manifests/kube-scheduler.yaml KC008 --profiling',
    'k3s/config.yaml KC009 --audit-log-path',
    'k3s/config.yaml KC010 --encryption-provider-config',
    'k3s/config.yaml KC016 --protect-kernel-defaults',
    'kind/kind-cluster.yaml KC001 --anonymous-auth',
    'kind/kind-cluster.yaml KC005 --kubelet-certificate-authority',
    'kind/kind-cluster.yaml KC008 --profiling',
    'kind/kind-cluster.yaml KC008 --profiling',
    'kind/kind-cluster.yaml KC008 --profiling',
    'kind/kind-cluster.yaml KC009 --audit-log-path',
    'kind/kind-cluster.yaml KC010 --encryption-provider-config',
    'kind/kind-cluster.yaml KC012 networking.apiServerAddress',
    'var/lib/kubelet/config.yaml KC016 protectKernelDefaults',
  ]);
});

test('the CIS-hardened control plane analyzes clean for the cluster rules', () => {
  assert.equal(filesUnder(path.join(FIXTURES, 'hardened')).length, 9);
  assert.deepEqual(clusterFindings(path.join(FIXTURES, 'hardened')), []);
});

test('examples/cluster is a copy of the defaults', () => {
  const defaults = path.join(FIXTURES, 'defaults');
  const examples = path.join(REPO_ROOT, 'examples/cluster');
  assert.deepEqual(filesUnder(examples), filesUnder(defaults));
  for (const file of filesUnder(defaults)) assert.equal(fs.readFileSync(path.join(examples, file), 'utf8'), fs.readFileSync(path.join(defaults, file), 'utf8'), file);
});
