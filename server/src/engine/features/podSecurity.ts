// Two whole-workload views built from the Pod Security rules themselves: a pass/fail summary per
// workload (hover on `kind:`) and "harden to restricted". The controls and levels are policy/podSecurity.ts.
import type { AnalysisInput, Finding, Fix, Position, Range, TextEdit } from '../model';
import type { EngineOptions, PodSecurityLevel } from '../config';
import { SourceFile } from '../source';
import { diffEdit } from '../edits/text';
import { firstFixes, fixInPasses, type FixChecks } from '../edits/fixes';
import { parseKubernetes, type K8sModel, type K8sObject } from '../parse/kubernetes';
import { controlsOf, podSecurityPolicy, PSS_CONTROLS, type PssControl } from '../policy/podSecurity';
import { WorkspaceFacts } from '../workspace/facts';
import { pathOfUri, relativePath } from '../workspace/paths';
import { kustomizationsPatching } from '../workspace/kustomize';
import { buildKustomization } from '../workspace/kustomizeBuild';
import { stringify } from 'yaml';
import type { Rule } from '../rule';
import { ALL_RULES } from '../registry';
import { runRule } from '../analyze';

/** The rules implementing a control, in registry order. */
const PSS_RULES: ReadonlyArray<Rule<'kubernetes'>> = (() => {
  const ids = new Set(PSS_CONTROLS.flatMap((c) => Object.keys(c.rules)));
  return ALL_RULES.filter((r): r is Rule<'kubernetes'> => r.meta.appliesTo === 'kubernetes' && ids.has(r.meta.id));
})();

interface PssFinding {
  finding: Finding;
  controls: PssControl[];
}

/** Every fix counts here (analyze() reports one that fails to build; here it just has no edits). */
const HARDENING_CHECKS: FixChecks = { applicable: () => true, failed: () => undefined };

/**
 * Every PSS rule's control violations at the restricted level (whatever the workload's own level), with
 * their fixes. A rule that throws is reported by analyze(); here its controls just count as unknown.
 */
function pssFindings(src: SourceFile, k8s: K8sModel, options: EngineOptions): PssFinding[] {
  const restricted: EngineOptions = { ...options, podSecurityLevelOverride: 'restricted' };
  const findings: Finding[] = [];
  for (const rule of PSS_RULES) runRule(rule, rule.meta.severity, src, restricted, { k8s }, HARDENING_CHECKS, findings);
  return findings.flatMap((finding) => {
    const controls = controlsOf(finding.ruleId, finding.messageId);
    return controls.length ? [{ finding, controls }] : [];
  });
}

const contains = (outer: Range, inner: Range): boolean =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

/** Objects that carry a pod spec, in file order. */
function workloads(k8s: K8sModel): K8sObject[] {
  return [...new Set(k8s.podSpecs.map((p) => p.object))];
}

// ---------------------------------------------------------------- summary (hover on `kind:`)

export interface FailingControl {
  control: string;
  level: 'baseline' | 'restricted';
  psaCheck: string;
  ruleIds: string[];
}

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
  /**
   * Set when the file is a Kustomize patch, which holds only part of the object: the standing is the
   * effective object's in the overlay at `overlay` (its kustomization, relative to the patch), or, with
   * no overlay that builds it, unknown (`overlay` absent: the verdicts above are not to be shown).
   */
  kustomizePatch?: { overlay?: string };
}

/** For each workload of the file: whether it passes baseline and restricted, and the controls it fails. */
export function podSecuritySummary(model: K8sModel, options: EngineOptions): WorkloadPodSecurity[] {
  const src = model.documents[0]?.src;
  if (!src) return [];
  const findings = pssFindings(src, model, options);
  return workloads(model).map((object) => {
    const doc = object.doc;
    const objectRange = doc.rangeOf(object.node);
    const failing = new Map<PssControl, Set<string>>();
    for (const { finding, controls } of findings) {
      if (!contains(objectRange, finding.range)) continue;
      for (const c of controls) failing.set(c, (failing.get(c) ?? new Set()).add(finding.ruleId));
    }
    const ordered = PSS_CONTROLS.filter((c) => failing.has(c));
    const policy = podSecurityPolicy(model, object, options);
    return {
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      range: { start: doc.rangeOf(object.kindPair.key).start, end: doc.rangeOf(object.kindPair.value ?? object.kindPair.key).end },
      level: policy.level,
      version: Number.isFinite(policy.version) ? `v1.${policy.version}` : 'latest',
      levelSource: policy.source,
      baseline: !ordered.some((c) => c.level === 'baseline'),
      restricted: ordered.length === 0,
      failing: ordered.map((c) => ({ control: c.name, level: c.level, psaCheck: c.psaCheck, ruleIds: [...failing.get(c)!].sort() })),
    };
  });
}

