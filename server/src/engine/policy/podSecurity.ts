// Pod Security Standards: the 19 controls of the baseline and restricted profiles, the versions where
// they changed, the Bulkhead rule implementing each, the level a workload is held to, and two
// whole-workload views built from the rules themselves: a pass/fail summary and "harden to restricted".
import { WorkspaceFacts } from '../workspace/facts';
import { pathOfUri } from '../workspace/paths';
import type { AnalysisInput, Position, Range, TextEdit } from '../model';
import type { EngineOptions, PodSecurityLevel } from '../config';
import { enforcedLevel, POD_SECURITY_VERSION } from '../config';
import type { K8sContext, Report, Rule } from '../rule';
import { SourceFile } from '../source';
import { applyEdits, builtEdits, nonOverlapping } from '../edits';
import { parseKubernetes, type K8sModel, type K8sObject } from '../parse/kubernetes';

export type PssControlId =
  | 'hostProcess' | 'hostNamespaces' | 'privileged' | 'capabilitiesBaseline' | 'hostPathVolumes' | 'hostPorts'
  | 'appArmor' | 'seLinux' | 'procMount' | 'seccompBaseline' | 'sysctls' | 'hostProbes'
  | 'restrictedVolumes' | 'allowPrivilegeEscalation' | 'runAsNonRoot' | 'runAsUser' | 'seccompRestricted'
  | 'capabilitiesRestricted' | 'procMountRestricted';

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
    id: 'capabilitiesBaseline', psaCheck: 'capabilities_baseline', name: 'Capabilities', level: 'baseline', changes: [],
    rules: { K8S004: ['dangerousAdded'], K8S018: ['notAllowed'], K8S019: '*' },
  },
  { id: 'hostPathVolumes', psaCheck: 'hostPathVolumes', name: 'HostPath Volumes', level: 'baseline', changes: [], rules: { K8S005: '*', K8S009: '*' } },
  { id: 'hostPorts', psaCheck: 'hostPorts', name: 'Host Ports', level: 'baseline', changes: [], rules: { K8S008: '*' } },
  {
    id: 'appArmor', psaCheck: 'appArmorProfile', name: 'AppArmor', level: 'baseline',
    changes: ['1.30: the securityContext.appArmorProfile field joins the annotation'], rules: { K8S014: '*' },
  },
  {
    id: 'seLinux', psaCheck: 'seLinuxOptions', name: 'SELinux', level: 'baseline',
    changes: ['1.31: type container_engine_t allowed'], rules: { K8S015: '*' },
  },
  {
    id: 'procMount', psaCheck: 'procMount', name: '/proc Mount Type', level: 'baseline',
    changes: ['1.35: any value allowed when spec.hostUsers is false'], rules: { K8S016: ['unmasked'] },
  },
  {
    id: 'seccompBaseline', psaCheck: 'seccompProfile_baseline', name: 'Seccomp', level: 'baseline',
    changes: ['1.19: the securityContext.seccompProfile field replaces the seccomp annotations'], rules: { K8S012: '*' },
  },
  {
    id: 'sysctls', psaCheck: 'sysctls', name: 'Sysctls', level: 'baseline',
    changes: [
      '1.27: net.ipv4.ip_unprivileged_port_start, net.ipv4.ip_local_reserved_ports allowed',
      '1.29: net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes allowed',
      '1.32: net.ipv4.tcp_rmem, tcp_wmem allowed',
      'newest: net.ipv4.tcp_slow_start_after_idle, tcp_notsent_lowat allowed',
    ],
    rules: { K8S017: '*' },
  },
  {
    id: 'hostProbes', psaCheck: 'hostProbesAndHostLifecycle', name: 'Host Probes / Lifecycle Hooks', level: 'baseline', since: 34,
    changes: ['1.34: control added'], rules: { K8S020: '*' },
  },
  {
    id: 'restrictedVolumes', psaCheck: 'restrictedVolumes', name: 'Volume Types', level: 'restricted', changes: [],
    rules: { K8S021: '*', K8S005: '*', K8S009: '*' },
  },
  {
    id: 'allowPrivilegeEscalation', psaCheck: 'allowPrivilegeEscalation', name: 'Privilege Escalation', level: 'restricted',
    changes: ['1.25: Windows pods exempt'], rules: { K8S002: '*' },
  },
  {
    id: 'runAsNonRoot', psaCheck: 'runAsNonRoot', name: 'Running as Non-root', level: 'restricted',
    changes: ['1.35: any value allowed when spec.hostUsers is false'], rules: { K8S003: ['runAsNonRootFalse', 'notEnforced'] },
  },
  {
    id: 'runAsUser', psaCheck: 'runAsUser', name: 'Running as Non-root user', level: 'restricted', since: 23,
    changes: ['1.23: control added', '1.35: any value allowed when spec.hostUsers is false'], rules: { K8S003: ['rootUser'] },
  },
  {
    id: 'seccompRestricted', psaCheck: 'seccompProfile_restricted', name: 'Seccomp', level: 'restricted', since: 19,
    changes: ['1.19: a profile must be set', '1.25: Windows pods exempt'], rules: { K8S013: '*', K8S012: ['unconfined'] },
  },
  {
    id: 'capabilitiesRestricted', psaCheck: 'capabilities_restricted', name: 'Capabilities', level: 'restricted', since: 22,
    changes: ['1.22: control added', '1.25: Windows pods exempt'], rules: { K8S004: ['notDropped'], K8S018: ['notAllowedRestricted'] },
  },
  {
    id: 'procMountRestricted', psaCheck: 'procMount_restricted', name: '/proc Mount Type', level: 'restricted', since: 35,
    changes: ['1.35: control added (Default required even in a user namespace)'], rules: { K8S016: ['unmaskedUserNamespace'] },
  },
];

