// Which objects a policy and a binding select, as the API server decides for a CREATE request:
// resource rules (apiGroups, apiVersions, resources, operations, scope, resourceNames, exclusions) and
// label selectors over the object's and its namespace's labels.
import { field, listField, stringField, type CelData } from '../policy/cel/values';

/** What matching reads of the object under admission. */
export interface RequestTarget {
  group: string;
  version: string;
  kind: string;
  /** The plural resource name (`deployments`). */
  resource: string;
  name?: string;
  /** undefined for cluster-scoped objects. */
  namespace?: string;
  labels: Record<string, string>;
  /** The labels of the object's namespace: the Namespace in the workspace, else the one label the API server always sets. */
  namespaceLabels: Record<string, string>;
}

/** `Deployment` → `deployments`, the way the API server's REST mapper pluralises kinds. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

const includesOrStar = (list: CelData[], value: string): boolean => list.some((v) => v === '*' || v === value);

/** One rule of `resourceRules`: does it select a CREATE of `t`? */
function ruleMatches(rule: CelData, t: RequestTarget): boolean {
  const operations = listField(rule, 'operations');
  if (!includesOrStar(operations, 'CREATE')) return false;
  if (!includesOrStar(listField(rule, 'apiGroups'), t.group)) return false;
  if (!includesOrStar(listField(rule, 'apiVersions'), t.version)) return false;
  // `*` is every resource, `*/*` every resource and subresource; `pods/status` is a subresource only.
  const resources = listField(rule, 'resources');
  if (!resources.some((r) => r === '*' || r === '*/*' || r === t.resource)) return false;
  const scope = stringField(rule, 'scope') ?? '*';
  if (scope === 'Namespaced' && t.namespace === undefined) return false;
  if (scope === 'Cluster' && t.namespace !== undefined) return false;
  const names = listField(rule, 'resourceNames');
  return names.length === 0 || (t.name !== undefined && names.includes(t.name));
}

/** A metav1.LabelSelector; an absent or empty selector selects everything. */
export function selectorMatches(selector: CelData | undefined, labels: Record<string, string>): boolean {
  const matchLabels = field(selector, 'matchLabels');
  if (matchLabels instanceof Map) {
    for (const [k, v] of matchLabels) if (labels[k] !== String(v)) return false;
  }
  for (const e of listField(selector, 'matchExpressions')) {
    const key = stringField(e, 'key') ?? '';
    const values = listField(e, 'values').map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (stringField(e, 'operator')) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an unknown operator is invalid: the API server rejects the selector
    }
  }
  return true;
}

/**
 * Whether a `matchConstraints` (policy) or `matchResources` (binding) selects `t`. A binding's absent
 * `resourceRules` means "whatever the policy selects" (`requireRules` false).
 */
export function resourcesMatch(match: CelData | undefined, t: RequestTarget, requireRules: boolean): boolean {
  const rules = listField(match, 'resourceRules');
  if ((rules.length > 0 || requireRules) && !rules.some((r) => ruleMatches(r, t))) return false;
  if (listField(match, 'excludeResourceRules').some((r) => ruleMatches(r, t))) return false;
  // Cluster-scoped objects are not subject to a namespace selector, except a Namespace: its own labels are matched.
  if (t.kind === 'Namespace') {
    if (!selectorMatches(field(match, 'namespaceSelector'), t.labels)) return false;
  } else if (t.namespace !== undefined && !selectorMatches(field(match, 'namespaceSelector'), t.namespaceLabels)) return false;
  return selectorMatches(field(match, 'objectSelector'), t.labels);
}
