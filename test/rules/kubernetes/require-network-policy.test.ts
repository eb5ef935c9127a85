import rule from '../../../server/src/engine/rules/kubernetes/require-network-policy';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ruleTester } from '../../harness/ruleTester';
import { analyze, memoryHost, mergeConfig } from '../../../server/src/engine/index';
import { danglingPolicies, policiesSelecting, type NetworkPolicyFacts, type WorkloadFacts } from '../../../server/src/engine/parse/networkPolicy';

const policy = (spec: string, namespace = '') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\n${namespace}spec:\n${spec}---\n`;
const deploy = (labels: string, name = 'web', extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${extra}spec:\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n`;
const ALL: NetworkPolicyFacts = { uri: 'file:///ws/netpol.yaml', name: 'all', podSelector: { matchLabels: {}, matchExpressions: [] }, policyTypes: ['Ingress'] };
const DB: NetworkPolicyFacts = { uri: 'file:///ws/netpol.yaml', name: 'db', namespace: 'shop', podSelector: { matchLabels: { app: 'db' }, matchExpressions: [] }, policyTypes: ['Ingress', 'Egress'] };

/** Analyzes /ws/app.yaml with the other workspace files given (relative path → text). */
function runWithWorkspace(text: string, files: Record<string, string>): string[] {
  const workspace = memoryHost(Object.fromEntries([['/ws/app.yaml', text], ...Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])]), '/ws');
  return analyze({ uri: 'file:///ws/app.yaml', text, workspace }, mergeConfig({ rules: { K8S069: 'info' } }))
    .findings.filter((f) => f.ruleId === 'K8S069')
    .map((f) => f.messageId);
}

ruleTester(rule, {
  valid: [
    { name: 'no policy in the file and no workspace facts: silent', code: deploy('{app: web}') },
    { name: 'empty podSelector selects every pod', code: policy('  podSelector: {}\n') + deploy('{app: web}') },
    {
      name: 'matchExpressions In / NotIn / Exists / DoesNotExist',
      code:
        policy(
          '  podSelector:\n    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}\n      - {key: tier, operator: NotIn, values: [db]}\n      - {key: team, operator: Exists}\n      - {key: debug, operator: DoesNotExist}\n',
        ) + deploy('{app: web, tier: front, team: a}'),
    },
    { name: 'a namespace-less policy applies wherever it is applied', code: policy('  podSelector: {matchLabels: {app: web}}\n') + deploy('{app: web}', 'web', '  namespace: shop\n') },
    {
      name: 'Helm labels are unknown, not unselected',
      fileName: 'templates/d.yaml',
      code: policy('  podSelector: {matchLabels: {app: db}}\n') + deploy('\n        {{- include "x.labels" . | nindent 8 }}'),
    },
    {
      name: 'host-network pods are outside NetworkPolicy',
      code: policy('  podSelector: {matchLabels: {app: db}}\n') + deploy('{app: web}').replace('    spec:\n      containers', '    spec:\n      hostNetwork: true\n      containers'),
    },
  ],
  invalid: [
    {
      name: 'a policy for another app',
      code: policy('  podSelector: {matchLabels: {app: db}}\n') + deploy('{app: web}', '«web»'),
      errors: [{ messageId: 'notSelected', data: { object: 'Deployment "web"' } }],
    },
    {
      name: 'policy in another namespace; expression fails',
      code:
        policy('  podSelector: {}\n', '  namespace: other\n') +
        policy('  podSelector:\n    matchExpressions: [{key: tier, operator: NotIn, values: [front]}]\n') +
        deploy('{app: web, tier: front}', '«web»', '  namespace: shop\n'),
      errors: [{ messageId: 'notSelected' }],
    },
    {
      name: 'egress-only policy leaves ingress open',
      code: policy('  podSelector: {}\n  policyTypes: [Egress]\n  egress: []\n') + deploy('{app: web}', '«web»'),
      errors: [{ messageId: 'ingressOpen', data: { object: 'Deployment "web"' } }],
    },
  ],
});

test('K8S069 with workspace facts: a file without policies of its own is checked', () => {
  assert.deepEqual(runWithWorkspace(deploy('{app: web}'), { 'netpol.yaml': policy('  podSelector: {}\n') }), []);
  assert.deepEqual(runWithWorkspace(deploy('{app: web}'), { 'netpol.yaml': policy('  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress, Egress]\n', '  namespace: shop\n') }), [
    'notSelected',
  ]);
  assert.deepEqual(runWithWorkspace(deploy('{app: web}'), { 'values.yaml': 'replicas: 2\n' }), ['notSelected'], 'a workspace without any policy leaves every workload open');
});

test('selection and dangling helpers', () => {
  const web: WorkloadFacts = { kind: 'Deployment', name: 'web', namespace: 'shop', labels: { app: 'web' } };
  const db: WorkloadFacts = { kind: 'StatefulSet', name: 'db', namespace: 'shop', labels: { app: 'db' } };
  const elsewhere: WorkloadFacts = { kind: 'Deployment', name: 'db', namespace: 'other', labels: { app: 'db' } };
  assert.deepEqual(
    policiesSelecting(web, [ALL, DB]).map((p) => p.name),
    ['all'],
  );
  assert.deepEqual(policiesSelecting(elsewhere, [DB]), []);
  assert.deepEqual(
    danglingPolicies([ALL, DB], [web]).map((p) => p.name),
    ['db'],
  );
  assert.deepEqual(danglingPolicies([ALL, DB], [web, db]), []);
  assert.deepEqual(
    danglingPolicies([{ ...DB, podSelector: null }], []).map((p) => p.name),
    ['db'],
    'no workload at all: everything dangles',
  );
});
