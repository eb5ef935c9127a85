// Kubernetes rules that relate objects to each other (pods to ServiceAccounts, namespaces to their quotas,
// policies to the workspace's workloads) take time linear in their number: a lookup by name, not a scan of
// the other objects per object.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, SourceFile, type Finding } from '../../server/src/engine/index';
import { parseKubernetes, type K8sModel } from '../../server/src/engine/parse/kubernetes';
import type { Report } from '../../server/src/engine/rule';
import type { WorkloadFacts } from '../../server/src/engine/parse/networkPolicy';
import type { WorkspaceFacts } from '../../server/src/engine/workspace/facts';
import danglingNetworkPolicy from '../../server/src/engine/rules/cross/k8s-dangling-network-policy';
import noSaTokenAutomount from '../../server/src/engine/rules/kubernetes/no-sa-token-automount';
import requireNamespaceQuotas from '../../server/src/engine/rules/kubernetes/require-namespace-quotas';
import { assertNearLinear } from '../harness/complexity';

const uri = 'file:///ws/stream.yaml';

/** A rule's check run on a model, as analyze runs it: what it reports. */
function run(rule: { check(ctx: never): void }, k8s: K8sModel, workspace?: WorkspaceFacts): Array<Report<string>> {
  const reported: Array<Report<string>> = [];
  const ctx = { k8s, src: new SourceFile(uri, ''), options: DEFAULT_CONFIG, workspace, report: (r: Report<string>) => reported.push(r) };
  (rule.check as (c: typeof ctx) => void)(ctx);
  return reported;
}

const streamOf = (documents: (i: number) => string) => (n: number) => parseKubernetes(new SourceFile(uri, Array.from({ length: n }, (_, i) => documents(i)).join('---\n')));

test('K8S057 relates pods and ServiceAccounts in time linear in the stream, by name and namespace', () => {
  // A `default` ServiceAccount per namespace, each asking which pods use it, looked through every pod.
  const stream = streamOf(
    (i) =>
      `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: ns-${i}\nautomountServiceAccountToken: ${i % 2 === 0}\n---\n` +
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns-${i}\nspec:\n  serviceAccountName: app\n  containers: [{name: c, image: nginx}]\n`,
  );
  // Odd namespaces: the account opts out, so the pod using it is silent; even ones: both are reported.
  const found = run(noSaTokenAutomount, stream(4)).map((r) => `${r.messageId}@${r.range.start.line}`);
  assert.deepEqual(found, ['pod@10', 'pod@42', 'serviceAccount@5', 'serviceAccount@37']);
  assertNearLinear(stream, (k8s) => run(noSaTokenAutomount, k8s), { n: 1000, runs: 3 });
});

test('K8S057: an account with no namespace is used by the pods of every namespace, a pod with none by every account of its name', () => {
  const k8s = streamOf((i) =>
    i === 0
      ? 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\nautomountServiceAccountToken: false\n'
      : `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n${i === 1 ? '' : '  namespace: ns\n'}spec:\n  serviceAccountName: app\n  containers: [{name: c, image: nginx}]\n`,
  )(3);
  assert.deepEqual(run(noSaTokenAutomount, k8s), []);
  const opted = streamOf((i) =>
    i === 0
      ? 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: ns\n'
      : `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n${i === 1 ? '' : '  namespace: ns\n'}spec:\n  serviceAccountName: app\n  automountServiceAccountToken: false\n  containers: [{name: c, image: nginx}]\n`,
  )(3);
  // Both pods (one in the namespace, one in none) opt out themselves: the account's setting changes nothing.
  assert.deepEqual(run(noSaTokenAutomount, opted), []);
});

test('K8S068 finds the quotas of each namespace in time linear in the stream', () => {
  const stream = streamOf(
    (i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n---\n` + `apiVersion: v1\nkind: ${i % 2 === 0 ? 'ResourceQuota' : 'LimitRange'}\nmetadata:\n  name: q\n  namespace: ns-${i}\n`,
  );
  const found: Finding['messageId'][] = run(requireNamespaceQuotas, stream(2)).map((r) => r.messageId);
  assert.deepEqual(found, ['noLimitRange', 'noResourceQuota']);
  assertNearLinear(stream, (k8s) => run(requireNamespaceQuotas, k8s), { n: 2000, runs: 3 });
});

test('XF010 counts the workloads a dangling policy could select in time linear in the policies and workloads', () => {
  // Policies of a namespace each, selecting no workload of the workspace's, one per namespace too.
  const make = (n: number) => ({
    k8s: streamOf((i) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i}\n  namespace: ns-${i}\nspec:\n  podSelector: {matchLabels: {app: gone}}\n`)(n),
    workspace: {
      workloads: (): WorkloadFacts[] => [
        ...Array.from({ length: n }, (_, i) => ({ kind: 'Deployment', name: `w${i}`, namespace: `ns-${i}`, labels: { app: 'web' } })),
        { kind: 'Pod', name: 'anywhere', labels: { app: 'web' } },
      ],
    } as unknown as WorkspaceFacts,
  });
  const { k8s, workspace } = make(2);
  // Each policy's namespace has its workload and the one with no namespace.
  assert.deepEqual(
    run(danglingNetworkPolicy, k8s, workspace).map((r) => r.data?.count),
    [2, 2],
  );
  assertNearLinear(make, ({ k8s, workspace }) => run(danglingNetworkPolicy, k8s, workspace), { n: 6000, runs: 3 });
});
