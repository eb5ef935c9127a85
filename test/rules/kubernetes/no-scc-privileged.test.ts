import rule from '../../../server/src/engine/rules/kubernetes/no-scc-privileged';
import { ruleTester } from '../../harness/ruleTester';

const scc = (body: string) => `apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: app\n${body}`;

ruleTester(rule, {
  valid: [scc('allowPrivilegedContainer: false\n'), scc('allowHostPID: false\n')],
  invalid: [
    {
      name: 'true, comment kept',
      code: scc('allowPrivilegedContainer: «true» # legacy\nallowHostPID: false\n'),
      errors: [{ messageId: 'privileged', data: { scc: 'SecurityContextConstraints "app"' } }],
      output: scc('allowPrivilegedContainer: false # legacy\nallowHostPID: false\n'),
    },
  ],
});
