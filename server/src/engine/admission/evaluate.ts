// Runs the workspace's ValidatingAdmissionPolicies over one file's objects, as the API server would on
// a CREATE of each: binding → policy → match constraints → params → matchConditions → variables →
// validations, with `object`, `oldObject` (null), `params`, `namespaceObject`, `request` (a synthetic
// CREATE) and `variables`. Computed once per analysis and shared by the rules that report it.
import type { K8sModel, K8sObject } from '../parse/kubernetes';
import { CLUSTER_SCOPED_KINDS, stringMap } from '../parse/k8sObjects';
import type { Range } from '../model';
import type { IndexedObject, WorkspaceFacts } from '../workspace/facts';
import { admissionObjectsOf, BINDING_KIND, POLICY_KIND, type AdmissionObject } from '../workspace/admissionObjects';
import { celValueOf, celValueOfPlain, field, listField, stringField, type CelData } from '../policy/cel/values';
import { compileExpression, evaluate, type Binding, type CompiledExpression, type Outcome } from '../policy/cel/compile';
import { celMap, type CelValue } from '@bufbuild/cel';
import { lazy } from '../lazy';
import { pluralOf, resourceMatcher, selectorMatches, type RequestTarget } from './matching';
import { rangeOfFieldPath } from './fieldPath';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** The variables a policy's expressions may use; `authorizer` is declared but not evaluable offline. */
export const POLICY_VARIABLES = ['object', 'oldObject', 'params', 'namespaceObject', 'request', 'variables', 'authorizer'];
/** The user the synthetic request comes from: what `request.userInfo` says. */
export const OFFLINE_USER = { username: 'bulkhead:offline', groups: ['system:authenticated'] };

interface Attribution {
  policy: AdmissionObject;
  binding: AdmissionObject;
}
export interface Violation extends Attribution {
  object: K8sObject;
  action: ValidationAction;
  message: string;
  range: Range;
}
export interface NotEvaluated extends Attribution {
  object: K8sObject;
  reason: string;
  range: Range;
}
export interface AdmissionOutcome {
  violations: Violation[];
  notEvaluated: NotEvaluated[];
}

const outcomes = new WeakMap<K8sModel, AdmissionOutcome>();
/** Expressions that once ran out of budget are not run again while their text stays the same. */
const exhausted = new WeakSet<CompiledExpression>();

/** What the workspace's policies say of `k8s`'s objects (the file's own policies when there is no workspace). */
export function admissionOutcome(k8s: K8sModel, workspace: WorkspaceFacts | undefined, path: string): AdmissionOutcome {
  let outcome = outcomes.get(k8s);
  if (!outcome) {
    const objects = workspace ? workspace.admissionObjects() : admissionObjectsOf(k8s, path).objects;
    outcome = admitAll(k8s.objects, boundPolicies(objects), workspace);
    outcomes.set(k8s, outcome);
  }
  return outcome;
}

/** Every binding of `objects` that names a policy of `objects` (and `only`, when given), with that policy prepared. */
export function boundPolicies(objects: readonly AdmissionObject[], only?: AdmissionObject): Bound[] {
  const policies = new Map(objects.filter((o) => o.kind === POLICY_KIND && (!only || o === only)).map((o) => [o.name, o]));
  return objects.flatMap((binding): Bound[] => {
    if (binding.kind !== BINDING_KIND) return [];
    const policy = policies.get(stringField(binding.data, 'spec', 'policyName') ?? '');
    const action = STRENGTH.find((a) => listField(binding.data, 'spec', 'validationActions').includes(a));
    // A binding naming no policy is reported on the binding itself; one without actions does nothing.
    return policy && action ? [{ policy: preparedPolicy(policy), binding, action, bindingMatches: resourceMatcher(field(binding.data, 'spec', 'matchResources'), false) }] : [];
  });
}

/** Admits each of `objects` through the `bound` policies; `observe` is told of every expression evaluated. */
export function admitAll(objects: readonly K8sObject[], bound: readonly Bound[], workspace: WorkspaceFacts | undefined, observe?: Observer): AdmissionOutcome {
  const outcome: AdmissionOutcome = { violations: [], notEvaluated: [] };
  if (bound.length) {
    const namespaces = new Map((workspace?.manifestsOfKind('Namespace') ?? []).filter((o) => o.name).map((o) => [o.name!, o]));
    for (const object of objects) if (!isExemptFromAdmission(object)) admit(object, bound, { workspace, namespaces, observe }, outcome);
  }
  return outcome;
}