/**
 * The summary straight from a file's text (parses it as `analyze` does, workspace namespaces included).
 * On a Kustomize patch each workload's standing is its effective object's in the nearest overlay that
 * lists the patch: the patch alone would fail every control whose setting it leaves to its base.
 */
export function podSecuritySummaryOf(input: AnalysisInput, options: EngineOptions): WorkloadPodSecurity[] {
  const src = new SourceFile(input.uri, input.text);
  const facts = workspaceFacts(input);
  const withLevels = facts ? facts.withNamespaceLevels(options) : options;
  const own = podSecuritySummary(parseKubernetes(src, options), withLevels);
  const overlay = facts ? kustomizationsPatching(facts).next().value : undefined;
  if (!facts || !overlay) return own;
  const objects = buildKustomization(facts, overlay.kustomization.doc, overlay.dir);
  return own.map((w) => {
    const effective = objects.find((o) => o.value.kind === w.kind && (o.unpatched.metadata as { name?: unknown } | undefined)?.name === w.name);
    if (!effective) return { ...w, kustomizePatch: {} };
    const text = stringify(effective.value, { aliasDuplicateObjects: false });
    const [standing] = podSecuritySummary(parseKubernetes(new SourceFile(input.uri, text), options), withLevels);
    return standing ? { ...standing, range: w.range, kustomizePatch: { overlay: relativePath(facts.documentDir, overlay.path) } } : { ...w, kustomizePatch: {} };
  });
}

function workspaceFacts(input: AnalysisInput): WorkspaceFacts | undefined {
  const path = input.workspace ? pathOfUri(input.uri) : undefined;
  return input.workspace && path ? new WorkspaceFacts(input.workspace, path) : undefined;
}

/** Options with the Pod Security levels of the workspace's Namespaces, as `analyze` sees them (settings win). */
function withWorkspaceNamespaces(input: AnalysisInput, options: EngineOptions): EngineOptions {
  return workspaceFacts(input)?.withNamespaceLevels(options) ?? options;
}

// ---------------------------------------------------------------- harden to restricted

export interface HardenResult {
  /** One non-overlapping edit set against the input text; [] when nothing is fixable. */
  edits: TextEdit[];
  /** Controls still failing afterwards (no automatic fix: a hostPath volume, a forced escalation, …). */
  remaining: string[];
}

/**
 * Every restricted-profile fix for the workload whose object contains `at` (the innermost one, for
 * List items), applied as the rules' own fixes by the fix loop fixAll uses, then returned as one edit
 * set. Undefined when no workload contains `at`.
 */
export function hardenToRestricted(input: AnalysisInput, at: Position, baseOptions: EngineOptions): HardenResult | undefined {
  const options = withWorkspaceNamespaces(input, baseOptions);
  const first = new SourceFile(input.uri, input.text);
  const index = workloads(parseKubernetes(first, options)).reduce((best, o, i) => (contains(o.doc.rangeOf(o.node), { start: at, end: at }) ? i : best), -1);
  if (index < 0) return undefined;
  /** The PSS findings inside the workload: it keeps its place among the file's workloads as fixes apply. */
  const workloadFindings = (text: string): PssFinding[] => {
    const src = new SourceFile(input.uri, text);
    const k8s = parseKubernetes(src, options);
    const object = workloads(k8s)[index];
    if (!object) return [];
    const objectRange = object.doc.rangeOf(object.node);
    return pssFindings(src, k8s, options).filter((f) => contains(objectRange, f.finding.range));
  };
  const fixesOf = (found: PssFinding[]): Fix[] =>
    firstFixes(
      found.map((f) => f.finding),
      (x) => x.edits.length > 0,
    );
  const { text, found } = fixInPasses(input.uri, input.text, workloadFindings, fixesOf);
  return {
    edits: text === input.text ? [] : [diffEdit(first, text)],
    remaining: [...new Set(found.flatMap((f) => f.controls.map((c) => `${c.name} (${c.level})`)))],
  };
}
