import rule from '../../../server/src/engine/rules/compose/no-unconfined-security-opt';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['services:\n  web:\n    security_opt: ["no-new-privileges:true", "seccomp:./profile.json"]\n', { name: 'no security_opt', code: 'services:\n  web:\n    image: x\n' }],
  invalid: [
    {
      code: 'services:\n  web:\n    image: x\n    security_opt:\n      - «seccomp:unconfined»\n',
      errors: [{ messageId: 'seccomp', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: x\n',
    },
    {
      name: 'flow list, several, one kept',
      code: 'services:\n  web:\n    security_opt: [«apparmor=unconfined», no-new-privileges:true, «label:disable»]\n',
      errors: [{ messageId: 'apparmor' }, { messageId: 'selinux' }],
      output: 'services:\n  web:\n    security_opt: [no-new-privileges:true]\n',
    },
    {
      name: 'aliased list: emptied at its anchor, which other services may share',
      code: 'x-opts: &opts [«seccomp:unconfined»]\nservices:\n  web:\n    security_opt: *opts\n',
      errors: [{ messageId: 'seccomp', data: { service: 'web' } }],
      output: 'x-opts: &opts []\nservices:\n  web:\n    security_opt: *opts\n',
    },
  ],
});