const STRENGTH: ValidationAction[] = ['Deny', 'Warn', 'Audit'];

/** Admission configuration no policy applies to, so that a policy cannot lock its own fix out (the API server's IsExemptAdmissionConfigurationResource). */
const EXEMPT_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);
const isExemptFromAdmission = (o: K8sObject): boolean => EXEMPT_KINDS.has(o.kind) && o.apiVersion.startsWith('admissionregistration.k8s.io/');

/** An expression of a policy, compiled; undefined when it has problems (reported on the policy, once, not on every object). */
type Runnable = CompiledExpression | undefined;

/** What admission reads of a policy, read and compiled once per policy text (admission objects are cached per file text). */
interface PreparedPolicy {
  object: AdmissionObject;
  matches: (t: RequestTarget) => boolean;
  failurePolicy: string;
  matchConditions: Array<{ name: string; compiled: Runnable }>;
  variables: Array<{ name: string; compiled: Runnable }>;
  validations: Array<{ expression: string; compiled: Runnable; messageExpression?: Runnable; message?: string; fieldPath?: string }>;
}

const prepared = new WeakMap<AdmissionObject, PreparedPolicy>();

function preparedPolicy(policy: AdmissionObject): PreparedPolicy {
  let p = prepared.get(policy);
  if (!p) {
    const spec = field(policy.data, 'spec');
    const runnable = (text: string | undefined): Runnable => {
      const compiled = compileExpression(text ?? '', POLICY_VARIABLES);
      return compiled.problems.length ? undefined : compiled;
    };
    p = {
      object: policy,
      matches: resourceMatcher(field(spec, 'matchConstraints'), true),
      failurePolicy: stringField(spec, 'failurePolicy') ?? 'Fail',
      matchConditions: listField(spec, 'matchConditions').map((c) => ({ name: stringField(c, 'name') ?? '', compiled: runnable(stringField(c, 'expression')) })),
      variables: listField(spec, 'variables').map((v) => ({ name: stringField(v, 'name') ?? '', compiled: runnable(stringField(v, 'expression')) })),
      validations: listField(spec, 'validations').map((v) => {
        const expression = stringField(v, 'expression') ?? '';
        const messageExpression = stringField(v, 'messageExpression');
        return {
          expression,
          compiled: runnable(expression),
          ...(messageExpression ? { messageExpression: runnable(messageExpression) } : {}),
          message: stringField(v, 'message'),
          fieldPath: stringField(v, 'fieldPath'),
        };
      }),
    };
    prepared.set(policy, p);
  }
  return p;
}

/** `variables` of a policy that declares none (made on first use: it needs the CEL library). */
const noVariables = lazy(() => celMap(new Map()));

/** Which expression of a policy an outcome is of. */
export interface ExpressionSlot {
  list: 'matchConditions' | 'variables' | 'validations';
  index: number;
}
/** Told of every expression admission evaluates on an object (what a hover over the expression shows). */
export type Observer = (object: K8sObject, policy: AdmissionObject, slot: ExpressionSlot, outcome: Outcome) => void;

/** A binding with its prepared policy and its strongest validation action. */
export interface Bound {
  policy: PreparedPolicy;
  binding: AdmissionObject;
  action: ValidationAction;
  bindingMatches: (t: RequestTarget) => boolean;
}
/** The workspace and its Namespaces by name, read once per analysis. */
interface Surroundings {
  workspace: WorkspaceFacts | undefined;
  namespaces: ReadonlyMap<string, IndexedObject>;
  observe?: Observer;
}

/** Runs one compiled expression; an expression that once exceeded its budget is not run again. */
function run(compiled: CompiledExpression, bindings: Record<string, Binding>): Outcome {
  if (exhausted.has(compiled)) return { exceeded: 'an earlier evaluation exceeded the cost limit' };
  const outcome = evaluate(compiled, bindings);
  if ('exceeded' in outcome) exhausted.add(compiled);
  return outcome;
}

