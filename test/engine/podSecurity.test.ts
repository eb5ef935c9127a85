// Pod Security Standards: the control table, the level a workload is held to, the per-workload
// summary (hover on `kind:`) and "harden to restricted" (every restricted fix at once).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, mergeConfig, parseConfigFile, SourceFile } from '../../server/src/engine/index';
import { parseKubernetes } from '../../server/src/engine/parse/kubernetes';
import { controlsOf, parsePodSecurityVersion, podSecurityPolicy, PSS_CONTROLS } from '../../server/src/engine/policy/podSecurity';
import { hardenToRestricted, podSecuritySummary, podSecuritySummaryOf } from '../../server/src/engine/features/podSecurity';
import { assertNearLinear } from '../harness/complexity';

const uri = 'file:///ws/app.yaml';

test('the table has the 12 baseline and 7 restricted controls, each implemented by a registered rule', () => {
  assert.equal(PSS_CONTROLS.filter((c) => c.level === 'baseline').length, 12);
  assert.equal(PSS_CONTROLS.filter((c) => c.level === 'restricted').length, 7);
  assert.equal(new Set(PSS_CONTROLS.map((c) => c.psaCheck)).size, 19);
  const config = mergeConfig({});
  for (const c of PSS_CONTROLS) {
    for (const id of Object.keys(c.rules)) assert.ok(analyze({ uri, text: '' }, config) && /^K8S0\d\d$/.test(id), id);
  }
  assert.deepEqual(
    controlsOf('K8S004', 'notDropped').map((c) => c.psaCheck),
    ['capabilities_restricted'],
  );
  assert.deepEqual(
    controlsOf('K8S009', 'hostPath').map((c) => c.psaCheck),
    ['hostPathVolumes', 'restrictedVolumes'],
  );
});

test('versions', () => {
  assert.equal(parsePodSecurityVersion('latest'), Infinity);
  assert.equal(parsePodSecurityVersion('v1.30'), 30);
  assert.equal(parsePodSecurityVersion('1.27'), 27);
  assert.equal(parsePodSecurityVersion('nonsense'), Infinity);
});

