// RBAC model over the Kubernetes objects of a file: Role/ClusterRole rules and (Cluster)RoleBindings,
// plus the matching the API server's authorizer applies (`*` verbs/resources/groups, `pods/*`,
// `*/scale`). Used by the RBAC rules K8S040-K8S047.
import { keptPer, type K8sModel, type K8sObject } from './kubernetes';
import type { Node } from './yaml';
import { isScalar } from './yaml';
import { describeObject, objectLabels } from './k8sObjects';

/** One string item of a rule list, with its node for ranges. */
export interface RbacItem {
  value: string;
  node: Node;
}

export interface RbacRule {
  role: RbacRole;
  node: Node;
  apiGroups: RbacItem[];
  resources: RbacItem[];
  verbs: RbacItem[];
  resourceNames: RbacItem[];
}

export interface RbacRole {
  object: K8sObject;
  cluster: boolean;
  /** `aggregationRule` set: the controller owns `rules`, whatever the file says. */
  aggregated: boolean;
  /** Built-in roles (admin, edit, view) this ClusterRole's labels aggregate it into. */
  aggregatesInto: string[];
  rules: RbacRule[];
}

export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string;
  node: Node;
  nameNode: Node;
}

export interface RbacBinding {
  object: K8sObject;
  cluster: boolean;
  roleRef?: { kind: string; name: string; nameNode: Node };
  subjects: RbacSubject[];
}

const RBAC_GROUP = /^rbac\.authorization\.k8s\.io\//;

function isRbac(object: K8sObject, kinds: string[]): boolean {
  return kinds.includes(object.kind) && RBAC_GROUP.test(object.apiVersion);
}

function stringItems(object: K8sObject, node: unknown): RbacItem[] {
  const doc = object.doc;
  const out: RbacItem[] = [];
  for (const n of doc.items(node)) if (isScalar(n) && n.value !== null && !doc.isTemplated(n)) out.push({ value: String(n.value), node: n });
  return out;
}

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(.+)$/;

/** The file's Roles and ClusterRoles, read once per model for the RBAC rules. */
export const rbacRoles: (k8s: K8sModel) => readonly RbacRole[] = keptPer((k8s) => {
  const roles: RbacRole[] = [];
  for (const object of k8s.objects) {
    if (!isRbac(object, ['Role', 'ClusterRole'])) continue;
    const doc = object.doc;
    const labels = objectLabels(object);
    const aggregatesInto = Object.entries(labels)
      .filter(([k, v]) => AGGREGATE_LABEL.test(k) && v === 'true')
      .map(([k]) => AGGREGATE_LABEL.exec(k)![1]);
    const role: RbacRole = {
      object,
      cluster: object.kind === 'ClusterRole',
      aggregated: doc.get(object.node, 'aggregationRule') !== undefined,
      aggregatesInto: object.kind === 'ClusterRole' ? aggregatesInto : [],
      rules: [],
    };
    if (!role.aggregated) {
      for (const node of doc.items(doc.get(object.node, 'rules'))) {
        const list = (key: string) => stringItems(object, doc.get(node, key));
        role.rules.push({ role, node, apiGroups: list('apiGroups'), resources: list('resources'), verbs: list('verbs'), resourceNames: list('resourceNames') });
      }
    }
    roles.push(role);
  }
  return roles;
});

/** The file's RoleBindings and ClusterRoleBindings, read once per model. */
export const rbacBindings: (k8s: K8sModel) => readonly RbacBinding[] = keptPer((k8s) => {
  const out: RbacBinding[] = [];
  for (const object of k8s.objects) {
    if (!isRbac(object, ['RoleBinding', 'ClusterRoleBinding'])) continue;
    const doc = object.doc;
    const refName = doc.get(object.node, 'roleRef', 'name');
    const refKind = doc.scalar(object.node, 'roleRef', 'kind');
    const roleRef =
      isScalar(refName) && typeof refName.value === 'string' && !doc.isTemplated(refName)
        ? { kind: typeof refKind === 'string' ? refKind : '', name: refName.value, nameNode: refName as Node }
        : undefined;
    const subjects: RbacSubject[] = [];
    for (const node of doc.items(doc.get(object.node, 'subjects'))) {
      const nameNode = doc.get(node, 'name');
      const kind = doc.scalar(node, 'kind');
      const namespace = doc.scalar(node, 'namespace');
      if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || doc.isTemplated(nameNode)) continue;
      subjects.push({ kind: typeof kind === 'string' ? kind : '', name: nameNode.value, namespace: typeof namespace === 'string' ? namespace : undefined, node, nameNode });
    }
    out.push({ object, cluster: object.kind === 'ClusterRoleBinding', roleRef, subjects });
  }
  return out;
});

