// Kubernetes manifests: pods and every workload kind that carries a pod template, RBAC, network
// policies, services, secrets, namespaces with Pod Security labels, in multi-document streams, and
// the same as Helm templates (`{{ }}` values, `{{- if }}` lines, `toYaml | nindent`).
import fc from 'fast-check';
import { capability, hostPath, imageRef, orHostile, port, safeWord, secretName, secretValue, suppressionComment } from './common';
import { entry, map, orWrongType, printYaml, restyle, scalar, seq, styling, type Entry, type YNode } from './yaml';

const opt = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { freq });
const some = (entries: Array<Entry | undefined | null | false>): YNode => map(entries.filter((e): e is Entry => !!e));

const seccomp = fc
  .constantFrom('RuntimeDefault', 'Localhost', 'Unconfined', 'unconfined', '')
  .map((t) => map([entry('type', scalar(t)), t === 'Localhost' ? entry('localhostProfile', scalar('p.json')) : undefined]));

const securityContext = (container: boolean): fc.Arbitrary<YNode> =>
  fc
    .record({
      privileged: opt(fc.constantFrom(true, false, 'true')),
      allowPrivilegeEscalation: opt(fc.constantFrom(true, false)),
      readOnlyRootFilesystem: opt(fc.boolean()),
      runAsUser: opt(fc.constantFrom(0, 1000, 10001, -1, '1000', 'root')),
      runAsGroup: opt(fc.constantFrom(0, 1000)),
      runAsNonRoot: opt(fc.constantFrom(true, false, 'yes')),
      fsGroup: opt(fc.constantFrom(0, 2000)),
      capabilities: opt(fc.record({ add: opt(fc.array(capability, { maxLength: 3 })), drop: opt(fc.array(capability, { maxLength: 2 })) })),
      seccompProfile: opt(seccomp),
      procMount: opt(fc.constantFrom('Default', 'Unmasked')),
      seLinuxOptions: opt(fc.constantFrom('spc_t', 'container_t', '')),
      windowsOptions: opt(fc.constantFrom(true, false)),
      appArmorProfile: opt(fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost')),
      sysctls: opt(fc.array(fc.constantFrom('kernel.shm_rmid_forced', 'net.ipv4.ip_forward', 'kernel.msgmax', 'net.core.somaxconn'), { maxLength: 2 })),
      supplementalGroups: opt(fc.array(fc.constantFrom(0, 1000), { maxLength: 2 })),
    })
    .map((s) =>
      some([
        container && s.privileged !== null && entry('privileged', scalar(s.privileged)),
        container && s.allowPrivilegeEscalation !== null && entry('allowPrivilegeEscalation', scalar(s.allowPrivilegeEscalation)),
        container && s.readOnlyRootFilesystem !== null && entry('readOnlyRootFilesystem', scalar(s.readOnlyRootFilesystem)),
        s.runAsUser !== null && entry('runAsUser', scalar(s.runAsUser)),
        s.runAsGroup !== null && entry('runAsGroup', scalar(s.runAsGroup)),
        s.runAsNonRoot !== null && entry('runAsNonRoot', scalar(s.runAsNonRoot)),
        !container && s.fsGroup !== null && entry('fsGroup', scalar(s.fsGroup)),
        container &&
          s.capabilities !== null &&
          entry(
            'capabilities',
            some([
              s.capabilities.add !== null && entry('add', seq(s.capabilities.add.map((c) => scalar(c)))),
              s.capabilities.drop !== null && entry('drop', seq(s.capabilities.drop.map((c) => scalar(c)))),
            ]),
          ),
        s.seccompProfile !== null && entry('seccompProfile', s.seccompProfile),
        container && s.procMount !== null && entry('procMount', scalar(s.procMount)),
        s.seLinuxOptions !== null && entry('seLinuxOptions', map([entry('type', scalar(s.seLinuxOptions))])),
        s.windowsOptions !== null && entry('windowsOptions', map([entry('hostProcess', scalar(s.windowsOptions))])),
        s.appArmorProfile !== null && entry('appArmorProfile', map([entry('type', scalar(s.appArmorProfile))])),
        !container && s.sysctls !== null && entry('sysctls', seq(s.sysctls.map((n) => map([entry('name', scalar(n)), entry('value', scalar('1'))])))),
        !container && s.supplementalGroups !== null && entry('supplementalGroups', seq(s.supplementalGroups.map((g) => scalar(g)))),
      ]),
    );

const envVar: fc.Arbitrary<YNode> = fc
  .tuple(
    secretName,
    fc.oneof(
      secretValue.map((v) => ({ value: v })),
      fc.constant({ secret: true }),
      fc.constant({ configMap: true }),
    ),
  )
  .map(([name, v]) =>
    map([
      entry('name', scalar(name)),
      'value' in v
        ? entry('value', scalar(v.value))
        : entry('valueFrom', map([entry('secret' in v ? 'secretKeyRef' : 'configMapKeyRef', map([entry('name', scalar('secret' in v ? 'db' : 'cfg')), entry('key', scalar('password'))]))])),
    ]),
  );

const probe: fc.Arbitrary<YNode> = fc
  .constantFrom('localhost', '169.254.169.254', '10.0.0.1', '')
  .map((host) => map([entry('httpGet', some([host !== '' && entry('host', scalar(host)), entry('path', scalar('/healthz')), entry('port', scalar(8080))]))]));

const container = (name: string): fc.Arbitrary<YNode> =>
  fc
    .record({
      image: fc.oneof(imageRef, fc.constant(undefined)),
      pullPolicy: opt(fc.constantFrom('Always', 'IfNotPresent', 'Never')),
      ports: opt(fc.array(fc.record({ containerPort: port, hostPort: opt(port), hostIP: opt(fc.constantFrom('0.0.0.0', '127.0.0.1')) }), { maxLength: 2 })),
      env: opt(fc.array(envVar, { maxLength: 3 })),
      envFrom: opt(fc.constantFrom('secretRef', 'configMapRef')),
      sc: opt(orWrongType(securityContext(true)), 3),
      resources: opt(fc.constantFrom('limits', 'requests', 'both', 'empty')),
      probe: opt(probe),
      mounts: opt(fc.array(fc.record({ mountPath: hostPath, readOnly: opt(fc.boolean()), subPath: opt(fc.constantFrom('x', '../..')) }), { maxLength: 2 })),
      args: opt(fc.array(fc.constantFrom('--repo=https://x', '--git-config=core.sshCommand:evil', '--debug', '--insecure-skip-tls-verify', '--kubeconfig=/x'), { maxLength: 2 })),
      command: opt(fc.array(fc.constantFrom('sh', '-c', 'curl x | sh', 'sleep infinity'), { maxLength: 3 })),
    })
    .map((c) =>
      some([
        entry('name', scalar(name)),
        c.image !== undefined && entry('image', scalar(c.image)),
        c.pullPolicy !== null && entry('imagePullPolicy', scalar(c.pullPolicy)),
        c.ports !== null &&
          entry(
            'ports',
            seq(
              c.ports.map((p) =>
                some([
                  entry('containerPort', scalar(/^\d+$/.test(p.containerPort) ? Number(p.containerPort) : p.containerPort)),
                  p.hostPort !== null && entry('hostPort', scalar(p.hostPort)),
                  p.hostIP !== null && entry('hostIP', scalar(p.hostIP)),
                ]),
              ),
            ),
          ),
        c.env !== null && entry('env', seq(c.env)),
        c.envFrom !== null && entry('envFrom', seq([map([entry(c.envFrom, map([entry('name', scalar('db'))]))])])),
        c.sc !== null && entry('securityContext', c.sc),
        c.resources !== null &&
          entry(
            'resources',
            c.resources === 'empty'
              ? map([])
              : some([
                  c.resources !== 'requests' && entry('limits', map([entry('cpu', scalar('500m')), entry('memory', scalar('128Mi'))])),
                  c.resources !== 'limits' && entry('requests', map([entry('cpu', scalar('100m'))])),
                ]),
          ),
        c.probe !== null && entry('livenessProbe', c.probe),
        c.mounts !== null &&
          entry(
            'volumeMounts',
            seq(
              c.mounts.map((m, i) =>
                some([
                  entry('name', scalar(`v${i}`)),
                  entry('mountPath', scalar(m.mountPath)),
                  m.readOnly !== null && entry('readOnly', scalar(m.readOnly)),
                  m.subPath !== null && entry('subPath', scalar(m.subPath)),
                ]),
              ),
            ),
          ),
        c.args !== null && entry('args', seq(c.args.map((a) => scalar(a)))),
        c.command !== null && entry('command', seq(c.command.map((a) => scalar(a)))),
      ]),
    );

const volume: fc.Arbitrary<YNode> = fc
  .tuple(
    fc.nat(3),
    fc.oneof(
      hostPath.map((p) => map([entry('path', scalar(p)), entry('type', scalar('Directory'))])).map((v) => ['hostPath', v] as const),
      fc.constant(['emptyDir', map([])] as const),
      fc.constant(['secret', map([entry('secretName', scalar('db'))])] as const),
      fc.constant(['configMap', map([entry('name', scalar('cfg'))])] as const),
      fc.constant(['nfs', map([entry('server', scalar('nfs')), entry('path', scalar('/'))])] as const),
      fc.constant(['projected', map([entry('sources', seq([map([entry('serviceAccountToken', map([entry('path', scalar('t'))]))])]))])] as const),
      fc.constant(['gitRepo', map([entry('repository', scalar('https://x'))])] as const),
    ),
  )
  .map(([i, [kind, body]]) => map([entry('name', scalar(`v${i}`)), entry(kind, body)]));

const podSpec: fc.Arbitrary<YNode> = fc
  .record({
    containers: fc.array(fc.constantFrom('app', 'sidecar', 'app'), { minLength: 1, maxLength: 2 }).chain((ns) => fc.tuple(...ns.map((n) => container(n)))),
    init: opt(container('init'), 4),
    ephemeral: opt(container('debug'), 6),
    hostNetwork: opt(fc.boolean()),
    hostPID: opt(fc.boolean()),
    hostIPC: opt(fc.boolean()),
    hostUsers: opt(fc.boolean()),
    sa: opt(fc.constantFrom('default', 'app', '')),
    automount: opt(fc.constantFrom(true, false)),
    sc: opt(orWrongType(securityContext(false))),
    volumes: opt(fc.array(volume, { maxLength: 3 })),
    hostAliases: opt(fc.constant(seq([map([entry('ip', scalar('10.0.0.1')), entry('hostnames', seq([scalar('registry.example.com')]))])]))),
  })
  .map((p) =>
    some([
      p.sa !== null && entry('serviceAccountName', scalar(p.sa)),
      p.automount !== null && entry('automountServiceAccountToken', scalar(p.automount)),
      p.hostNetwork !== null && entry('hostNetwork', scalar(p.hostNetwork)),
      p.hostPID !== null && entry('hostPID', scalar(p.hostPID)),
      p.hostIPC !== null && entry('hostIPC', scalar(p.hostIPC)),
      p.hostUsers !== null && entry('hostUsers', scalar(p.hostUsers)),
      p.sc !== null && entry('securityContext', p.sc),
      p.hostAliases !== null && entry('hostAliases', p.hostAliases),
      p.init !== null && entry('initContainers', seq([p.init])),
      entry('containers', seq(p.containers)),
      p.ephemeral !== null && entry('ephemeralContainers', seq([p.ephemeral])),
      p.volumes !== null && entry('volumes', seq(p.volumes)),
    ]),
  );

const metadata = fc
  .record({
    name: orHostile(safeWord),
    namespace: opt(fc.constantFrom('default', 'kube-system', 'prod', 'team-a', '')),
    labels: opt(fc.constantFrom('app', 'pss')),
    annotations: opt(
      fc.array(
        fc.constantFrom(
          'container.apparmor.security.beta.kubernetes.io/app: unconfined',
          'seccomp.security.alpha.kubernetes.io/pod: unconfined',
          'nginx.ingress.kubernetes.io/configuration-snippet: lua',
          'nginx.ingress.kubernetes.io/server-snippet: x',
          'bulkhead.dev/ignore: K8S001,K8S005',
          'checkov.io/skip1: CKV_K8S_20=reason',
          'ignore-check.kube-linter.io/privileged-container: x',
        ),
        { maxLength: 2 },
      ),
    ),
  })
  .map((m) =>
    some([
      entry('name', scalar(m.name)),
      m.namespace !== null && entry('namespace', scalar(m.namespace)),
      m.labels !== null &&
        entry(
          'labels',
          m.labels === 'app'
            ? map([entry('app', scalar('web'))])
            : map([entry('pod-security.kubernetes.io/enforce', scalar('privileged')), entry('pod-security.kubernetes.io/enforce-version', scalar('v1.30'))]),
        ),
      m.annotations !== null && entry('annotations', map(m.annotations.map((a) => ({ key: a.slice(0, a.indexOf(': ')), value: scalar(a.slice(a.indexOf(': ') + 2)) })))),
    ]),
  );

const template = podSpec.map((spec) => map([entry('metadata', map([entry('labels', map([entry('app', scalar('web'))]))])), entry('spec', spec)]));
const workloadSpec = (kind: string): fc.Arbitrary<YNode> => {
  if (kind === 'Pod') return podSpec;
  if (kind === 'CronJob') return template.map((t) => map([entry('schedule', scalar('* * * * *')), entry('jobTemplate', map([entry('spec', map([entry('template', t)]))]))]));
  return template.map((t) => map([entry('replicas', scalar(1)), entry('selector', map([entry('matchLabels', map([entry('app', scalar('web'))]))])), entry('template', t)]));
};

const WORKLOADS: Array<[string, string]> = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'ReplicationController'],
  ['apps/v1beta1', 'Deployment'],
  ['extensions/v1beta1', 'DaemonSet'],
];

