// Pod Security Standards: the 19 controls of the baseline and restricted profiles, the versions where
// they changed, the Bulkhead rule implementing each, and the level a workload is held to. The summary
// and "harden to restricted" built from the rules are in features/podSecurity.ts.
import type { EngineOptions, PodSecurityLevel } from '../config';
import { enforcedLevel, POD_SECURITY_VERSION } from '../config';
import { keptPer, type K8sModel, type K8sObject } from '../parse/kubernetes';

export type PssControlId =
  | 'hostProcess'
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilitiesBaseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'appArmor'
  | 'seLinux'
  | 'procMount'
  | 'seccompBaseline'
  | 'sysctls'
  | 'hostProbes'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompRestricted'
  | 'capabilitiesRestricted'
  | 'procMountRestricted';

export interface PssControl {
  id: PssControlId;
  /** The check id in kubernetes/pod-security-admission (`policy/check_*.go`). */
  psaCheck: string;
  /** The control's name in the Pod Security Standards page. */
  name: string;
  level: 'baseline' | 'restricted';
  /** First Kubernetes minor version (1.x) where the control exists; absent = every supported version. */
  since?: number;
  /** What changed in which version, as the Pod Security Standards state it. */
  changes: string[];
  /** Rule ids implementing the control, each with the messageIds that mean a violation ('*' = all). */
  rules: Record<string, string[] | '*'>;
}

/** The 12 baseline and 7 restricted-only checks of the PodSecurity admission plugin, in its order. */
export const PSS_CONTROLS: readonly PssControl[] = [
  { id: 'hostProcess', psaCheck: 'windowsHostProcess', name: 'HostProcess', level: 'baseline', changes: [], rules: { K8S011: '*' } },
  { id: 'hostNamespaces', psaCheck: 'hostNamespaces', name: 'Host Namespaces', level: 'baseline', changes: [], rules: { K8S007: '*' } },
  { id: 'privileged', psaCheck: 'privileged', name: 'Privileged Containers', level: 'baseline', changes: [], rules: { K8S001: '*' } },
  {
    id: 'capabilitiesBaseline',
    psaCheck: 'capabilities_baseline',
    name: 'Capabilities',
    level: 'baseline',
    changes: [],
    rules: { K8S004: ['dangerousAdded'], K8S018: ['notAllowed'], K8S019: '*' },
  },
  { id: 'hostPathVolumes', psaCheck: 'hostPathVolumes', name: 'HostPath Volumes', level: 'baseline', changes: [], rules: { K8S005: '*', K8S009: '*' } },
  { id: 'hostPorts', psaCheck: 'hostPorts', name: 'Host Ports', level: 'baseline', changes: [], rules: { K8S008: '*' } },
  {
    id: 'appArmor',
    psaCheck: 'appArmorProfile',
    name: 'AppArmor',
    level: 'baseline',
    changes: ['1.30: the securityContext.appArmorProfile field joins the annotation'],
    rules: { K8S014: '*' },
  },
  {
    id: 'seLinux',
    psaCheck: 'seLinuxOptions',
    name: 'SELinux',
    level: 'baseline',
    changes: ['1.31: type container_engine_t allowed'],
    rules: { K8S015: '*' },
  },
  {
    id: 'procMount',
    psaCheck: 'procMount',
    name: '/proc Mount Type',
    level: 'baseline',
    changes: ['1.35: any value allowed when spec.hostUsers is false'],
    rules: { K8S016: ['unmasked'] },
  },
  {
    id: 'seccompBaseline',
    psaCheck: 'seccompProfile_baseline',
    name: 'Seccomp',
    level: 'baseline',
    changes: ['1.19: the securityContext.seccompProfile field replaces the seccomp annotations'],
    rules: { K8S012: '*' },
  },
  {
    id: 'sysctls',
    psaCheck: 'sysctls',
    name: 'Sysctls',
    level: 'baseline',
    changes: [
      '1.27: net.ipv4.ip_unprivileged_port_start, net.ipv4.ip_local_reserved_ports allowed',
      '1.29: net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes allowed',
      '1.32: net.ipv4.tcp_rmem, tcp_wmem allowed',
      'newest: net.ipv4.tcp_slow_start_after_idle, tcp_notsent_lowat allowed',
    ],
    rules: { K8S017: '*' },
  },
  {
    id: 'hostProbes',
    psaCheck: 'hostProbesAndHostLifecycle',
    name: 'Host Probes / Lifecycle Hooks',
    level: 'baseline',
    since: 34,
    changes: ['1.34: control added'],
    rules: { K8S020: '*' },
  },
  {
    id: 'restrictedVolumes',
    psaCheck: 'restrictedVolumes',
    name: 'Volume Types',
    level: 'restricted',
    changes: [],
    rules: { K8S021: '*', K8S005: '*', K8S009: '*' },
  },
  {
    id: 'allowPrivilegeEscalation',
    psaCheck: 'allowPrivilegeEscalation',
    name: 'Privilege Escalation',
    level: 'restricted',
    changes: ['1.25: Windows pods exempt'],
    rules: { K8S002: '*' },
  },
  {
    id: 'runAsNonRoot',
    psaCheck: 'runAsNonRoot',
    name: 'Running as Non-root',
    level: 'restricted',
    changes: ['1.35: any value allowed when spec.hostUsers is false'],
    rules: { K8S003: ['runAsNonRootFalse', 'notEnforced'] },
  },
  {
    id: 'runAsUser',
    psaCheck: 'runAsUser',
    name: 'Running as Non-root user',
    level: 'restricted',
    since: 23,
    changes: ['1.23: control added', '1.35: any value allowed when spec.hostUsers is false'],
    rules: { K8S003: ['rootUser'] },
  },
  {
    id: 'seccompRestricted',
    psaCheck: 'seccompProfile_restricted',
    name: 'Seccomp',
    level: 'restricted',
    since: 19,
    changes: ['1.19: a profile must be set', '1.25: Windows pods exempt'],
    rules: { K8S013: '*', K8S012: ['unconfined'] },
  },
  {
    id: 'capabilitiesRestricted',
    psaCheck: 'capabilities_restricted',
    name: 'Capabilities',
    level: 'restricted',
    since: 22,
    changes: ['1.22: control added', '1.25: Windows pods exempt'],
    rules: { K8S004: ['notDropped'], K8S018: ['notAllowedRestricted'] },
  },
  {
    id: 'procMountRestricted',
    psaCheck: 'procMount_restricted',
    name: '/proc Mount Type',
    level: 'restricted',
    since: 35,
    changes: ['1.35: control added (Default required even in a user namespace)'],
    rules: { K8S016: ['unmaskedUserNamespace'] },
  },
];