/** How messages name a role: `ClusterRole "x"`, noting built-in roles it is aggregated into. */
export function describeRole(role: RbacRole): string {
  const base = describeObject(role.object);
  return role.aggregatesInto.length ? `${base} (aggregated into ${role.aggregatesInto.map((r) => `"${r}"`).join(', ')})` : base;
}

/** What a check asks about: resources (`name` or `name/subresource`) in API groups, with verbs. */
export interface RbacQuery {
  groups: string[];
  resources: string[];
  verbs: string[];
}

export interface RbacGrant {
  rule: RbacRule;
  /** The rule's resource items that cover a queried resource. */
  resources: RbacItem[];
  /** Queried resources covered (names from the query). */
  covered: string[];
  /** Queried verbs the rule grants (`*` expanded to the queried verbs). */
  verbs: string[];
}

/** A queried resource lowercased, and for a subresource the entries covering its family: every subresource of its resource, or that subresource of every resource. */
interface Wanted {
  name: string;
  baseAll?: string;
  allSub?: string;
}

/** Per queried resource (the rules' constants): its forms, worked out once, not for each rule entry it is compared with. */
const wantedByName = new Map<string, Wanted>();

function wantedForms(resource: string): Wanted {
  let wanted = wantedByName.get(resource);
  if (!wanted) {
    const name = resource.toLowerCase();
    const [base, sub] = name.split('/');
    wanted = sub === undefined ? { name } : { name, baseAll: `${base}/*`, allSub: `*/${sub}` };
    wantedByName.set(resource, wanted);
  }
  return wanted;
}

/** Whether a rule's resource entry (lowercased) covers a queried resource; a bare `*` only when `wildcard` is allowed. */
function covers(entry: string, wanted: Wanted, wildcard: boolean): boolean {
  if (entry === wanted.name) return true;
  if (entry === '*') return wildcard;
  return entry === wanted.baseAll || entry === wanted.allSub;
}

/**
 * A rule's verbs and resources as grantOf compares them (lowercased), worked out once per rule: the
 * RBAC rules ask each rule a dozen queries, and lowercasing and splitting per comparison made most
 * of their time and garbage on a stream of hundreds of roles.
 */
const comparedForms = keptPer((rule: RbacRule) => ({
  anyVerb: rule.verbs.some((v) => v.value === '*'),
  verbs: new Set(rule.verbs.map((v) => v.value.toLowerCase())),
  resources: rule.resources.map((r) => r.value.toLowerCase()),
}));

/**
 * What one rule grants of a query. Rules whose resources are a bare `*` are left to the wildcard rule
 * (K8S040) unless `wildcard` is set, so one over-broad line is reported once, not once per family.
 */
export function grantOf(rule: RbacRule, query: RbacQuery, wildcard = false): RbacGrant | undefined {
  // Loops, not closures: the RBAC rules ask each rule of a stream of hundreds of roles a dozen queries, most answered "no".
  if (!inGroups(rule, query.groups)) return undefined;
  const forms = comparedForms(rule);
  if (!forms.anyVerb && !someIn(query.verbs, forms.verbs)) return undefined;
  // Which of the rule's entries and of the queried resources meet: arrays made only when some do (most rules grant nothing asked).
  let hit: boolean[] | undefined;
  let covered: string[] | undefined;
  for (let r = 0; r < query.resources.length; r++) {
    const wanted = wantedForms(query.resources[r]);
    let met = false;
    for (let i = 0; i < forms.resources.length; i++) {
      if (!covers(forms.resources[i], wanted, wildcard)) continue;
      (hit ??= [])[i] = true;
      met = true;
    }
    if (met) (covered ??= []).push(query.resources[r]);
  }
  if (!hit || !covered) return undefined;
  const resources = rule.resources.filter((_, i) => hit![i]);
  return { rule, resources, covered, verbs: forms.anyVerb ? query.verbs : query.verbs.filter((q) => forms.verbs.has(q)) };
}

/** Whether a rule's API groups include one of `groups` (`*` every one; no group listed is the core group, ""). */
function inGroups(rule: RbacRule, groups: readonly string[]): boolean {
  if (!rule.apiGroups.length) return groups.includes('');
  for (let i = 0; i < rule.apiGroups.length; i++) {
    const group = rule.apiGroups[i].value;
    if (group === '*' || groups.includes(group)) return true;
  }
  return false;
}

function someIn(values: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < values.length; i++) if (set.has(values[i])) return true;
  return false;
}

/** Every grant of a query across the roles of a file. */
export function grantsOf(roles: readonly RbacRole[], query: RbacQuery, wildcard = false): RbacGrant[] {
  return roles.flatMap((role) => role.rules.map((r) => grantOf(r, query, wildcard)).filter((g): g is RbacGrant => g !== undefined));
}

/** The verbs that change an object. */
export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const READ_VERBS = ['get', 'list', 'watch'];
