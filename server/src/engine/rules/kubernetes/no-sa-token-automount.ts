import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { rbacBindings } from '../../parse/rbac';
import { boundServiceAccounts, describeObject, isBound, objectRange, podRange, podServiceAccount } from '../../parse/k8sObjects';
import { isTemplatedPath, type K8sObject } from '../../parse/kubernetes';

const KEY = 'automountServiceAccountToken';

/** How many pods use a service account, and how many of them opt out of the token themselves. */
interface AccountUse {
  pods: number;
  optedOut: number;
}

/**
 * The pods' use of each account name: of every namespace (`name`), and of one namespace (`name`, `ns`,
 * or no namespace: `name`, null). Counted in one pass: a ServiceAccount per namespace each looking through
 * every pod (`default` in a thousand namespaces) made a large stream quadratic.
 */
function accountUses(pods: Array<{ name: string; namespace: string | undefined; optedOut: boolean }>): (name: string, namespace: string | undefined) => AccountUse {
  const uses = new Map<string, AccountUse>();
  const count = (key: string, optedOut: boolean) => {
    let use = uses.get(key);
    if (!use) uses.set(key, (use = { pods: 0, optedOut: 0 }));
    use.pods++;
    if (optedOut) use.optedOut++;
  };
  const key = (...parts: Array<string | null>) => JSON.stringify(parts);
  for (const { name, namespace, optedOut } of pods) {
    count(key(name), optedOut);
    count(key(name, namespace ?? null), optedOut);
  }
  const none: AccountUse = { pods: 0, optedOut: 0 };
  return (name, namespace) => {
    // An account with no namespace is anywhere `kubectl -n` puts it: every pod of that name uses it.
    if (namespace === undefined) return uses.get(key(name)) ?? none;
    // In a namespace: that namespace's pods and those with none (they may be deployed there).
    const own = uses.get(key(name, namespace)) ?? none;
    const anywhere = uses.get(key(name, null)) ?? none;
    return { pods: own.pods + anywhere.pods, optedOut: own.optedOut + anywhere.optedOut };
  };
}

/**
 * Whether a ServiceAccount with `automountServiceAccountToken: false` of the pod's account name is in
 * its namespace, by name: one lookup per pod, not a scan of every account.
 */
function disabledAccounts(accounts: K8sObject[]): (name: string, namespace: string | undefined) => boolean {
  const byName = new Map<string, { anyNamespace: boolean; namespaces: Set<string> }>();
  for (const a of accounts) {
    if (a.name === undefined || a.doc.scalar(a.node, KEY) !== false) continue;
    let entry = byName.get(a.name);
    if (!entry) byName.set(a.name, (entry = { anyNamespace: false, namespaces: new Set() }));
    if (a.namespace === undefined) entry.anyNamespace = true;
    else entry.namespaces.add(a.namespace);
  }
  return (name, namespace) => {
    const entry = byName.get(name);
    return entry !== undefined && (namespace === undefined || entry.anyNamespace || entry.namespaces.has(namespace));
  };
}

export default defineRule({
  meta: {
    id: 'K8S057',
    name: 'no-sa-token-automount',
    appliesTo: 'kubernetes',
    title: 'Service-account token is mounted into the pod',
    severity: 'warning',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      'Unless `automountServiceAccountToken: false`, every container gets an API token at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes API, but a compromised process can use the token to explore the cluster and use whatever the service account, or a careless binding to it, allows.',
    remediation:
      'Set `automountServiceAccountToken: false` on the pod spec (or on its ServiceAccount) for workloads that do not talk to the API server; those that do should run under a dedicated ServiceAccount with a narrow Role. Pods whose ServiceAccount is bound to a role in the same file are assumed to need the token and are not reported.',
    references: [
      {
        standard: 'url',
        title: 'Kubernetes: Opt out of API credential automounting',
        href: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      },
      { standard: 'cwe', id: 522 },
    ],
    aliases: [
      { tool: 'kubesec', id: 'AutomountServiceAccountToken' },
      { tool: 'checkov', id: 'CKV_K8S_38' },
      { tool: 'trivy', id: 'AVD-KSV-0036' },
      { tool: 'polaris', id: 'automountServiceAccountToken' },
    ],
    messages: {
      pod: '{{object}} mounts a service-account token ({{serviceAccount}}) into every container.',
      serviceAccount: '{{object}} has its token mounted into every pod that uses it.',
    },
    fix: { applicability: 'unsafe', title: 'Set automountServiceAccountToken: false', review: 'a pod that calls the Kubernetes API loses its credentials; mount a projected token where it needs one' },
    absent: ['pod', 'serviceAccount'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S058'],
  },
  check({ k8s, report }) {
    const bound = boundServiceAccounts(rbacBindings(k8s));
    const accounts = k8s.objects.filter((o) => o.kind === 'ServiceAccount' && o.apiVersion === 'v1');
    const disabled = (o: K8sObject): boolean => o.doc.scalar(o.node, KEY) === false;
    const disabledAccount = disabledAccounts(accounts);
    // Each pod's account read once, for both passes.
    const pods = k8s.podSpecs.map((podSpec) => ({ podSpec, account: podServiceAccount(podSpec), optedOut: podSpec.object.doc.scalar(podSpec.node, KEY) === false }));
    for (const { podSpec, account: sa, optedOut } of pods) {
      const object = podSpec.object;
      const doc = object.doc;
      const value = doc.get(podSpec.node, KEY);
      if (optedOut || isTemplatedPath(doc, podSpec.node, KEY)) continue;
      if (sa.templated || isBound(bound, object.namespace, sa.name)) continue;
      // The pod's own value wins; without one, its ServiceAccount's applies.
      if (!value && disabledAccount(sa.name, object.namespace)) continue;
      report({
        messageId: 'pod',
        data: { object: describeObject(object), serviceAccount: `service account "${sa.name}"` },
        range: value ? doc.rangeOf(value) : podRange(podSpec),
        fix: () => [yamlSet(doc, podSpec.node, [KEY], false, ['serviceAccountName', 'serviceAccount'])],
      });
    }
    const uses = accountUses(pods.map(({ podSpec, account, optedOut }) => ({ name: account.name, namespace: podSpec.object.namespace, optedOut })));
    for (const account of accounts) {
      // The default account is K8S058's (CKV_K8S_41); bound accounts need their token; when every pod of
      // the file that uses the account opts out itself, the account's setting changes nothing here.
      const use = account.name === undefined ? undefined : uses(account.name, account.namespace);
      if (use && use.pods > 0 && use.optedOut === use.pods) continue;
      if (disabled(account) || account.name === 'default' || isBound(bound, account.namespace, account.name ?? '') || isTemplatedPath(account.doc, account.node, KEY)) continue;
      const value = account.doc.get(account.node, KEY);
      report({
        messageId: 'serviceAccount',
        data: { object: describeObject(account) },
        range: value ? account.doc.rangeOf(value) : objectRange(account),
        fix: () => [yamlSet(account.doc, account.node, [KEY], false, ['metadata'])],
      });
    }
  },
});
