// ValidatingAdmissionPolicy in the workspace: the Kubernetes documentation's examples give the
// documented decisions and messages, and table tests cover matching, params, messageExpression,
// validationActions, failure handling and the bounded evaluation of a pathological policy.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze, memoryHost, mergeConfig, parseConfigFile } from '../../server/src/engine/index';
import { REPO_ROOT } from '../../scripts/generated';

const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/admission', name), 'utf8');
const ADMISSION_RULES = ['XF012', 'XF013', 'XF014', 'XF015', 'XF016'];

/** The admission findings of `manifest` (at /ws/app.yaml) in a workspace of `files`: `ruleId line: message`. */
function admit(files: Record<string, string>, manifest: string): string[] {
  const all = { ...Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t])), '/ws/app.yaml': manifest };
  const result = analyze({ uri: 'file:///ws/app.yaml', text: manifest, workspace: memoryHost(all, '/ws') }, mergeConfig({}));
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.filter((f) => ADMISSION_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.range.start.line}: ${f.message}`);
}

const namespace = (name: string, labels: Record<string, string>) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('')}`;
const deployment = (o: { name?: string; namespace?: string; replicas?: number; image?: string; labels?: string } = {}) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${o.name ?? 'web'}\n${o.namespace ? `  namespace: ${o.namespace}\n` : ''}${o.labels ? `  labels: ${o.labels}\n` : ''}spec:\n${o.replicas === undefined ? '' : `  replicas: ${o.replicas}\n`}  template:\n    spec:\n      containers:\n        - name: web\n          image: ${o.image ?? 'nginx:1.27'}\n`;

test('docs: demo-policy denies more than 5 replicas in namespaces labelled environment=test', () => {
  const ws = { 'policy.yaml': fixture('demo-policy.yaml'), 'ns.yaml': `${namespace('test', { environment: 'test' })}---\n${namespace('prod', { environment: 'prod' })}` };
  assert.deepEqual(admit(ws, deployment({ namespace: 'test', replicas: 6 })), [
    'XF012 1: failed expression: object.spec.replicas <= 5 (ValidatingAdmissionPolicy "demo-policy.example.com", binding "demo-binding-test.example.com", Deny).',
  ]);
  assert.deepEqual(admit(ws, deployment({ namespace: 'test', replicas: 5 })), []);
  assert.deepEqual(admit(ws, deployment({ namespace: 'prod', replicas: 6 })), [], 'the binding selects environment=test only');
  assert.deepEqual(admit(ws, deployment({ replicas: 6 })), [], 'the default namespace is not labelled test');
});

test("docs: params from the binding's paramRef, with the messageExpression", () => {
  const ws = { 'policy.yaml': fixture('replicalimit-policy.yaml'), 'ns.yaml': namespace('default', { environment: 'test' }) };
  assert.deepEqual(admit(ws, deployment({ replicas: 4 })), [
    'XF012 1: object.spec.replicas must be no greater than 3 (ValidatingAdmissionPolicy "replicalimit-policy.example.com", binding "replicalimit-binding-test.example.com", Deny).',
  ]);
  assert.deepEqual(admit(ws, deployment({ replicas: 3 })), []);
  // Without the param object, parameterNotFoundAction Deny cannot be decided offline (the params may live in the cluster).
  const withoutParams = { ...ws, 'policy.yaml': fixture('replicalimit-policy.yaml').split('---\napiVersion: rules.example.com/v1')[0] };
  assert.deepEqual(admit(withoutParams, deployment({ replicas: 4 })), [
    'XF015 1: ValidatingAdmissionPolicy "replicalimit-policy.example.com" (binding "replicalimit-binding-test.example.com") was not evaluated: params ReplicaLimit "replica-limit-test.example.com" of binding "replicalimit-binding-test.example.com" are not in the workspace.',
  ]);
  const allow = { ...withoutParams, 'policy.yaml': withoutParams['policy.yaml'].replace('parameterNotFoundAction: Deny', 'parameterNotFoundAction: Allow') };
  assert.deepEqual(admit(allow, deployment({ replicas: 4 })), []);
});

test('docs: matchConditions exclude what they say; the validation applies to the rest', () => {
  const ws = { 'policy.yaml': fixture('match-conditions-policy.yaml') };
  assert.deepEqual(admit(ws, deployment({ name: 'demo-app', namespace: 'shop' })), [
    'XF012 1: failed expression: !object.metadata.name.contains(\'demo\') || object.metadata.namespace == \'demo\' (ValidatingAdmissionPolicy "demo-policy.example.com", binding "demo-binding.example.com", Deny).',
  ]);
  assert.deepEqual(admit(ws, deployment({ name: 'demo-app', namespace: 'demo' })), []);
  const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: demo-reader\n  namespace: shop\nrules: []\n';
  assert.deepEqual(admit(ws, role), [], 'the rbac matchCondition excludes RBAC objects');
  const lease = 'apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: demo-lease\n  namespace: shop\n';
  assert.deepEqual(admit(ws, lease), [], 'exclude-leases');
  // The policy matches every resource, but the API server exempts admission configuration: the policy
  // file is not judged by itself (its cluster-scoped objects have no namespace to read).
  assert.deepEqual(admit({}, fixture('match-conditions-policy.yaml')), []);
});

test('docs: variables compose, namespaceObject comes from the workspace', () => {
  const ws = { 'policy.yaml': fixture('variables-policy.yaml'), 'ns.yaml': namespace('staging', { environment: 'staging' }) };
  assert.deepEqual(admit(ws, deployment({ namespace: 'staging', image: 'example.com/nginx' })), [
    'XF012 1: only staging images are allowed in namespace staging (ValidatingAdmissionPolicy "image-matches-namespace-environment.policy.example.com", binding "image-matches-namespace-environment.binding.example.com", Deny).',
  ]);
  assert.deepEqual(admit(ws, deployment({ namespace: 'staging', image: 'staging.example.com/nginx' })), []);
  assert.deepEqual(admit(ws, deployment({ namespace: 'staging', image: 'example.com/nginx', labels: '{exempt: "true"}' })), []);
});

const pod = (namespace: string | undefined, privileged: boolean | undefined) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  containers:\n    - name: c\n      image: nginx:1.27\n${privileged === undefined ? '' : `      securityContext:\n        privileged: ${privileged}\n`}`;

