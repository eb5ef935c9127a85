import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { rbacBindings } from '../../parse/rbac';
import { boundServiceAccounts, describeObject, isBound, objectRange, podRange, podServiceAccount } from '../../parse/k8sObjects';
import { isTemplatedPath, type K8sObject } from '../../parse/kubernetes';
import { sameNamespace } from '../../parse/networkPolicy';

const KEY = 'automountServiceAccountToken';

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
    for (const podSpec of k8s.podSpecs) {
      const object = podSpec.object;
      const doc = object.doc;
      const value = doc.get(podSpec.node, KEY);
      if (doc.scalar(podSpec.node, KEY) === false || isTemplatedPath(doc, podSpec.node, KEY)) continue;
      const sa = podServiceAccount(podSpec);
      if (sa.templated || isBound(bound, object.namespace, sa.name)) continue;
      // The pod's own value wins; without one, its ServiceAccount's applies.
      if (!value && accounts.some((a) => a.name === sa.name && sameNamespace(a.namespace, object.namespace) && disabled(a))) continue;
      report({
        messageId: 'pod',
        data: { object: describeObject(object), serviceAccount: `service account "${sa.name}"` },
        range: value ? doc.rangeOf(value) : podRange(podSpec),
        fix: () => [yamlSet(doc, podSpec.node, [KEY], false, ['serviceAccountName', 'serviceAccount'])],
      });
    }
    // Each pod's account read once: every ServiceAccount of a large bundle asks about every pod.
    const accountNames = new Map(k8s.podSpecs.map((p) => [p, podServiceAccount(p).name]));
    const users = (account: K8sObject) => k8s.podSpecs.filter((p) => accountNames.get(p) === account.name && sameNamespace(account.namespace, p.object.namespace));
    for (const account of accounts) {
      // The default account is K8S058's (CKV_K8S_41); bound accounts need their token; when every pod of
      // the file that uses the account opts out itself, the account's setting changes nothing here.
      const pods = users(account);
      if (pods.length && pods.every((p) => p.object.doc.scalar(p.node, KEY) === false)) continue;
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
