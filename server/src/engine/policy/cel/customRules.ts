// The organisation's own rules, written in CEL in `.bulkhead.yaml` under `rules:` (issue 14):
//
//   rules:
//     ORG001:
//       title: Deployments name their owner
//       kind: kubernetes            # dockerfile | compose | kubernetes
//       severity: warning
//       threat: access-control
//       match: "object.kind == 'Deployment'"        # optional
//       expression: "has(object.metadata.labels) && 'owner' in object.metadata.labels"
//       message: Every Deployment needs an owner label
//
// The expression states what must hold: a subject for which it is false is a finding. The JSON view
// each kind gets is documented in the README and stable: Kubernetes `object` (each object as written);
// Compose `service` (each service's settings, plus `name`) and `project` (the whole file); Dockerfile
// `stage` (each stage: `name`, `index`, `image`, `platform`, `instructions` with `keyword`,
// `arguments`, `flags`, `line`) and `dockerfile` (`stages`).
import type { FileKind, Range, RuleMeta } from '../../model';
import type { CustomRule } from '../../config';
import type { DockerfileModel } from '../../parse/dockerfile';
import type { ComposeModel } from '../../parse/compose';
import type { K8sModel, K8sObject } from '../../parse/kubernetes';
import { celValueOf, celValueOfPlain, type CelData } from './values';
import { compileExpression, evaluate, type StaticProblem } from './compile';

export const CUSTOM_RULE_VARIABLES: Record<FileKind, string[]> = { kubernetes: ['object'], compose: ['service', 'project'], dockerfile: ['stage', 'dockerfile'] };

/** The rule's metadata, as built-in rules have it: suppressions, severity settings and reports read it. */
export function customRuleMeta(rule: CustomRule): RuleMeta<'failed' | 'notEvaluated' | 'invalid'> {
  return {
    id: rule.id,
    name: rule.id.toLowerCase(),
    appliesTo: rule.kind,
    title: rule.title,
    severity: rule.severity,
    threat: rule.threat,
    principle: 'defence-in-depth',
    rationale: `An organisation rule from \`.bulkhead.yaml\`: \`${rule.expression}\` must hold${rule.match ? ` where \`${rule.match}\`` : ''}.`,
    remediation: rule.message,
    references: [],
    aliases: [],
    messages: { failed: '{{message}}', notEvaluated: 'Custom rule {{id}} was not evaluated: {{reason}}.', invalid: 'Invalid CEL in {{id}}.{{key}}: {{problem}}.' },
    examples: { bad: '', good: '' },
    since: 'custom',
  };
}

/** One thing a rule is evaluated on: its variables, where a finding about it goes, and how a hover names it. */
export interface Subject {
  bindings: Record<string, CelData>;
  range: Range;
  label: string;
}

/** A Kubernetes object as a hover names it: `Deployment default/web`. */
export function objectLabel(o: Pick<K8sObject, 'kind' | 'name' | 'namespace'>): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name ?? '(unnamed)'}`;
}

export function kubernetesSubjects(k8s: K8sModel): Subject[] {
  return k8s.objects.map((o) => ({ bindings: { object: celValueOf(o.doc, o.node) }, range: o.doc.rangeOf(o.kindPair.value ?? o.kindPair.key), label: objectLabel(o) }));
}

export function composeSubjects(compose: ComposeModel): Subject[] {
  const projects = new Map(compose.documents.map((d) => [d, celValueOf(d, d.contents)]));
  return compose.services.map((s) => {
    const settings = celValueOf(s.doc, s.node);
    const service = new Map<string, CelData>([...(settings instanceof Map ? settings : []), ['name', s.name]]);
    return { bindings: { service, project: projects.get(s.doc) ?? null }, range: s.doc.rangeOf(s.keyNode), label: `service ${s.name}` };
  });
}

export function dockerfileSubjects(dockerfile: DockerfileModel): Subject[] {
  const stages = dockerfile.stages.map((s) =>
    celValueOfPlain({
      name: s.name ?? '',
      index: s.index,
      image: s.image,
      platform: s.from.fromFlag?.value ?? '',
      instructions: [s.from, ...s.instructions].map((i) => ({
        keyword: i.name.toUpperCase(),
        arguments: i.arguments.map((a) => a.value),
        flags: Object.fromEntries(i.flags.map((f) => [f.name, f.value ?? ''])),
        line: i.startLine + 1,
      })),
    }),
  );
  const file = celValueOfPlain({}) as Map<string, CelData>;
  file.set('stages', stages);
  return dockerfile.stages.map((s, i) => ({ bindings: { stage: stages[i], dockerfile: file }, range: s.from.keywordRange, label: `stage ${s.name ?? s.index}` }));
}

export type CustomFinding = { messageId: 'failed'; data: { message: string }; range: Range } | { messageId: 'notEvaluated'; data: { id: string; reason: string }; range: Range };

/** The findings of `rule` on `subjects`: each subject it matches and whose expression is false. */
export function checkCustomRule(rule: CustomRule, subjects: Subject[]): CustomFinding[] {
  // A rule whose CEL does not compile is reported in .bulkhead.yaml, not on every file.
  if (customRuleProblems(rule).length) return [];
  return subjects.flatMap(({ bindings, range }): CustomFinding[] => {
    const judged = judgeSubject(rule, bindings);
    if (judged === 'unmatched' || judged === 'holds') return [];
    if (judged === 'fails') return [{ messageId: 'failed', data: { message: rule.message }, range }];
    return [{ messageId: 'notEvaluated', data: { id: rule.id, reason: judged.notEvaluated }, range }];
  });
}

/** What a (compiling) rule says of one subject: not matched, holds, fails, or not evaluated and why. */
export function judgeSubject(rule: CustomRule, bindings: Record<string, CelData>): 'unmatched' | 'holds' | 'fails' | { notEvaluated: string } {
  const variables = CUSTOM_RULE_VARIABLES[rule.kind];
  if (rule.match) {
    const m = evaluate(compileExpression(rule.match, variables), bindings);
    if (!('value' in m)) return { notEvaluated: `match: ${'error' in m ? m.error : m.exceeded}` };
    if (m.value !== true) return 'unmatched';
  }
  const outcome = evaluate(compileExpression(rule.expression, variables), bindings);
  if (!('value' in outcome)) return { notEvaluated: 'error' in outcome ? outcome.error : outcome.exceeded };
  if (outcome.value === false) return 'fails';
  return outcome.value === true ? 'holds' : { notEvaluated: 'the expression does not return a bool' };
}

/** The static problems of a rule's `match` and `expression`, each with the key it is in. */
export function customRuleProblems(rule: CustomRule): Array<{ key: 'match' | 'expression'; problem: StaticProblem }> {
  return (['match', 'expression'] as const).flatMap((key) => {
    const source = rule[key];
    const problem = source === undefined ? undefined : compileExpression(source, CUSTOM_RULE_VARIABLES[rule.kind]).problems[0];
    return problem ? [{ key, problem }] : [];
  });
}
