import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-sensitive-resources';
import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n${rules}`;

ruleTester(rule, {
  valid: [
    role('  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["validatingwebhookconfigurations"]\n    verbs: ["get", "list", "watch"]\n'),
    { name: 'services themselves are not services/status', code: role('  - apiGroups: [""]\n    resources: ["services"]\n    verbs: ["create"]\n') },
  ],
  invalid: [
    {
      name: 'webhooks',
      code: role('  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: [«mutatingwebhookconfigurations»]\n    verbs: [create, patch]\n'),
      errors: [
        {
          messageId: 'sensitive',
          data: { role: 'ClusterRole "r"', verbs: 'create/patch', resources: 'mutatingwebhookconfigurations', impact: 'it can intercept or rewrite every object sent to the API server' },
        },
      ],
    },
    {
      name: 'CSR approval and services/status in two rules',
      code: role(
        '  - apiGroups: ["certificates.k8s.io"]\n    resources: [«certificatesigningrequests/approval»]\n    verbs: [update]\n  - apiGroups: [""]\n    resources: [«services/status»]\n    verbs: ["*"]\n',
      ),
      errors: [
        { messageId: 'sensitive', data: { resources: 'certificatesigningrequests/approval' } },
        { messageId: 'sensitive', data: { verbs: 'update/patch', resources: 'services/status' } },
      ],
    },
    {
      name: 'ConfigMaps such as aws-auth',
      code: role('  - apiGroups: [""]\n    resources: [«configmaps»]\n    resourceNames: [aws-auth]\n    verbs: [update]\n'),
      errors: [{ messageId: 'sensitive', data: { resources: 'configmaps' } }],
    },
  ],
});
