// The API server's type check of a policy, where it needs no schema beyond the shape of built-in kinds:
// `object.<field>` (and `oldObject.<field>`) must be a top-level field of every kind the policy's
// resource rules select. A misspelt field (`object.replicas` for `object.spec.replicas`, the
// documentation's typeChecking example) would fail on every object at admission. Policies on custom
// resources or on `*` are not checked: their schema is not in the workspace.
import { parse } from '@bufbuild/cel';
import { field, listField, type CelData } from '../policy/cel/values';
import type { StaticProblem } from '../policy/cel/compile';

type Expr = NonNullable<ReturnType<typeof parse>['expr']>;

const META = ['apiVersion', 'kind', 'metadata'];
const SPEC_STATUS = [...META, 'spec', 'status'];

/** Top-level fields of the built-in resources policies commonly select, by API group and plural resource. */
const OBJECT_FIELDS: Record<string, Record<string, readonly string[]>> = {
  '': {
    pods: SPEC_STATUS,
    services: SPEC_STATUS,
    namespaces: SPEC_STATUS,
    nodes: SPEC_STATUS,
    persistentvolumes: SPEC_STATUS,
    persistentvolumeclaims: SPEC_STATUS,
    replicationcontrollers: SPEC_STATUS,
    resourcequotas: SPEC_STATUS,
    limitranges: [...META, 'spec'],
    configmaps: [...META, 'data', 'binaryData', 'immutable'],
    secrets: [...META, 'data', 'stringData', 'type', 'immutable'],
    serviceaccounts: [...META, 'secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
    endpoints: [...META, 'subsets'],
  },
  apps: { deployments: SPEC_STATUS, statefulsets: SPEC_STATUS, daemonsets: SPEC_STATUS, replicasets: SPEC_STATUS },
  batch: { jobs: SPEC_STATUS, cronjobs: SPEC_STATUS },
  'networking.k8s.io': { ingresses: SPEC_STATUS, networkpolicies: SPEC_STATUS, ingressclasses: [...META, 'spec'] },
  'rbac.authorization.k8s.io': {
    roles: [...META, 'rules'],
    clusterroles: [...META, 'rules', 'aggregationRule'],
    rolebindings: [...META, 'subjects', 'roleRef'],
    clusterrolebindings: [...META, 'subjects', 'roleRef'],
  },
  policy: { poddisruptionbudgets: SPEC_STATUS },
  autoscaling: { horizontalpodautoscalers: SPEC_STATUS },
};

const strings = (list: CelData[]): string[] => list.filter((v): v is string => typeof v === 'string');

/**
 * The top-level fields of each resource the policy selects, by `group/resource`; undefined when it
 * selects anything whose fields are not known here (a custom resource, a subresource, `*`).
 */
export function selectedObjectFields(spec: CelData | undefined): Map<string, ReadonlySet<string>> | undefined {
  const rules = listField(field(spec, 'matchConstraints'), 'resourceRules');
  if (rules.length === 0) return undefined;
  const out = new Map<string, ReadonlySet<string>>();
  for (const rule of rules) {
    const groups = strings(listField(rule, 'apiGroups'));
    for (const resource of strings(listField(rule, 'resources'))) {
      // A rule selects every group × resource pair; pairs that do not exist (apps/configmaps) select nothing.
      const known = groups.filter((group) => OBJECT_FIELDS[group]?.[resource]);
      if (known.length === 0) return undefined;
      for (const group of known) out.set(group ? `${group}/${resource}` : resource, new Set(OBJECT_FIELDS[group][resource]));
    }
  }
  return out.size ? out : undefined;
}

/** `object.<field>` and `oldObject.<field>` of `text` that some selected resource does not have, at the field name. */
export function undefinedFieldProblems(text: string, selected: ReadonlyMap<string, ReadonlySet<string>>): StaticProblem[] {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch {
    return []; // a syntax error is reported by compilation
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const problems: StaticProblem[] = [];
  // An explicit stack: nesting depth is the author's to choose. Comprehension variables never shadow
  // `object` in a valid policy, so scopes are not tracked.
  const stack: Array<Expr | undefined> = [parsed.expr];
  while (stack.length) {
    const e = stack.pop();
    if (!e) continue;
    const kind = e.exprKind;
    if (kind.case === 'selectExpr') {
      const operand = kind.value.operand;
      const root = operand?.exprKind.case === 'identExpr' ? operand.exprKind.value.name : undefined;
      if (root === 'object' || root === 'oldObject') {
        const missing = [...selected].filter(([, fields]) => !fields.has(kind.value.field)).map(([resource]) => resource);
        if (missing.length) {
          const at = (positions[String(operand!.id)] ?? 0) + root.length;
          const offset = text[at] === '.' ? at + 1 : (positions[String(e.id)] ?? 0);
          problems.push({ kind: 'type', message: `undefined field '${kind.value.field}' of ${missing.join(', ')}`, offset, length: kind.value.field.length });
        }
      }
      stack.push(operand);
    } else if (kind.case === 'callExpr') stack.push(kind.value.target, ...kind.value.args);
    else if (kind.case === 'listExpr') stack.push(...kind.value.elements);
    else if (kind.case === 'structExpr') for (const entry of kind.value.entries) stack.push(entry.keyKind.case === 'mapKey' ? entry.keyKind.value : undefined, entry.value);
    else if (kind.case === 'comprehensionExpr') stack.push(kind.value.iterRange, kind.value.accuInit, kind.value.loopCondition, kind.value.loopStep, kind.value.result);
  }
  return problems.sort((a, b) => a.offset - b.offset);
}