const rule = fc
  .record({
    apiGroups: fc.array(fc.constantFrom('', '*', 'apps', 'rbac.authorization.k8s.io'), { maxLength: 2 }),
    resources: fc.array(
      fc.constantFrom(
        '*',
        'pods',
        'pods/exec',
        'pods/attach',
        'secrets',
        'roles',
        'clusterroles',
        'serviceaccounts/token',
        'nodes/proxy',
        'deployments',
        'persistentvolumes',
        'certificatesigningrequests/approval',
      ),
      { minLength: 1, maxLength: 3 },
    ),
    verbs: fc.array(fc.constantFrom('*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'escalate', 'bind', 'impersonate', 'approve'), { minLength: 1, maxLength: 3 }),
  })
  .map((r) => map([entry('apiGroups', seq(r.apiGroups.map((x) => scalar(x)))), entry('resources', seq(r.resources.map((x) => scalar(x)))), entry('verbs', seq(r.verbs.map((x) => scalar(x))))]));

const subject = fc
  .constantFrom(['Group', 'system:anonymous'], ['Group', 'system:unauthenticated'], ['Group', 'system:authenticated'], ['ServiceAccount', 'default'], ['User', 'alice'], ['ServiceAccount', ''])
  .map(([kind, name]) => some([entry('kind', scalar(kind)), entry('name', scalar(name)), kind === 'ServiceAccount' && entry('namespace', scalar('default'))]));

/** Each non-workload kind the rules read, as [apiVersion, kind, body entries]. */
const otherObject: fc.Arbitrary<[string, string, Entry[]]> = fc.oneof<fc.Arbitrary<[string, string, Entry[]]>[]>(
  fc.tuple(fc.constantFrom('Role', 'ClusterRole'), fc.array(orWrongType(rule), { maxLength: 3 })).map(([k, rules]) => ['rbac.authorization.k8s.io/v1', k, [{ key: 'rules', value: seq(rules) }]]),
  fc
    .tuple(fc.constantFrom('RoleBinding', 'ClusterRoleBinding'), fc.constantFrom('cluster-admin', 'admin', 'edit', 'view', 'custom'), fc.array(subject, { maxLength: 2 }))
    .map(([k, role, subjects]) => [
      'rbac.authorization.k8s.io/v1',
      k,
      [
        { key: 'roleRef', value: map([entry('apiGroup', scalar('rbac.authorization.k8s.io')), entry('kind', scalar('ClusterRole')), entry('name', scalar(role))]) },
        { key: 'subjects', value: seq(subjects) },
      ],
    ]),
  fc
    .tuple(fc.constantFrom('{}', 'app'), fc.array(fc.constantFrom('Ingress', 'Egress', 'Nope'), { maxLength: 2 }), fc.constantFrom('none', 'all', 'from'))
    .map(([sel, types, rules]) => [
      'networking.k8s.io/v1',
      'NetworkPolicy',
      [
        { key: 'podSelector', value: sel === '{}' ? map([]) : map([entry('matchLabels', map([entry('app', scalar('web'))]))]) },
        { key: 'policyTypes', value: seq(types.map((t) => scalar(t))) },
        ...(rules === 'none' ? [] : [{ key: 'ingress', value: seq([rules === 'all' ? map([]) : map([entry('from', seq([map([entry('ipBlock', map([entry('cidr', scalar('0.0.0.0/0'))]))])]))])]) }]),
      ],
    ]),
  fc.tuple(fc.constantFrom('LoadBalancer', 'NodePort', 'ClusterIP', 'ExternalName'), port).map(([type, p]) => [
    'v1',
    'Service',
    [
      {
        key: 'spec',
        value: map([entry('type', scalar(type)), entry('ports', seq([map([entry('port', scalar(p)), entry('targetPort', scalar(22))])])), entry('externalIPs', seq([scalar('1.2.3.4')]))]),
      },
    ],
  ]),
  fc
    .boolean()
    .map((tls) => [
      'networking.k8s.io/v1',
      'Ingress',
      [{ key: 'spec', value: some([tls && entry('tls', seq([map([entry('hosts', seq([scalar('x.example.com')]))])])), entry('rules', seq([map([entry('host', scalar('x.example.com'))])]))]) }],
    ]),
  fc
    .tuple(fc.constantFrom('Secret', 'ConfigMap'), fc.constantFrom('data', 'stringData'), fc.array(fc.tuple(secretName, secretValue), { maxLength: 3 }))
    .map(([kind, key, pairs]) => ['v1', kind, [{ key: kind === 'ConfigMap' ? 'data' : key, value: map(pairs.map(([k, v]) => ({ key: k, value: scalar(v) }))) }]]),
  fc.constantFrom(true, false).map((a) => ['v1', 'ServiceAccount', [{ key: 'automountServiceAccountToken', value: scalar(a) }]]),
  fc
    .constantFrom('privileged', 'baseline', 'restricted', 'bogus')
    .map((level) => ['v1', 'Namespace', [{ key: 'metadata', value: map([entry('name', scalar('prod')), entry('labels', map([entry('pod-security.kubernetes.io/enforce', scalar(level))]))]) }]]),
  fc.constant([
    'security.openshift.io/v1',
    'SecurityContextConstraints',
    [
      { key: 'allowPrivilegedContainer', value: scalar(true) },
      { key: 'allowHostNetwork', value: scalar(true) },
    ],
  ]),
  fc.constant(['v1', 'ResourceQuota', [{ key: 'spec', value: map([entry('hard', map([entry('pods', scalar('10'))]))]) }]]),
  fc.constant([
    'v1',
    'Config',
    [
      { key: 'users', value: seq([map([entry('name', scalar('u')), entry('user', map([entry('token', scalar('abc')), entry('client-key-data', scalar('LS0t'))]))])]) },
      { key: 'clusters', value: seq([map([entry('cluster', map([entry('insecure-skip-tls-verify', scalar(true))]))])]) },
    ],
  ]),
  fc.constant(['example.com/v1', 'Widget', [{ key: 'spec', value: map([entry('containers', scalar('not a list'))]) }]]),
);

/** One object; `List` wraps others under `items`. */
const object: fc.Arbitrary<YNode> = fc.letrec<{ obj: YNode }>((tie) => ({
  obj: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom(...WORKLOADS), metadata)
        .chain(([[api, kind], meta]) =>
          orWrongType(workloadSpec(kind)).map((spec) => map([entry('apiVersion', scalar(api)), entry('kind', scalar(kind)), entry('metadata', meta), entry('spec', spec)])),
        ),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(otherObject, metadata)
        .map(([[api, kind, body], meta]) =>
          map([entry('apiVersion', scalar(api)), entry('kind', scalar(kind)), ...(body.some((e) => 'key' in e && e.key === 'metadata') ? [] : [{ key: 'metadata', value: meta }]), ...body]),
        ),
    },
    { weight: 1, arbitrary: fc.array(tie('obj'), { maxLength: 2 }).map((items) => map([entry('apiVersion', scalar('v1')), entry('kind', scalar('List')), entry('items', seq(items))])) },
  ),
})).obj;