test('docs: manifest-based admission control denies privileged containers outside kube-system', () => {
  const ws = { 'policy.yaml': fixture('deny-privileged-policy.yaml') };
  const denied = 'XF012 1: Privileged containers are not allowed (ValidatingAdmissionPolicy "example-deny-privileged.static.k8s.io", binding "example-deny-privileged-binding.static.k8s.io", Deny).';
  assert.deepEqual(admit(ws, pod('shop', true)), [denied]);
  assert.deepEqual(admit(ws, pod(undefined, true)), [denied], 'admitted to default');
  assert.deepEqual(admit(ws, pod('kube-system', true)), [], 'kubernetes.io/metadata.name NotIn [kube-system]');
  assert.deepEqual(admit(ws, pod('shop', false)), []);
  assert.deepEqual(admit(ws, pod('shop', undefined)), [], 'has() guards the missing securityContext');
});

test('docs: the audit-annotation policy in flow style, its messageExpression evaluated', () => {
  const ws = { 'policy.yaml': fixture('audit-annotation-policy.yaml') };
  assert.deepEqual(admit(ws, deployment({ replicas: 3 })), [
    'XF012 1: Deployment spec.replicas set to 3 (ValidatingAdmissionPolicy "demo-policy.example.com", binding "demo-binding.example.com", Deny).',
  ]);
  assert.deepEqual(admit(ws, deployment({ replicas: 51 })), []);
});

/** A policy on Deployments with `validation` (YAML lines under `validations:`), bound with `binding` lines. */
const policy = (validation: string, binding = '  validationActions: [Deny]', extra = '') =>
  `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\nspec:\n  matchConstraints:\n    resourceRules:\n      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}\n${extra}  validations:\n${validation}\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b\nspec:\n  policyName: p\n${binding}\n`;
const replicas = '    - expression: "object.spec.replicas <= 2"\n      message: too many';

test('validationActions set the severity: Deny error, Warn warning, Audit info, the strongest wins', () => {
  const rules = (binding: string) => admit({ 'p.yaml': policy(replicas, binding) }, deployment({ replicas: 3 })).map((f) => f.slice(0, 5));
  assert.deepEqual(rules('  validationActions: [Deny]'), ['XF012']);
  assert.deepEqual(rules('  validationActions: [Warn]'), ['XF013']);
  assert.deepEqual(rules('  validationActions: [Audit]'), ['XF014']);
  assert.deepEqual(rules('  validationActions: [Warn, Audit]'), ['XF013']);
  assert.deepEqual(rules('  validationActions: []'), []);
});

