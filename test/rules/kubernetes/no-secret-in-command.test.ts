import rule from '../../../server/src/engine/rules/kubernetes/no-secret-in-command';
import { ruleTester } from '../../harness/ruleTester';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n    - name: redis\n      image: redis:7.4\n${container}`;

ruleTester(rule, {
  valid: [
    pod('      args: ["--requirepass", "$(REDIS_PASSWORD)"]\n'),
    { name: 'prompting option', code: pod('      command: ["psql", "--password", "app"]\n') },
    { name: 'identifiers under credential-like option names', code: pod('      args: ["--webhook-ca-secret=app-cert-manager-webhook-ca", "--initial-cluster-token", "etcd-cluster-1"]\n') },
    { name: 'Helm template value', code: pod('      args: ["--requirepass", {{ .Values.password | quote }}]\n') },
  ],
  invalid: [
    {
      name: 'command and args read as one line',
      code: pod('      command: ["redis-server"]\n      args: ["--requirepass", «"s3cr3t-Pa55w0rd"»]\n'),
      errors: [{ messageId: 'secret', data: { container: 'redis', flag: '--requirepass' } }],
      output: null,
    },
    { name: 'a random value under a --…-secret option', code: pod('      args: [«"--client-secret=9f8Kq2LmZx7RtB4vW1nY"»]\n'), errors: [{ messageId: 'secret', data: { flag: '--client-secret' } }] },
    { name: 'a weak default', code: pod('      args: [«"--password=changeme"»]\n'), errors: [{ messageId: 'weak', data: { flag: '--password' } }] },
    { name: 'sh -c script', code: pod('      command: ["sh", "-c"]\n      args:\n        - «mysql -uroot -pZq8wk2Lp99 -e "select 1"»\n'), errors: [{ messageId: 'secret', data: { flag: '-p' } }] },
  ],
});