function admit(object: K8sObject, bound: readonly Bound[], around: Surroundings, out: AdmissionOutcome): void {
  const { workspace, observe } = around;
  const target = requestTarget(object, around.namespaces);
  const kindRange = object.doc.rangeOf(object.kindPair.value ?? object.kindPair.key);
  /** The variables every policy sees of this object, built for the first policy that selects it. */
  let base: Record<string, Binding> | undefined;
  for (const { policy: p, binding, action, bindingMatches } of bound) {
    // Matching reads no CEL: most policies are skipped here, before any value is built.
    if (!p.matches(target) || !bindingMatches(target)) continue;
    const attribution = { policy: p.object, binding };
    const notEvaluated = (reason: string): void => void out.notEvaluated.push({ ...attribution, object, reason, range: kindRange });
    const params = paramsFor(p.object, binding, target, workspace);
    if ('missing' in params) {
      if (params.missing) notEvaluated(params.missing);
      continue;
    }
    base ??= {
      object: withRequestNamespace(object, celValueOf(object.doc, object.node)),
      oldObject: null,
      params: null,
      namespaceObject: namespaceObject(target, around),
      request: requestOf(target),
      variables: noVariables(),
    };
    /** An outcome that decides nothing: reported under failurePolicy Fail (what the API server would deny for), else ignored. */
    const failed = (what: string, outcome: Outcome): void => {
      if ('exceeded' in outcome) notEvaluated(`${what}: ${outcome.exceeded}`);
      else if ('error' in outcome && p.failurePolicy === 'Fail') notEvaluated(`${what}: ${outcome.error}`);
    };
    for (const param of params.values) {
      const variables = new Map<string, CelValue>();
      // The bindings are converted once per set (see evaluate): policies without params or variables share the object's.
      const vars = param === null && p.variables.length === 0 ? base : { ...base, params: param, variables: celMap(variables) };
      /** The outcome of the policy's expression at `slot`, told to the observer. */
      const runAt = (compiled: CompiledExpression, list: ExpressionSlot['list'], index: number): Outcome => {
        const outcome = run(compiled, vars);
        observe?.(object, p.object, { list, index }, outcome);
        return outcome;
      };
      if (!conditionsHold(p, (compiled, index) => runAt(compiled, 'matchConditions', index), failed)) continue;
      p.variables.forEach((variable, index) => {
        const outcome = variable.compiled && runAt(variable.compiled, 'variables', index);
        if (outcome && 'value' in outcome) variables.set(variable.name, outcome.value);
      });
      for (const [index, validation] of p.validations.entries()) {
        if (!validation.compiled) continue;
        const outcome = runAt(validation.compiled, 'validations', index);
        const violate = (message: string): void =>
          void out.violations.push({ ...attribution, object, action, message, range: (validation.fieldPath && rangeOfFieldPath(object, validation.fieldPath)) || kindRange });
        if ('error' in outcome && isPolicyError(outcome.error)) {
          // Wrong whatever the object: the API server's decision under failurePolicy Fail is the binding's action.
          if (p.failurePolicy === 'Fail') violate(`expression '${validation.expression}' resulted in error: ${outcome.error}`);
          continue;
        }
        if (!('value' in outcome)) {
          failed(`validation "${validation.expression}"`, outcome);
          continue;
        }
        if (outcome.value === true) continue;
        if (outcome.value !== false) {
          notEvaluated(`validation "${validation.expression}" does not return a bool`);
          continue;
        }
        violate(messageOf(validation, vars));
      }
    }
  }
}

/**
 * An evaluation error of the policy itself rather than of the data (an invalid regular expression built
 * from params): other errors may come from fields the API server would have defaulted, so they are
 * reported as not evaluated instead.
 */
const isPolicyError = (error: string): boolean => error.startsWith('Illegal regex: ');

/** Whether every matchCondition holds; one that errs decides nothing (reported through `failed`) and the policy is skipped. */
function conditionsHold(p: PreparedPolicy, runAt: (compiled: CompiledExpression, index: number) => Outcome, failed: (what: string, outcome: Outcome) => void): boolean {
  for (const [index, condition] of p.matchConditions.entries()) {
    if (!condition.compiled) return false;
    const outcome = runAt(condition.compiled, index);
    if (!('value' in outcome)) {
      failed(`matchCondition "${condition.name}"`, outcome);
      return false;
    }
    if (outcome.value === false) return false;
  }
  return true;
}

