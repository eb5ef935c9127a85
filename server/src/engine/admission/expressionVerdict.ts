// What a policy expression says of the workspace now (issue 14, hover): the objects it is evaluated on
// when the API server would admit them, and those it fails, with why. Admission runs as for the
// diagnostics, with only the hovered policy bound and an observer on the hovered expression.
import type { K8sModel, K8sObject } from '../parse/kubernetes';
import type { Node } from '../parse/yaml';
import type { Range } from '../model';
import type { WorkspaceFacts } from '../workspace/facts';
import { admissionObjectsOf, isAdmissionObject, POLICY_KIND } from '../workspace/admissionObjects';
import { compileExpression, type Outcome } from '../policy/cel/compile';
import { objectLabel } from '../policy/cel/customRules';
import { admitAll, boundPolicies, POLICY_VARIABLES, type ExpressionSlot, type Observer } from './evaluate';

/** A subject an expression fails on: an object (or a Compose service, a Dockerfile stage), where it is written. */
export interface FailingSubject {
  /** `Deployment default/web`, `service web`, `stage build`. */
  label: string;
  path: string;
  range: Range;
  /** What went wrong beyond a false result (an evaluation error), if anything. */
  reason?: string;
}

export interface ExpressionVerdict {
  /** Which expression, as a message names it: `validations[0].expression of policy "replica-limit"`. */
  where: string;
  /** The expression's value in the hovered file. */
  range: Range;
  /** Why it is evaluated on nothing (it does not compile), if so. */
  problem?: string;
  /** How many subjects it was evaluated on. */
  evaluated: number;
  /** The subjects it fails on, in workspace order. */
  failing: FailingSubject[];
  /** Workspace files not judged: the hover reads a bounded amount of text (VERDICT_READ_LIMIT). */
  unreadFiles?: number;
}

/** The lists of a policy spec whose `expression` is hovered, as admission names them. */
const HOVERED_LISTS: ReadonlyArray<ExpressionSlot['list']> = ['matchConditions', 'variables', 'validations'];

/** The `expression` of a policy of `k8s` whose value contains `offset`. */
function expressionAt(k8s: K8sModel, offset: number): { object: K8sObject; slot: ExpressionSlot; node: Node; text: string } | undefined {
  for (const object of k8s.objects) {
    if (object.kind !== POLICY_KIND || !isAdmissionObject(object)) continue;
    const [start, end] = object.doc.offsets(object.node);
    if (offset < start || offset > end) continue;
    for (const list of HOVERED_LISTS) {
      const items = object.doc.items(object.doc.get(object.node, 'spec', list));
      for (const [index, item] of items.entries()) {
        const node = object.doc.get(item, 'expression');
        const text = object.doc.scalar(item, 'expression');
        if (!node || typeof text !== 'string') continue;
        const [from, to] = object.doc.offsets(node);
        if (offset >= from && offset <= to) return { object, slot: { list, index }, node, text };
      }
    }
  }
  return undefined;
}

/**
 * Why an outcome fails the expression at `list`: a validation or matchCondition that is false (''), or
 * one that errs; a variable only when it errs. Undefined when it passes.
 */
function failureOf(list: ExpressionSlot['list'], outcome: Outcome): string | undefined {
  if ('exceeded' in outcome) return outcome.exceeded;
  if ('error' in outcome) return outcome.error;
  if (list === 'variables' || outcome.value === true) return undefined;
  return outcome.value === false ? '' : 'does not return a bool';
}

/**
 * The verdict of the policy expression at `offset` of the file at `path` (parsed as `k8s`) over
 * `models`, the workspace's manifests with their paths (this file's among them); undefined when no
 * policy expression is there.
 */
export function policyExpressionVerdict(k8s: K8sModel, offset: number, path: string, workspace: WorkspaceFacts | undefined, models: Iterable<[string, K8sModel]>): ExpressionVerdict | undefined {
  const at = expressionAt(k8s, offset);
  if (!at) return undefined;
  const verdict: ExpressionVerdict = {
    where: `${at.slot.list}[${at.slot.index}].expression of policy "${at.object.name ?? ''}"`,
    range: at.object.doc.rangeOf(at.node),
    evaluated: 0,
    failing: [],
  };
  const problem = compileExpression(at.text, POLICY_VARIABLES).problems[0];
  if (problem) return { ...verdict, problem: problem.message };
  const admission = workspace ? workspace.admissionObjects() : admissionObjectsOf(k8s, path).objects;
  const policy = admission.find((o) => o.kind === POLICY_KIND && o.path === path && o.name === at.object.name);
  if (!policy) return verdict;
  const bound = boundPolicies(admission, policy);
  // An object is evaluated once per binding and params object: it fails when any of them fails.
  const failures = new Map<K8sObject, string | undefined>();
  const observe: Observer = (object, _policy, slot, outcome) => {
    if (slot.list !== at.slot.list || slot.index !== at.slot.index) return;
    const failure = failureOf(slot.list, outcome);
    if (failures.get(object) === undefined) failures.set(object, failure);
  };
  const paths = new Map<K8sObject, string>();
  for (const [modelPath, model] of models) {
    for (const object of model.objects) paths.set(object, modelPath);
    admitAll(model.objects, bound, workspace, observe);
  }
  for (const [object, failure] of failures) {
    if (failure === undefined) continue;
    const range = object.doc.rangeOf(object.kindPair.value ?? object.kindPair.key);
    verdict.failing.push({ label: objectLabel(object), path: paths.get(object) ?? path, range, ...(failure ? { reason: failure } : {}) });
  }
  return { ...verdict, evaluated: failures.size };
}