/** The controls a finding violates. */
export function controlsOf(ruleId: string, messageId: string): PssControl[] {
  return PSS_CONTROLS.filter((c) => {
    const ids = c.rules[ruleId];
    return ids === '*' || (ids !== undefined && ids.includes(messageId));
  });
}

export const PSS_CONTROL_BY_ID: ReadonlyMap<PssControlId, PssControl> = new Map(PSS_CONTROLS.map((c) => [c.id, c]));

// ---------------------------------------------------------------- effective level

/** A level and a Kubernetes minor version (`Infinity` = latest). */
export interface PodSecurityPolicy {
  level: PodSecurityLevel;
  version: number;
  source: 'namespace' | 'setting';
}

/** `v1.30` / `1.30` → 30; `latest` or anything unreadable → Infinity. */
export function parsePodSecurityVersion(version: string | undefined): number {
  const m = version && POD_SECURITY_VERSION.test(version.trim()) ? /1\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : Infinity;
}

/** Per model: each namespace's labels as its first Namespace with an `enforce` label sets them. */
const namespaceLabelIndexes = new WeakMap<K8sModel, Map<string, { level: PodSecurityLevel; version?: string }>>();

/**
 * The labels of namespace `name` (its first Namespace with an `enforce` label). Indexed in one pass per
 * model: every workload of every Pod Security rule asks, and a scan of the objects each time made a
 * stream of namespaced workloads and Namespaces quadratic.
 */