export const PSS_CONTROL_BY_ID: ReadonlyMap<PssControlId, PssControl> = new Map(PSS_CONTROLS.map((c) => [c.id, c]));

// ---------------------------------------------------------------- effective level

/** A level and a Kubernetes minor version (`Infinity` = latest). */
export interface PodSecurityPolicy { level: PodSecurityLevel; version: number; source: 'namespace' | 'setting' }

/** `v1.30` / `1.30` → 30; `latest` or anything unreadable → Infinity. */
export function parsePodSecurityVersion(version: string | undefined): number {
  const m = version && POD_SECURITY_VERSION.test(version.trim()) ? /1\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : Infinity;
}

/** Levels forced by the summary and the hardening action, per options object. */
const FORCED = new WeakMap<EngineOptions, 'restricted'>();

function namespaceLabels(k8s: K8sModel, name: string): { level: PodSecurityLevel; version?: string } | undefined {
  for (const ns of k8s.objects) {
    if (ns.kind !== 'Namespace' || ns.name !== name) continue;
    const enforced = enforcedLevel((key) => ns.doc.scalar(ns.node, 'metadata', 'labels', key));
    if (enforced) return enforced;
  }
  return undefined;
}

/**
 * The policy a workload is held to: its namespace's `enforce` label (a Namespace in the same file,
 * else `options.namespaceLevels`), otherwise the configured level. The namespace's `enforce-version`
 * pins the version; without it the configured version (the cluster's) applies.
 */
export function podSecurityPolicy(k8s: K8sModel, object: K8sObject, options: EngineOptions): PodSecurityPolicy {
  const configured = parsePodSecurityVersion(options.podSecurityVersion);
  const ns = object.namespace && (namespaceLabels(k8s, object.namespace) ?? options.namespaceLevels?.[object.namespace]);
  const policy: PodSecurityPolicy = ns
    ? { level: ns.level, version: ns.version ? parsePodSecurityVersion(ns.version) : configured, source: 'namespace' }
    : { level: options.podSecurityLevel ?? 'restricted', version: configured, source: 'setting' };
  return FORCED.has(options) ? { ...policy, level: 'restricted' } : policy;
}

/** Whether `policy` enforces `control`: the level includes it and the version has it. */
export function enforces(policy: PodSecurityPolicy, control: PssControlId): boolean {
  const c = PSS_CONTROL_BY_ID.get(control)!;
  if (policy.level === 'privileged' || (policy.level === 'baseline' && c.level === 'restricted')) return false;
  return c.since === undefined || policy.version >= c.since;
}

