// Which objects a policy and a binding select, as the API server decides for a CREATE request:
// resource rules (apiGroups, apiVersions, resources, operations, scope, resourceNames, exclusions) and
// label selectors over the object's and its namespace's labels.
import { field, listField, stringField, type CelData } from '../policy/cel/values';
import { isLabelOperator, selectorMatches as labelSelectorMatches, type LabelRequirement } from '../parse/networkPolicy';

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

/** One rule of `resourceRules`, read once: which CREATE requests it selects. */
type RuleMatcher = (t: RequestTarget) => boolean;

const strings = (list: CelData[]): string[] => list.filter((v): v is string => typeof v === 'string');
/** `*` in a list selects every value. */
const anyOf = (list: string[]): ((value: string) => boolean) => (list.includes('*') ? () => true : (value) => list.includes(value));

function ruleMatcher(rule: CelData): RuleMatcher {
  if (!strings(listField(rule, 'operations')).some((o) => o === '*' || o === 'CREATE')) return () => false;
  const group = anyOf(strings(listField(rule, 'apiGroups')));
  const version = anyOf(strings(listField(rule, 'apiVersions')));
  // `*` is every resource, `*/*` every resource and subresource; `pods/status` is a subresource only.
  const resources = strings(listField(rule, 'resources'));
  const resource = resources.includes('*/*') ? () => true : anyOf(resources);
  const scope = stringField(rule, 'scope') ?? '*';
  const names = strings(listField(rule, 'resourceNames'));
  return (t) =>
    group(t.group) &&
    version(t.version) &&
    resource(t.resource) &&
    !(scope === 'Namespaced' && t.namespace === undefined) &&
    !(scope === 'Cluster' && t.namespace !== undefined) &&
    (names.length === 0 || (t.name !== undefined && names.includes(t.name)));
}

/** A metav1.LabelSelector; an absent or empty selector selects everything. */
export function selectorMatches(selector: CelData | undefined, labels: Record<string, string>): boolean {
  const matchLabels = field(selector, 'matchLabels');
  const matchExpressions: LabelRequirement[] = [];
  for (const e of listField(selector, 'matchExpressions')) {
    const operator = stringField(e, 'operator');
    // An unknown operator is invalid: the API server rejects the selector, so it selects nothing.
    if (!isLabelOperator(operator)) return false;
    matchExpressions.push({ key: stringField(e, 'key') ?? '', operator, values: listField(e, 'values').map(String) });
  }
  const read = matchLabels instanceof Map ? Object.fromEntries([...matchLabels].map(([k, v]) => [String(k), String(v)])) : {};
  return labelSelectorMatches({ matchLabels: read, matchExpressions }, labels);
}

/**
 * Whether a `matchConstraints` (policy) or `matchResources` (binding) selects a request: read once, asked
 * of every object. A binding's absent `resourceRules` means "whatever the policy selects" (`requireRules` false).
 */
export function resourceMatcher(match: CelData | undefined, requireRules: boolean): (t: RequestTarget) => boolean {
  const rules = listField(match, 'resourceRules').map(ruleMatcher);
  const excluded = listField(match, 'excludeResourceRules').map(ruleMatcher);
  const namespaceSelector = field(match, 'namespaceSelector');
  const objectSelector = field(match, 'objectSelector');
  return (t) => {
    if ((rules.length > 0 || requireRules) && !rules.some((r) => r(t))) return false;
    if (excluded.some((r) => r(t))) return false;
    // Cluster-scoped objects are not subject to a namespace selector, except a Namespace: its own labels are matched.
    if (t.kind === 'Namespace') {
      if (!selectorMatches(namespaceSelector, t.labels)) return false;
    } else if (t.namespace !== undefined && !selectorMatches(namespaceSelector, t.namespaceLabels)) return false;
    return selectorMatches(objectSelector, t.labels);
  };
}