function namespaceLabels(k8s: K8sModel, name: string): { level: PodSecurityLevel; version?: string } | undefined {
  let index = namespaceLabelIndexes.get(k8s);
  if (!index) {
    index = new Map();
    for (const ns of k8s.objects) {
      if (ns.kind !== 'Namespace' || ns.name === undefined || index.has(ns.name)) continue;
      const enforced = enforcedLevel((key) => ns.doc.scalar(ns.node, 'metadata', 'labels', key));
      if (enforced) index.set(ns.name, enforced);
    }
    namespaceLabelIndexes.set(k8s, index);
  }
  return index.get(name);
}

/**
 * The level every namespace a Namespace of the file labels gets from `namespaceLabels` (the first with an
 * `enforce` label wins), so that a document judged alone sees its file's namespaces through
 * `options.namespaceLevels`; undefined when two Namespaces of one name label it differently (a document
 * holding the later one would find its own first).
 */
export function fileNamespaceLevels(k8s: K8sModel): Record<string, { level: PodSecurityLevel; version?: string }> | undefined {
  // A Map, then own properties: a Namespace named `__proto__` is a name like any other.
  const levels = new Map<string, { level: PodSecurityLevel; version?: string }>();
  for (const ns of k8s.objects) {
    if (ns.kind !== 'Namespace' || ns.name === undefined) continue;
    const enforced = enforcedLevel((key) => ns.doc.scalar(ns.node, 'metadata', 'labels', key));
    if (!enforced) continue;
    const first = levels.get(ns.name);
    if (!first) levels.set(ns.name, enforced);
    else if (first.level !== enforced.level || first.version !== enforced.version) return undefined;
  }
  return Object.fromEntries(levels);
}

/**
 * The policy a workload is held to: its namespace's `enforce` label (a Namespace in the same file,
 * else `options.namespaceLevels`), otherwise the configured level; `options.podSecurityLevelOverride`
 * replaces either. The namespace's `enforce-version` pins the version; without it the configured
 * version (the cluster's) applies.
 */
export function podSecurityPolicy(k8s: K8sModel, object: K8sObject, options: EngineOptions): PodSecurityPolicy {
  const configured = parsePodSecurityVersion(options.podSecurityVersion);
  const ns = object.namespace && (namespaceLabels(k8s, object.namespace) ?? options.namespaceLevels?.[object.namespace]);
  const policy: PodSecurityPolicy = ns
    ? { level: ns.level, version: ns.version ? parsePodSecurityVersion(ns.version) : configured, source: 'namespace' }
    : { level: options.podSecurityLevel ?? 'restricted', version: configured, source: 'setting' };
  return options.podSecurityLevelOverride ? { ...policy, level: options.podSecurityLevelOverride } : policy;
}

/** Whether `policy` enforces `control`: the level includes it and the version has it. */
export function enforces(policy: PodSecurityPolicy, control: PssControlId): boolean {
  const c = PSS_CONTROL_BY_ID.get(control)!;
  if (policy.level === 'privileged' || (policy.level === 'baseline' && c.level === 'restricted')) return false;
  return c.since === undefined || policy.version >= c.since;
}

export interface PodSecurityGate {
  applies(object: K8sObject, control: PssControlId): boolean;
  policy(object: K8sObject): PodSecurityPolicy;
}

/** The gates of a model, by the options they were made under (one set per analysis). */
const gatesOf = keptPer<K8sModel, WeakMap<EngineOptions, PodSecurityGate>>(() => new WeakMap());

/**
 * For rules: `applies(object, control)`, the policy computed once per object and shared by the twenty
 * Pod Security rules that ask it of every workload (each made its own, and parsed the version again).
 */
export function podSecurityGate(k8s: K8sModel, options: EngineOptions): PodSecurityGate {
  const gates = gatesOf(k8s);
  let gate = gates.get(options);
  if (!gate) {
    const cache = new Map<K8sObject, PodSecurityPolicy>();
    const policy = (object: K8sObject): PodSecurityPolicy => {
      let p = cache.get(object);
      if (!p) cache.set(object, (p = podSecurityPolicy(k8s, object, options)));
      return p;
    };
    gates.set(options, (gate = { policy, applies: (object, control) => enforces(policy(object), control) }));
  }
  return gate;
}

// ---------------------------------------------------------------- control details shared by rules

/** Capabilities the baseline profile lets a container add (the runtime defaults minus NET_RAW). */
export const BASELINE_ADDABLE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The only capability the restricted profile lets a container add. */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';