const separator = fc.constantFrom('---\n', '---\n', '--- # next\n', '...\n---\n', '---\n\n', '\n---\n', '--- \n');

/** A stream of documents, with comments, directives and suppression lines between them. */
export const manifests: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(object, styling, fc.option(suppressionComment(['K8S001', 'K8S005', 'K8S020', 'XF007']), { freq: 6 })), { minLength: 1, maxLength: 4 }),
    fc.array(separator, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('', '', '---\n', '%YAML 1.2\n---\n', '# header\n'),
  )
  .map(([docs, seps, head]) => head + docs.map(([doc, style, suppression], i) => `${i ? seps[i - 1] : ''}${suppression ? `${suppression}\n` : ''}${printYaml(restyle(doc, style))}`).join(''));

/** Helm template lines: values become `{{ .Values.… }}`, some lines gain `{{- if }}` guards, blocks become `toYaml`. */
const helmLine = fc.constantFrom(
  (l: string) => l.replace(/: (\S.*)$/, ': {{ .Values.x | default "$1" }}'),
  (l: string) => l.replace(/: (\S.*)$/, ': "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"'),
  (l: string) => `${l.match(/^\s*/)![0]}{{- if .Values.enabled }}\n${l}\n${l.match(/^\s*/)![0]}{{- end }}`,
  (l: string) => `${l.match(/^\s*/)![0]}{{- with .Values.securityContext }}\n${l}\n${l.match(/^\s*/)![0]}{{- end }}`,
  (l: string) => `${l.match(/^\s*/)![0]}{{- toYaml .Values.podSecurityContext | nindent ${l.match(/^\s*/)![0].length} }}`,
  (l: string) => `${l.match(/^\s*/)![0]}{{- include "chart.labels" . | nindent 4 }}`,
  (l: string) => `${l} {{`,
  (l: string) => `{{/* ${l} */}}`,
  (l: string) => l,
);

export const helmTemplate: fc.Arbitrary<string> = manifests.chain((text) => {
  const lines = text.split('\n');
  return fc.array(fc.tuple(fc.nat(lines.length - 1), helmLine), { minLength: 1, maxLength: 6 }).map((edits) => {
    const out = [...lines];
    for (const [at, edit] of edits) out[at] = edit(out[at]);
    return out.join('\n');
  });
});
