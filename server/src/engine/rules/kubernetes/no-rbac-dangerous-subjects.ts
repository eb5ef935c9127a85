import { defineRule } from '../../rule';
import { rbacBindings } from '../../parse/rbac';
import { describeObject, RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

const EVERYONE: Record<string, string> = {
  'system:anonymous': 'every unauthenticated request',
  'system:unauthenticated': 'every unauthenticated request',
  'system:authenticated': 'every authenticated identity, including any service account of any namespace',
};
/** The discovery roles Kubernetes itself binds to those groups. */
const DEFAULT_PUBLIC_ROLES = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export default defineRule({
  meta: {
    id: 'K8S046',
    name: 'no-rbac-dangerous-subjects',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Binding grants rights to everyone or to system:masters',
    severity: 'error',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      '`system:anonymous`/`system:unauthenticated` is anyone who can reach the API server, and `system:authenticated` is every user and every service account token of every namespace. `system:masters` bypasses RBAC entirely and cannot be revoked by editing roles.',
    remediation:
      'Bind named users, groups of your identity provider or dedicated service accounts instead. Leave the built-in discovery bindings (`system:discovery`, `system:public-info-viewer`) as the cluster created them.',
    references: [RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 284 }],
    aliases: [
      { tool: 'kubesec', id: 'BindingsToSystemAnonymous' },
      { tool: 'trivy', id: 'AVD-KSV-0122' },
      { tool: 'trivy', id: 'AVD-KSV-0123' },
      { tool: 'trivy', id: 'AVD-KSV-01011' },
    ],
    messages: {
      everyone: '{{binding}} grants role "{{role}}" to {{subject}}: {{who}}.',
      masters: '{{binding}} names system:masters, a group that bypasses RBAC and cannot be restricted.',
    },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: open\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    name: system:authenticated\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: open\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    name: sre\n',
    },
    since: '0.2.0',
    related: ['K8S044'],
  },
  check({ k8s, report }) {
    for (const binding of rbacBindings(k8s)) {
      for (const s of binding.subjects) {
        const range = binding.object.doc.rangeOf(s.nameNode);
        if (s.name === 'system:masters') report({ messageId: 'masters', data: { binding: describeObject(binding.object) }, range });
        else if (EVERYONE[s.name] && !DEFAULT_PUBLIC_ROLES.has(binding.roleRef?.name ?? '')) {
          report({ messageId: 'everyone', data: { binding: describeObject(binding.object), role: binding.roleRef?.name ?? '?', subject: s.name, who: EVERYONE[s.name] }, range });
        }
      }
    }
  },
});