/** The validation's message: `messageExpression` when it yields a non-empty string, else `message`, else the API server's default. */
function messageOf(validation: PreparedPolicy['validations'][number], vars: Record<string, Binding>): string {
  if (validation.messageExpression) {
    const outcome = run(validation.messageExpression, vars);
    if ('value' in outcome && typeof outcome.value === 'string' && outcome.value.trim()) return outcome.value.trim();
  }
  return validation.message ?? `failed expression: ${validation.expression}`;
}

/** The API server fills `metadata.namespace` of a namespaced object from the request. */
function withRequestNamespace(object: K8sObject, data: CelData): CelData {
  if (CLUSTER_SCOPED_KINDS.has(object.kind) || object.namespace || !(data instanceof Map)) return data;
  const metadata = data.get('metadata');
  const copy = new Map(data);
  copy.set('metadata', new Map([...(metadata instanceof Map ? metadata : []), ['namespace', 'default']]));
  return copy;
}

function requestTarget(object: K8sObject, namespaces: Surroundings['namespaces']): RequestTarget {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/', 2) : ['', object.apiVersion];
  const namespace = CLUSTER_SCOPED_KINDS.has(object.kind) ? undefined : (object.namespace ?? 'default');
  const labels = stringMap(object, object.doc.get(object.node, 'metadata', 'labels')) ?? {};
  const known = namespace === undefined ? undefined : namespaces.get(namespace);
  return {
    group,
    version,
    kind: object.kind,
    resource: pluralOf(object.kind),
    name: object.name,
    namespace,
    labels,
    // The API server labels every namespace with its name; other labels come from the workspace's Namespace.
    namespaceLabels: { ...(known?.labels ?? {}), 'kubernetes.io/metadata.name': namespace ?? '' },
  };
}

/** The Namespace object of the target's namespace, when the workspace has it; else null. */
function namespaceObject(t: RequestTarget, { workspace, namespaces }: Surroundings): CelData {
  const known = t.namespace === undefined ? undefined : namespaces.get(t.namespace);
  return (known && workspace?.objectsData(known.path).find((o) => o.kind === 'Namespace' && o.name === t.namespace)?.data) ?? null;
}

function requestOf(t: RequestTarget): CelData {
  return celValueOfPlain({
    kind: { group: t.group, version: t.version, kind: t.kind },
    resource: { group: t.group, version: t.version, resource: t.resource },
    requestKind: { group: t.group, version: t.version, kind: t.kind },
    requestResource: { group: t.group, version: t.version, resource: t.resource },
    name: t.name ?? '',
    namespace: t.namespace ?? '',
    operation: 'CREATE',
    userInfo: OFFLINE_USER,
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  });
}

/**
 * The params a binding gives its policy: [null] when the policy takes none; the matching objects of
 * `paramKind` in the workspace; or `missing` with why nothing is evaluated ('' when the binding allows it).
 */
function paramsFor(policy: AdmissionObject, binding: AdmissionObject, t: RequestTarget, workspace: WorkspaceFacts | undefined): { values: CelData[] } | { missing: string } {
  const paramKind = field(policy.data, 'spec', 'paramKind');
  if (!(paramKind instanceof Map)) return { values: [null] };
  const paramRef = field(binding.data, 'spec', 'paramRef');
  if (!(paramRef instanceof Map)) return { missing: `policy "${policy.name}" takes params but binding "${binding.name}" has no paramRef` };
  const kind = stringField(paramKind, 'kind');
  const name = stringField(paramRef, 'name');
  const namespace = stringField(paramRef, 'namespace') ?? t.namespace;
  const selector = field(paramRef, 'selector');
  const found = (kind ? (workspace?.manifestsOfKind(kind) ?? []) : []).filter(
    (o) => (name ? o.name === name : selectorMatches(selector, o.labels)) && (!o.namespace || !namespace || o.namespace === namespace),
  );
  const values = found.flatMap((o) =>
    workspace!
      .objectsData(o.path)
      .filter((d) => d.kind === o.kind && d.name === o.name && d.namespace === o.namespace)
      .map((d) => d.data),
  );
  if (values.length) return { values };
  if (stringField(paramRef, 'parameterNotFoundAction') === 'Allow') return { missing: '' };
  return { missing: `params ${kind ?? ''}${name ? ` "${name}"` : ''} of binding "${binding.name}" are not in the workspace` };
}
