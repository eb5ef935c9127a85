import rule from '../../../server/src/engine/rules/kubernetes/no-ssh-port';
import { ruleTester } from '../../harness/ruleTester';

const pod = (ports: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: box\n      image: example/box:1.0\n      ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    pod('        - containerPort: 8080\n'),
    { name: 'port 22 over UDP', code: pod('        - containerPort: 22\n          protocol: UDP\n') },
    { name: 'a Helm value decides the port', fileName: 'templates/pod.yaml', code: pod('        - containerPort: {{ .Values.port }}\n') },
  ],
  invalid: [
    { name: 'block', code: pod('        - name: ssh\n          containerPort: «22»\n'), errors: [{ messageId: 'ssh', data: { container: 'box' } }] },
    { name: 'flow, string value', code: pod('        - {containerPort: «"22"», protocol: tcp}\n'), errors: [{ messageId: 'ssh' }] },
  ],
});