test('effective level: same-file Namespace label, then namespaceLevels, then the setting', () => {
  const text = [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: v1.29\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: a\nspec:\n  containers: [{name: c}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  namespace: b\nspec:\n  containers: [{name: c}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: r\nspec:\n  containers: [{name: c}]\n',
  ].join('---\n');
  const k8s = parseKubernetes(new SourceFile(uri, text));
  const options = mergeConfig({ podSecurityLevel: 'restricted', podSecurityVersion: 'v1.33', namespaceLevels: { b: { level: 'privileged' } } });
  const [, p, q, r] = k8s.objects;
  assert.deepEqual(podSecurityPolicy(k8s, p, options), { level: 'baseline', version: 29, source: 'namespace' });
  assert.deepEqual(podSecurityPolicy(k8s, q, options), { level: 'privileged', version: 33, source: 'namespace' });
  assert.deepEqual(podSecurityPolicy(k8s, r, options), { level: 'restricted', version: 33, source: 'setting' });
  // Restricted-only rules are silent in the baseline namespace, every PSS rule in the privileged one.
  const findings = analyze({ uri, text }, options).findings;
  const rulesOn = (o: typeof p) => {
    const r = o.doc.rangeOf(o.node);
    return new Set(findings.filter((f) => f.range.start.line >= r.start.line && f.range.end.line <= r.end.line).map((f) => f.ruleId));
  };
  assert.ok(!rulesOn(p).has('K8S013') && !rulesOn(p).has('K8S002') && rulesOn(p).has('K8S022'));
  assert.ok(!rulesOn(q).has('K8S013') && rulesOn(q).has('K8S022'));
  assert.ok(rulesOn(r).has('K8S013') && rulesOn(r).has('K8S002'));
  const byObject = podSecuritySummary(k8s, options);
  assert.equal(byObject.length, 3);
});

test('the policies of a stream of Namespaces and namespaced workloads take time linear in the stream', () => {
  // Every Pod Security rule asks the policy of every workload: a scan of the objects per question was quadratic.
  const streamOf = (n: number) =>
    parseKubernetes(
      new SourceFile(
        uri,
        Array.from(
          { length: n },
          (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${i}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns-${i}\nspec:\n  containers: [{name: c}]\n`,
        ).join('---\n'),
      ),
    );
  const options = mergeConfig({});
  assertNearLinear(
    streamOf,
    (k8s) => {
      for (const object of k8s.objects) podSecurityPolicy(k8s, object, options);
    },
    { n: 2000, runs: 3 },
  );
});

test('config: kubernetes.podSecurityLevel / podSecurityVersion in .bulkhead.yaml', () => {
  const ok = parseConfigFile('kubernetes:\n  podSecurityLevel: baseline\n  podSecurityVersion: v1.30\n');
  assert.deepEqual(ok, { config: { podSecurityLevel: 'baseline', podSecurityVersion: 'v1.30' }, errors: [] });
  const bad = parseConfigFile('kubernetes:\n  podSecurityLevel: privileged\n  podSecurityVersion: "2"\n  other: 1\n');
  assert.equal(bad.errors.length, 3);
  assert.deepEqual(mergeConfig({}).podSecurityLevel, 'restricted');
  assert.deepEqual(mergeConfig({}).podSecurityVersion, 'latest');
  assert.deepEqual(mergeConfig(ok.config).podSecurityVersion, 'v1.30');
});

const DEPLOYMENT = `# web front end
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: web}
    spec:
      hostNetwork: true # legacy
      containers:
        - name: web
          image: nginx:1.27 # pinned
          ports:
            - containerPort: 8080
              hostPort: 8080
          securityContext:
            privileged: true
            capabilities:
              add: [NET_ADMIN, CHOWN]
        - name: sidecar
          image: envoy:1.30
      volumes:
        - name: cache
          emptyDir: {}
`;

test('summary: range of the kind line, baseline and restricted verdicts, failing controls', () => {
  const text =
    DEPLOYMENT +
    '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: c\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
  const [web, ok] = podSecuritySummaryOf({ uri, text }, mergeConfig({}));
  assert.deepEqual(web.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 16 } });
  assert.equal(web.baseline, false);
  assert.equal(web.restricted, false);
  assert.deepEqual(
    web.failing.map((f) => `${f.level}:${f.control}`),
    [
      'baseline:Host Namespaces',
      'baseline:Privileged Containers',
      'baseline:Capabilities',
      'baseline:Host Ports',
      'restricted:Privilege Escalation',
      'restricted:Running as Non-root',
      'restricted:Seccomp',
      'restricted:Capabilities',
    ],
  );
  assert.deepEqual(web.failing.find((f) => f.control === 'Capabilities' && f.level === 'baseline')?.ruleIds, ['K8S004']);
  assert.equal(ok.kind, 'Pod');
  assert.equal(ok.baseline, true);
  assert.equal(ok.restricted, true);
  assert.deepEqual(ok.failing, []);
});

test('summary evaluates restricted even where the workload is held to baseline, and honours the version', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      livenessProbe: {httpGet: {host: example.com, port: 80}}\n';
  const [latest] = podSecuritySummaryOf({ uri, text }, mergeConfig({ podSecurityLevel: 'baseline' }));
  assert.equal(latest.level, 'baseline');
  assert.equal(latest.baseline, false);
  assert.ok(latest.failing.some((f) => f.psaCheck === 'hostProbesAndHostLifecycle'));
  assert.ok(latest.failing.some((f) => f.psaCheck === 'runAsNonRoot'));
  const [old] = podSecuritySummaryOf({ uri, text }, mergeConfig({ podSecurityVersion: 'v1.33' }));
  assert.equal(old.version, 'v1.33');
  assert.equal(old.baseline, true);
});

/** Applies the hardening of the workload at `line` and checks: one clean edit set, nothing fixable left, idempotent. */
function harden(text: string, line: number): string {
  const options = mergeConfig({});
  const result = hardenToRestricted({ uri, text }, { line, character: 0 }, options)!;
  assert.ok(result, 'a workload at that line');
  const hardened = applyEdits(text, result.edits);
  const again = hardenToRestricted({ uri, text: hardened }, { line, character: 0 }, options)!;
  assert.deepEqual(again.edits, [], 'idempotent');
  assert.deepEqual(
    analyze({ uri, text: hardened }, options).findings.filter((f) => f.ruleId === 'BH001'),
    [],
    'still parses',
  );
  return hardened;
}

test('harden a Deployment: every fixable control at once, comments kept', () => {
  const hardened = harden(DEPLOYMENT, 2);
  assert.equal(
    hardened,
    `# web front end
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27 # pinned
          ports:
            - containerPort: 8080
          securityContext:
            capabilities:
              drop: ["ALL"]
            runAsNonRoot: true
            allowPrivilegeEscalation: false
        - name: sidecar
          image: envoy:1.30
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            capabilities:
              drop: ["ALL"]
      volumes:
        - name: cache
          emptyDir: {}
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`,
  );
  const [summary] = podSecuritySummaryOf({ uri, text: hardened }, mergeConfig({}));
  assert.equal(summary.restricted, true);
});

test('harden a CronJob: runAsUser 0 and Unconfined replaced, NET_RAW removed, hostPath left as remaining', () => {
  const text =
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n            runAsUser: 0\n            seccompProfile:\n              type: Unconfined\n          restartPolicy: OnFailure\n          containers:\n            - name: dump\n              image: pg:16\n              securityContext:\n                capabilities:\n                  add: [NET_RAW]\n          volumes:\n            - name: out\n              hostPath: {path: /backups}\n';
  const options = mergeConfig({});
  const result = hardenToRestricted({ uri, text }, { line: 1, character: 0 }, options)!;
  assert.deepEqual(result.remaining, ['HostPath Volumes (baseline)', 'Volume Types (restricted)']);
  assert.equal(result.edits.length, 1);
  const hardened = harden(text, 1);
  assert.equal(
    hardened,
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n            runAsUser: 10001\n            seccompProfile:\n              type: RuntimeDefault\n          restartPolicy: OnFailure\n          containers:\n            - name: dump\n              image: pg:16\n              securityContext:\n                capabilities:\n                  drop: ["ALL"]\n                allowPrivilegeEscalation: false\n          volumes:\n            - name: out\n              hostPath: {path: /backups}\n',
  );
});

test('harden a flow-style pod, and only the workload asked for', () => {
  const other = 'apiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec: {containers: [{name: o, securityContext: {privileged: true}}]}\n';
  const text = other + '---\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"hostPID": true, "containers": [{"name": "c", "image": "x:1"}]}}\n';
  const hardened = harden(text, 5);
  assert.ok(hardened.startsWith(other), 'the other workload is untouched');
  assert.equal(
    hardened.slice(other.length),
    '---\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x:1", "securityContext": {"allowPrivilegeEscalation": false, "runAsNonRoot": true, "capabilities": {"drop": ["ALL"]}}}], "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}}\n',
  );
  assert.equal(hardenToRestricted({ uri, text }, { line: 3, character: 0 }, mergeConfig({}))!.edits.length, 1);
  assert.equal(hardenToRestricted({ uri, text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }, { line: 1, character: 0 }, mergeConfig({})), undefined);
});

test('harden a commented file with CRLF line breaks keeps every comment', () => {
  const text = [
    '# Pod for the batch worker',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: worker # owner: data team',
    '  annotations:',
    '    container.apparmor.security.beta.kubernetes.io/w: unconfined # temporary',
    'spec:',
    '  # shares the node PID space for profiling',
    '  hostPID: true',
    '  containers:',
    '    # main container',
    '    - name: w',
    '      image: worker:2 # pinned',
    '      securityContext:',
    '        # needs to write /tmp',
    '        readOnlyRootFilesystem: false',
    '        procMount: Unmasked',
    '',
    '',
  ].join('\r\n');
  const hardened = harden(text, 2);
  for (const comment of ['# Pod for the batch worker', '# owner: data team', '# temporary', '# main container', '# pinned', '# needs to write /tmp']) {
    assert.ok(hardened.includes(comment), comment);
  }
  assert.ok(!hardened.includes('hostPID') && !hardened.includes('procMount') && !hardened.includes('unconfined'));
  assert.ok(!/[^\r]\n/.test(hardened), 'CRLF kept');
  const [summary] = podSecuritySummaryOf({ uri, text: hardened }, mergeConfig({}));
  assert.equal(summary.restricted, true);
});
