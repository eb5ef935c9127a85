// A peer id aliased by a rule that decides several checks (the cluster rules: one CIS check per flag)
// stands for the checks it names only: a fixture or a skip comment about one flag says nothing about
// the rule's other flags.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ALL_METAS, aliasCovers, analyze, mergeConfig, type Finding } from '../../server/src/engine/index';
import { FLAG_CHECKS, checkName, type FlagCheck } from '../../server/src/engine/policy/cluster/flagChecks';

/** A kube-system static pod with one container per `component: flags`. */
function controlPlanePod(containers: Record<string, string[]>, comment = ''): string {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: control-plane', '  namespace: kube-system', ...(comment ? [`  ${comment}`] : []), 'spec:', '  containers:'];
  for (const [component, flags] of Object.entries(containers)) {
    lines.push(`    - name: ${component}`, `      image: registry.k8s.io/${component}:v1.30.0`, '      command:', `        - ${component}`, ...flags.map((f) => `        - --${f}`));
  }
  return lines.join('\n') + '\n';
}

const clusterFindings = (text: string): Finding[] => analyze({ uri: 'pod.yaml', text }, mergeConfig({})).findings.filter((f) => f.ruleId.startsWith('KC'));

/** The peer ids among a rule's aliases that cover a finding. */
const peersOf = (f: Finding): string[] =>
  ALL_METAS.find((m) => m.id === f.ruleId)!
    .aliases.filter((a) => aliasCovers(a, f))
    .map((a) => a.id);

test('each cluster finding names its check, and only that check’s peer ids cover it', () => {
  const findings = clusterFindings(
    controlPlanePod({
      'kube-controller-manager': ['service-account-private-key-file=/etc/kubernetes/pki/sa.key', 'profiling=false', 'bind-address=127.0.0.1', 'use-service-account-credentials=true'],
    }),
  );
  const rootCa = findings.find((f) => f.check === 'kube-controller-manager --root-ca-file');
  assert.ok(rootCa, JSON.stringify(findings.map((f) => f.check)));
  assert.deepEqual(peersOf(rootCa).sort(), ['AVD-KCV-0037', 'CKV_K8S_111']);
  // The private key file is set: Checkov's and Trivy's check of it have no finding to match.
  assert.ok(!findings.some((f) => peersOf(f).includes('CKV_K8S_110')));
});

test('a checkov skip of one flag check keeps the same rule’s findings on other flags', () => {
  const skip = '# checkov:skip=CKV_K8S_114: scheduler profiling is scraped';
  const text = controlPlanePod({ 'kube-scheduler': ['bind-address=127.0.0.1'], 'kube-controller-manager': ['bind-address=127.0.0.1'] }, skip);
  const profiling = clusterFindings(text).filter((f) => f.ruleId === 'KC008');
  assert.deepEqual(
    profiling.map((f) => f.check),
    ['kube-controller-manager --profiling'],
  );
});

test('every alias of a cluster flag rule names checks the rule decides, never the whole rule', () => {
  for (const [rule, rows] of Object.entries(FLAG_CHECKS)) {
    const names = new Set((rows as FlagCheck[]).map(checkName));
    for (const alias of ALL_METAS.find((m) => m.id === rule)!.aliases) {
      assert.ok(alias.checks?.length, `${rule} ${alias.id} names no check`);
      for (const check of alias.checks) assert.ok(names.has(check), `${rule} ${alias.id} names ${check}`);
    }
  }
});