/** For rules: `applies(object, control)`, the policy computed once per object. */
export function podSecurityGate(k8s: K8sModel, options: EngineOptions): {
  applies(object: K8sObject, control: PssControlId): boolean;
  policy(object: K8sObject): PodSecurityPolicy;
} {
  const cache = new Map<K8sObject, PodSecurityPolicy>();
  const policy = (object: K8sObject): PodSecurityPolicy => {
    let p = cache.get(object);
    if (!p) cache.set(object, (p = podSecurityPolicy(k8s, object, options)));
    return p;
  };
  return { policy, applies: (object, control) => enforces(policy(object), control) };
}

// ---------------------------------------------------------------- running the PSS rules on one file

/**
 * The rules implementing the controls. The rules import this module, so it cannot import them:
 * workload-rules.ts hands them over when it loads (the engine index always loads it).
 */
let registered: ReadonlyArray<Rule<'kubernetes'>> = [];

export function registerPodSecurityRules(rules: ReadonlyArray<Rule<'kubernetes'>>): void {
  const ids = new Set(PSS_CONTROLS.flatMap((c) => Object.keys(c.rules)));
  registered = rules.filter((r) => ids.has(r.meta.id));
}

function pssRules(): ReadonlyArray<Rule<'kubernetes'>> {
  if (registered.length === 0) throw new Error('podSecurity: rules not registered (import the engine index first)');
  return registered;
}

/** The controls a finding violates. */
export function controlsOf(ruleId: string, messageId: string): PssControl[] {
  return PSS_CONTROLS.filter((c) => {
    const ids = c.rules[ruleId];
    return ids === '*' || (ids !== undefined && ids.includes(messageId));
  });
}

interface PssFinding { ruleId: string; messageId: string; range: Range; fix?: TextEdit[]; controls: PssControl[] }

/** Runs every PSS rule at the restricted level (whatever the workload's own level), with all their findings. */
function runPssRules(src: SourceFile, k8s: K8sModel, options: EngineOptions): PssFinding[] {
  const forced: EngineOptions = { ...options };
  FORCED.set(forced, 'restricted');
  const out: PssFinding[] = [];
  for (const rule of pssRules()) {
    const report = (r: Report<string>): void => {
      const controls = controlsOf(rule.meta.id, r.messageId);
      if (controls.length) out.push({ ruleId: rule.meta.id, messageId: r.messageId, range: r.range, fix: r.fix && builtEdits(r.fix), controls });
    };
    try {
      rule.check({ src, options: forced, report, k8s } as K8sContext<string>);
    } catch {
      // A rule that throws is reported by analyze(); here its controls just count as unknown.
    }
  }
  return out;
}