test('resource rules: group, version, resource, operation, scope, names and exclusions', () => {
  const withRule = (rule: string, more = '') => policy(replicas).replace('      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}', `      - ${rule}${more}`);
  const fails = (p: string, m = deployment({ replicas: 3 })) => admit({ 'p.yaml': p }, m).length > 0;
  assert.ok(fails(withRule('{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}')));
  assert.ok(!fails(withRule('{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [deployments]}')), 'wrong group');
  assert.ok(!fails(withRule('{apiGroups: [apps], apiVersions: [v1beta1], operations: [CREATE], resources: [deployments]}')), 'wrong version');
  assert.ok(!fails(withRule('{apiGroups: [apps], apiVersions: [v1], operations: [UPDATE, DELETE], resources: [deployments]}')), 'CREATE is the operation');
  assert.ok(!fails(withRule('{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments/scale]}')), 'a subresource only');
  assert.ok(!fails(withRule('{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments], scope: Cluster}')), 'scope');
  assert.ok(fails(withRule('{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments], resourceNames: [web]}')));
  assert.ok(!fails(withRule('{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments], resourceNames: [api]}')), 'resourceNames');
  assert.ok(
    !fails(
      withRule(
        '{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}',
        '\n    excludeResourceRules:\n      - {apiGroups: [apps], apiVersions: ["*"], operations: ["*"], resources: [deployments]}',
      ),
    ),
    'excluded',
  );
  const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n';
  const ingressPolicy = withRule('{apiGroups: [networking.k8s.io], apiVersions: [v1], operations: [CREATE], resources: [ingresses]}').replace('object.spec.replicas <= 2', 'has(object.spec)');
  assert.ok(fails(ingressPolicy, ingress), 'Ingress → ingresses');
});

test('object and namespace selectors read workspace labels; a binding narrows its policy', () => {
  const selector = (s: string) => `  validationActions: [Deny]\n  matchResources:\n${s}`;
  const fails = (binding: string, m: string, ns = '') => admit({ 'p.yaml': policy(replicas, binding), 'ns.yaml': ns || namespace('shop', { team: 'shop' }) }, m).length > 0;
  const objectSel = selector('    objectSelector:\n      matchExpressions:\n        - {key: tier, operator: In, values: [frontend]}');
  assert.ok(fails(objectSel, deployment({ replicas: 3, labels: '{tier: frontend}' })));
  assert.ok(!fails(objectSel, deployment({ replicas: 3, labels: '{tier: backend}' })));
  assert.ok(!fails(objectSel, deployment({ replicas: 3 })));
  const notIn = selector('    objectSelector:\n      matchExpressions:\n        - {key: tier, operator: NotIn, values: [batch]}\n        - {key: legacy, operator: DoesNotExist}');
  assert.ok(fails(notIn, deployment({ replicas: 3 })));
  assert.ok(!fails(notIn, deployment({ replicas: 3, labels: '{legacy: "yes"}' })));
  const nsSel = selector('    namespaceSelector:\n      matchLabels: {team: shop}');
  assert.ok(fails(nsSel, deployment({ replicas: 3, namespace: 'shop' })));
  assert.ok(!fails(nsSel, deployment({ replicas: 3, namespace: 'other' })), 'a namespace not in the workspace has only its name label');
  const byName = selector('    namespaceSelector:\n      matchLabels: {kubernetes.io/metadata.name: other}');
  assert.ok(fails(byName, deployment({ replicas: 3, namespace: 'other' })), 'the API server labels every namespace with its name');
});

test('messageExpression, fieldPath and the default message', () => {
  const findings = admit(
    { 'p.yaml': policy('    - expression: "object.spec.replicas <= 2"\n      messageExpression: "\'at most 2, got \' + string(object.spec.replicas)"\n      fieldPath: spec.replicas') },
    deployment({ replicas: 3 }),
  );
  assert.deepEqual(findings, ['XF012 5: at most 2, got 3 (ValidatingAdmissionPolicy "p", binding "b", Deny).'], 'on the replicas line');
  const badMessageExpression = admit(
    { 'p.yaml': policy('    - expression: "object.spec.replicas <= 2"\n      message: fallback\n      messageExpression: "object.spec.replicas"') },
    deployment({ replicas: 3 }),
  );
  assert.deepEqual(badMessageExpression, ['XF012 1: fallback (ValidatingAdmissionPolicy "p", binding "b", Deny).'], 'a non-string messageExpression falls back on message');
});

test('errors and unsupported functions are "not evaluated", never a pass or a fail', () => {
  // The API server would have defaulted `replicas`; this object has none, and the expression does not test has().
  assert.deepEqual(admit({ 'p.yaml': policy(replicas) }, deployment()), [
    'XF015 1: ValidatingAdmissionPolicy "p" (binding "b") was not evaluated: validation "object.spec.replicas <= 2": field not found: replicas.',
  ]);
  assert.deepEqual(admit({ 'p.yaml': policy(replicas, '  validationActions: [Deny]', '  failurePolicy: Ignore\n') }, deployment()), [], 'failurePolicy Ignore');
  const authz = policy("    - expression: \"authorizer.group('apps').resource('deployments').check('create').allowed()\"");
  assert.deepEqual(admit({ 'p.yaml': authz }, deployment({ replicas: 3 })), [], 'reported on the policy, not on every object');
});

