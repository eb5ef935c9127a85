import rule from '../../../server/src/engine/rules/kubernetes/no-unmasked-proc-mount';
import { ruleTester } from '../../harness/ruleTester';

const pod = (sc: string, spec = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n    - name: c\n      securityContext:\n${sc}`;

ruleTester(rule, {
  valid: [
    pod('        procMount: Default\n'),
    { name: 'user namespace under baseline from 1.35', code: pod('        procMount: Unmasked\n', '  hostUsers: false\n'), config: { podSecurityLevel: 'baseline' } },
  ],
  invalid: [
    {
      code: pod('        procMount: «Unmasked»\n        runAsNonRoot: true\n'),
      errors: [{ messageId: 'unmasked', data: { container: 'c', value: 'Unmasked' } }],
      output: pod('        runAsNonRoot: true\n'),
    },
    {
      name: 'a repeated key: every procMount goes at once (the parser keeps the last, so removing one per pass never settled)',
      code: pod('        procMount: Unmasked\n        procMount: Default\n        procMount: «Unmasked»\n        runAsNonRoot: true\n'),
      errors: [{ messageId: 'unmasked' }],
      output: pod('        runAsNonRoot: true\n'),
    },
    {
      name: 'a key repeated around other keys: no edit (one edit over them all would cover the keys between)',
      code: pod('        procMount: Unmasked\n        runAsNonRoot: true\n        procMount: «Unmasked»\n'),
      errors: [{ messageId: 'unmasked' }],
      output: null,
    },
    {
      name: 'user namespace: restricted still forbids it',
      code: pod('        procMount: «Unmasked»\n', '  hostUsers: false\n'),
      errors: [{ messageId: 'unmaskedUserNamespace' }],
      output: pod('', '  hostUsers: false\n'),
    },
    {
      name: 'user namespace before 1.35: the baseline control applies',
      code: pod('        procMount: «Unmasked»\n', '  hostUsers: false\n'),
      config: { podSecurityVersion: 'v1.34', podSecurityLevel: 'baseline' },
      errors: [{ messageId: 'unmasked' }],
      output: pod('', '  hostUsers: false\n'),
    },
  ],
});