const contains = (outer: Range, inner: Range): boolean =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character))
  && (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

/** Objects that carry a pod spec, in file order. */
function workloads(k8s: K8sModel): K8sObject[] {
  return [...new Set(k8s.podSpecs.map((p) => p.object))];
}

// ---------------------------------------------------------------- summary (hover on `kind:`)

export interface FailingControl { control: string; level: 'baseline' | 'restricted'; psaCheck: string; ruleIds: string[] }

export interface WorkloadPodSecurity {
  kind: string;
  name?: string;
  namespace?: string;
  /** The `kind: …` line's key-to-value range. */
  range: Range;
  /** The level and version the workload is held to, and where that came from. */
  level: PodSecurityLevel;
  version: string;
  levelSource: 'namespace' | 'setting';
  baseline: boolean;
  restricted: boolean;
  /** Violated controls, baseline ones first, each once. */
  failing: FailingControl[];
}

/** For each workload of the file: whether it passes baseline and restricted, and the controls it fails. */
export function podSecuritySummary(model: K8sModel, options: EngineOptions): WorkloadPodSecurity[] {
  const src = model.documents[0]?.src;
  if (!src) return [];
  const findings = runPssRules(src, model, options);
  return workloads(model).map((object) => {
    const doc = object.doc;
    const objectRange = doc.rangeOf(object.node);
    const failing = new Map<PssControl, Set<string>>();
    for (const f of findings) {
      if (!contains(objectRange, f.range)) continue;
      for (const c of f.controls) failing.set(c, (failing.get(c) ?? new Set()).add(f.ruleId));
    }
    const ordered = PSS_CONTROLS.filter((c) => failing.has(c));
    const policy = podSecurityPolicy(model, object, options);
    return {
      kind: object.kind, name: object.name, namespace: object.namespace,
      range: { start: doc.rangeOf(object.kindPair.key).start, end: doc.rangeOf(object.kindPair.value ?? object.kindPair.key).end },
      level: policy.level, version: Number.isFinite(policy.version) ? `v1.${policy.version}` : 'latest', levelSource: policy.source,
      baseline: !ordered.some((c) => c.level === 'baseline'),
      restricted: ordered.length === 0,
      failing: ordered.map((c) => ({ control: c.name, level: c.level, psaCheck: c.psaCheck, ruleIds: [...failing.get(c)!].sort() })),
    };
  });
}

/** The summary straight from a file's text (parses it as `analyze` does, workspace namespaces included). */
export function podSecuritySummaryOf(input: AnalysisInput, options: EngineOptions): WorkloadPodSecurity[] {
  const src = new SourceFile(input.uri, input.text);
  return podSecuritySummary(parseKubernetes(src), withWorkspaceNamespaces(input, options));
}

/** Options with the Pod Security levels of the workspace's Namespaces, as `analyze` sees them (settings win). */
export function withWorkspaceNamespaces(input: AnalysisInput, options: EngineOptions): EngineOptions {
  const path = input.workspace ? pathOfUri(input.uri) : undefined;
  if (!input.workspace || !path) return options;
  return new WorkspaceFacts(input.workspace, path).withNamespaceLevels(options);
}

// ---------------------------------------------------------------- harden to restricted

export const MAX_HARDEN_PASSES = 10;

export interface HardenResult {
  /** One non-overlapping edit set against the input text; [] when nothing is fixable. */
  edits: TextEdit[];
  /** Controls still failing afterwards (no automatic fix: a hostPath volume, a forced escalation, …). */
  remaining: string[];
}

/**
 * Every restricted-profile fix for the workload whose object contains `at` (the innermost one, for
 * List items), applied as the rules' own fixes in repeated passes (like fixAll) until nothing
 * changes, then returned as one edit set. Undefined when no workload contains `at`.
 */
export function hardenToRestricted(input: AnalysisInput, at: Position, baseOptions: EngineOptions): HardenResult | undefined {
  const options = withWorkspaceNamespaces(input, baseOptions);
  const first = new SourceFile(input.uri, input.text);
  const model = parseKubernetes(first);
  const targets = workloads(model);
  const index = targets.reduce((best, o, i) => (contains(o.doc.rangeOf(o.node), { start: at, end: at }) ? i : best), -1);
  if (index < 0) return undefined;
  let text = input.text;
  let remaining: PssFinding[] = [];
  for (let pass = 0; pass <= MAX_HARDEN_PASSES; pass++) {
    const src = new SourceFile(input.uri, text);
    const k8s = parseKubernetes(src);
    const object = workloads(k8s)[index];
    if (!object) break;
    const objectRange = object.doc.rangeOf(object.node);
    const own = runPssRules(src, k8s, options).filter((f) => contains(objectRange, f.range));
    remaining = own;
    const fixes = own.filter((f) => f.fix?.length).map((f) => ({ title: '', applicability: 'unsafe' as const, edits: f.fix! }));
    if (fixes.length === 0 || pass === MAX_HARDEN_PASSES) break;
    const next = applyEdits(text, nonOverlapping(src, fixes));
    if (next === text) break;
    text = next;
  }
  return {
    edits: text === input.text ? [] : [lineDiff(first, text)],
    remaining: [...new Set(remaining.flatMap((f) => f.controls.map((c) => `${c.name} (${c.level})`)))],
  };
}

/** The smallest whole-line replacement turning `src` into `after`. */
function lineDiff(src: SourceFile, after: string): TextEdit {
  const split = (t: string) => t.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const a = split(src.text);
  const b = split(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const startOffset = a.slice(0, head).join('').length;
  const endOffset = src.text.length - a.slice(a.length - tail).join('').length;
  return { range: src.rangeOf(startOffset, endOffset), newText: b.slice(head, b.length - tail).join('') };
}

// ---------------------------------------------------------------- control details shared by rules

/** Capabilities the baseline profile lets a container add (the runtime defaults minus NET_RAW). */
export const BASELINE_ADDABLE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID',
  'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The only capability the restricted profile lets a container add. */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';
