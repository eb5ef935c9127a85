import { defineRule } from '../../rule';
import { describeRole, grantOf, rbacRoles, type RbacGrant, type RbacQuery } from '../../parse/rbac';
import { cisKubernetes, RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

const VERBS = ['create', 'update', 'patch'];
/** Resources whose create/update runs a pod of the caller's choosing, by API group, with the verbs that do (made once: every rule of every role is asked them all). */
const WORKLOAD_QUERIES: RbacQuery[] = [
  { groups: [''], resources: ['pods', 'replicationcontrollers'], verbs: VERBS },
  { groups: ['apps', 'extensions'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: VERBS },
  { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: VERBS },
  { groups: ['apps.openshift.io'], resources: ['deploymentconfigs'], verbs: VERBS },
];

export default defineRule({
  meta: {
    id: 'K8S042',
    name: 'no-rbac-pod-create',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'RBAC role can create or change pods and workloads',
    severity: 'warning',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      'Whoever may create or patch a pod (directly or through a Deployment, Job, DaemonSet, …) chooses its image, command, service account and volumes: they can mount any Secret of the namespace, run as any of its service accounts and, where admission allows, ask for privileged or hostPath pods to reach the node.',
    remediation:
      'Keep workload changes with the deployment pipeline. Grant `get`/`list`/`watch` to people and controllers that only observe, and enforce Pod Security admission in namespaces where the right is unavoidable.',
    references: [cisKubernetes('5.1.4', 'Minimize access to create pods'), RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 269 }],
    aliases: [
      { tool: 'kube-linter', id: 'access-to-create-pods' },
      { tool: 'trivy', id: 'AVD-KSV-0048' },
    ],
    messages: { canCreate: '{{role}} can {{verbs}} {{resources}}, and so run any code as any service account of its scope.' },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["create"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "list", "watch"]\n',
    },
    since: '0.2.0',
    related: ['K8S040', 'K8S043'],
  },
  check({ k8s, report }) {
    for (const role of rbacRoles(k8s)) {
      for (const rule of role.rules) {
        const grants = WORKLOAD_QUERIES.map((q) => grantOf(rule, q)).filter((g): g is RbacGrant => g !== undefined);
        if (!grants.length) continue;
        const verbs = [...new Set(grants.flatMap((g) => g.verbs))];
        // update/patch of named objects only touches those workloads; creation is never narrowed by names.
        if (rule.resourceNames.length && !verbs.includes('create')) continue;
        const resources = grants.flatMap((g) => g.covered);
        report({ messageId: 'canCreate', data: { role: describeRole(role), verbs: verbs.join('/'), resources: resources.join(', ') }, range: role.object.doc.rangeOf(grants[0].resources[0].node) });
      }
    }
  },
});
