import rule from '../../../server/src/engine/rules/kubernetes/no-custom-selinux';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n    - name: c\n`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    seLinuxOptions:\n      level: "s0:c1,c2"\n      type: container_init_t\n'),
    pod('  securityContext:\n    seLinuxOptions: {type: container_engine_t}\n'),
    pod('  securityContext:\n    seLinuxOptions: {user: "", role: ""}\n'),
  ],
  invalid: [
    {
      name: 'custom type, user and role',
      code: pod('  securityContext:\n    seLinuxOptions:\n      type: «spc_t»\n      user: «system_u»\n      role: «system_r»\n      level: s0\n'),
      errors: [
        { messageId: 'customType', data: { value: 'spc_t', owner: 'the pod' } },
        { messageId: 'customUser', data: { value: 'system_u', owner: 'the pod' } },
        { messageId: 'customRole', data: { value: 'system_r', owner: 'the pod' } },
      ],
      output: pod('  securityContext:\n    seLinuxOptions:\n      level: s0\n'),
    },
    {
      name: 'container_engine_t before 1.31',
      code: pod('  securityContext:\n    seLinuxOptions: {type: «container_engine_t», level: s0}\n'),
      config: { podSecurityVersion: 'v1.30' },
      errors: [{ messageId: 'customType' }],
      output: pod('  securityContext:\n    seLinuxOptions: {level: s0}\n'),
    },
  ],
});
