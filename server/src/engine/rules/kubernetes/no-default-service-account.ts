import { defineRule } from '../../rule';
import { rbacBindings } from '../../parse/rbac';
import { describeObject, objectRange, podRange, podServiceAccount } from '../../parse/k8sObjects';
import { isTemplatedPath } from '../../parse/kubernetes';

export default defineRule({
  meta: {
    id: 'K8S058',
    name: 'no-default-service-account',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: "Workload uses the namespace's default service account",
    severity: 'info',
    threat: 'access-control',
    principle: 'segregation-of-duties',
    rationale:
      "Every pod without `serviceAccountName` runs as the namespace's `default` ServiceAccount, so rights granted to it for one workload silently go to all of them, and a token stolen from any pod carries them. A binding to `default` or a `default` account that mounts its token spreads the problem.",
    remediation: 'Create one ServiceAccount per workload, set `serviceAccountName`, grant rights only to it, and set `automountServiceAccountToken: false` on the `default` ServiceAccount.',
    references: [
      { standard: 'url', title: 'CIS Kubernetes Benchmark 5.1.5: Ensure that default service accounts are not actively used', href: 'https://www.cisecurity.org/benchmark/kubernetes' },
      { standard: 'cwe', id: 266 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'default-service-account' },
      { tool: 'kubesec', id: 'ServiceAccountName' },
      { tool: 'checkov', id: 'CKV_K8S_41' },
      { tool: 'checkov', id: 'CKV_K8S_42' },
    ],
    messages: {
      podDefault: '{{object}} runs as the default service account of its namespace.',
      defaultAutomount: 'The default ServiceAccount mounts its token into every pod that does not opt out.',
      bindingToDefault: '{{binding}} grants rights to the default service account: every pod of the namespace gets them.',
    },
    absent: ['podDefault', 'defaultAutomount'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S057'],
  },
  check({ k8s, report }) {
    for (const podSpec of k8s.podSpecs) {
      const sa = podServiceAccount(podSpec);
      if (sa.name !== 'default' || sa.templated) continue;
      report({ messageId: 'podDefault', data: { object: describeObject(podSpec.object) }, range: sa.node ? podSpec.object.doc.rangeOf(sa.node) : podRange(podSpec) });
    }
    for (const object of k8s.objects) {
      if (object.kind !== 'ServiceAccount' || object.name !== 'default' || object.doc.scalar(object.node, 'automountServiceAccountToken') === false) continue;
      if (isTemplatedPath(object.doc, object.node, 'automountServiceAccountToken')) continue;
      report({ messageId: 'defaultAutomount', range: objectRange(object) });
    }
    for (const binding of rbacBindings(k8s)) {
      for (const s of binding.subjects) {
        if (s.kind === 'ServiceAccount' && s.name === 'default')
          report({ messageId: 'bindingToDefault', data: { binding: describeObject(binding.object) }, range: binding.object.doc.rangeOf(s.nameNode) });
      }
    }
  },
});