test('a pathological policy is stopped by the cost budget and reported', () => {
  const list = `[${Array.from({ length: 30 }, (_, i) => i).join(',')}]`;
  let expression = `${list}.all(z, z >= 0)`;
  for (const v of 'abcde') expression = `${list}.all(${v}, ${expression})`;
  const findings = admit({ 'p.yaml': policy(`    - expression: "${expression}"`) }, deployment({ replicas: 3 }));
  assert.equal(findings.length, 1);
  assert.match(findings[0], /^XF015 1: .*(cost limit|took too long)/);
});

test('policies.paths: policy files beyond the YAML files are read, inside the workspace only', () => {
  const policy = fixture('demo-policy.yaml');
  // One JSON file per object, as `kubectl get -o json` writes them.
  const asJson = Object.fromEntries(parseAllDocuments(policy).map((d, i) => [`/ws/policies/${i}.json`, JSON.stringify(d.toJS())]));
  const files = {
    '/ws/app.yaml': deployment({ namespace: 'test', replicas: 6 }),
    '/ws/ns.yaml': namespace('test', { environment: 'test' }),
    // Not YAML files of the workspace: found only through the setting.
    '/ws/policies/notes.txt': policy,
    '/ws/admission/demo.policy': policy,
    '/outside/demo.yaml': policy,
  };
  const findings = (policyPaths: string[], extra: Record<string, string> = {}) =>
    analyze({ uri: 'file:///ws/app.yaml', text: files['/ws/app.yaml'], workspace: memoryHost({ ...files, ...extra }, '/ws') }, mergeConfig({ policyPaths }))
      .findings.filter((f) => f.ruleId === 'XF012')
      .map((f) => f.ruleId);
  assert.deepEqual(findings([]), [], 'the policy file is not a YAML file of the workspace');
  assert.deepEqual(findings(['/ws/admission/demo.policy']), ['XF012'], 'a file named by the setting');
  assert.deepEqual(findings(['/ws/policies']), [], 'a directory gives its YAML and JSON files only');
  assert.deepEqual(findings(['/ws/policies'], asJson), ['XF012'], 'JSON files of a named directory');
  assert.deepEqual(findings(['/outside/demo.yaml', '/outside']), [], 'nothing outside the workspace is read');
});

test('policies.paths in .bulkhead.yaml are relative to its directory; the editor and config files add up', () => {
  assert.deepEqual(parseConfigFile('policies:\n  paths: [policies, ../shared/p.yaml]\n', '/ws/team').config.policyPaths, ['/ws/team/policies', '/ws/shared/p.yaml']);
  assert.deepEqual(parseConfigFile('policies:\n  paths: policies\n').errors, ['policies.paths: expected a list of paths relative to the config file']);
  assert.deepEqual(parseConfigFile('policies: [a]\n').errors, ['"policies" must be a mapping (paths)']);
  assert.deepEqual(parseConfigFile('policies:\n  path: [a]\n').errors, ['unknown key "policies.path"']);
  assert.deepEqual(mergeConfig({ policyPaths: ['/ws/a'] }, { policyPaths: ['/ws/b', '/ws/a'] }).policyPaths, ['/ws/a', '/ws/b']);
});

test('an invalid regular expression met at evaluation is the validation failing, as the API server decides it', () => {
  // The pattern comes from the object, so only evaluation finds it invalid (a constant one is refused with the policy, XF016).
  const findsPattern = policy('    - expression: "object.metadata.name.find(object.metadata.labels.pattern) != \'\'"\n      message: no match');
  const named = (pattern: string) => deployment({ labels: `{pattern: "${pattern}"}` });
  assert.deepEqual(admit({ 'p.yaml': findsPattern }, named('[a-z]+')), []);
  assert.deepEqual(admit({ 'p.yaml': findsPattern }, named('[0-9]+')), ['XF012 1: no match (ValidatingAdmissionPolicy "p", binding "b", Deny).']);
  assert.deepEqual(admit({ 'p.yaml': findsPattern }, named('(')), [
    'XF012 1: expression \'object.metadata.name.find(object.metadata.labels.pattern) != \'\'\' resulted in error: Illegal regex: error parsing regexp: missing closing ): `(` (ValidatingAdmissionPolicy "p", binding "b", Deny).',
  ]);
  const ignored = policy('    - expression: "object.metadata.name.find(object.metadata.labels.pattern) != \'\'"', '  validationActions: [Warn]', '  failurePolicy: Ignore\n');
  assert.deepEqual(admit({ 'p.yaml': ignored }, named('(')), [], 'failurePolicy Ignore admits');
});
