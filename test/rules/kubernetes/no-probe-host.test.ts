import rule from '../../../server/src/engine/rules/kubernetes/no-probe-host';
import { ruleTester } from '../../harness/ruleTester';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n${container}`;

ruleTester(rule, {
  valid: [
    pod('      livenessProbe:\n        httpGet: {path: /healthz, port: 8080}\n'),
    pod('      readinessProbe:\n        tcpSocket: {host: "", port: 8080}\n'),
    { name: 'before 1.34 the control does not exist', code: pod('      livenessProbe:\n        httpGet: {host: example.com, port: 80}\n'), config: { podSecurityVersion: 'v1.33' } },
  ],
  invalid: [
    {
      name: 'probe httpGet host',
      code: pod('      livenessProbe:\n        httpGet:\n          host: «169.254.169.254»\n          path: /latest/meta-data\n          port: 80\n'),
      errors: [{ messageId: 'host', data: { container: 'web', handler: 'livenessProbe.httpGet', host: '169.254.169.254' } }],
      output: pod('      livenessProbe:\n        httpGet:\n          path: /latest/meta-data\n          port: 80\n'),
    },
    {
      name: 'a repeated host: every one goes at once',
      code: pod('      livenessProbe:\n        httpGet:\n          host: ""\n          host: «169.254.169.254»\n          port: 80\n'),
      errors: [{ messageId: 'host' }],
      output: pod('      livenessProbe:\n        httpGet:\n          port: 80\n'),
    },
    {
      name: 'lifecycle tcpSocket host, flow',
      code: pod('      lifecycle:\n        preStop:\n          tcpSocket: {host: «db.internal», port: 5432}\n'),
      errors: [{ messageId: 'host', data: { container: 'web', handler: 'lifecycle.preStop.tcpSocket', host: 'db.internal' } }],
      output: pod('      lifecycle:\n        preStop:\n          tcpSocket: {port: 5432}\n'),
    },
  ],
});
