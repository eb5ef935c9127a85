import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-dangerous-subjects';
import { ruleTester } from '../../harness/ruleTester';

const binding = (role: string, subjects: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n${subjects}`;

ruleTester(rule, {
  valid: [
    binding('view', '  - kind: Group\n    name: sre\n'),
    { name: 'the built-in discovery binding', code: binding('system:public-info-viewer', '  - kind: Group\n    name: system:unauthenticated\n  - kind: Group\n    name: system:authenticated\n') },
  ],
  invalid: [
    {
      name: 'every authenticated identity',
      code: binding('view', '  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: «system:authenticated»\n'),
      errors: [
        {
          messageId: 'everyone',
          data: { binding: 'ClusterRoleBinding "b"', role: 'view', subject: 'system:authenticated', who: 'every authenticated identity, including any service account of any namespace' },
        },
      ],
    },
    {
      name: 'anonymous and masters',
      code: binding('edit', '  - {kind: User, name: «"system:anonymous"»}\n  - {kind: Group, name: «system:masters»}\n'),
      errors: [
        { messageId: 'everyone', data: { subject: 'system:anonymous' } },
        { messageId: 'masters', data: { binding: 'ClusterRoleBinding "b"' } },
      ],
    },
  ],
});
