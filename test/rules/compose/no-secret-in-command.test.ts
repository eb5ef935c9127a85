import rule from '../../../server/src/engine/rules/compose/no-secret-in-command';
import { ruleTester } from '../../harness/ruleTester';

const svc = (body: string) => `services:\n  cache:\n    image: redis:7.4\n${body}`;

ruleTester(rule, {
  valid: [
    svc('    command: redis-server --requirepass ${REDIS_PASSWORD:?set it}\n'),
    { name: 'list form with a reference', code: svc('    command: ["redis-server", "--requirepass", "$${REDIS_PASSWORD}"]\n') },
    { name: 'options about a password', code: svc('    command: ["app", "--password-file", "/run/secrets/pw"]\n') },
    { name: 'no credential option', code: svc('    command: redis-server --appendonly yes\n') },
  ],
  invalid: [
    {
      name: 'string form',
      code: svc('    command: «redis-server --requirepass s3cr3t-Pa55w0rd»\n'),
      errors: [{ messageId: 'secret', data: { service: 'cache', flag: '--requirepass' } }],
      output: null,
    },
    { name: 'list form', code: svc('    command: ["redis-server", "--requirepass", «"s3cr3t-Pa55w0rd"»]\n'), errors: [{ messageId: 'secret', data: { flag: '--requirepass' } }] },
    { name: 'entrypoint, --password=', code: svc('    entrypoint: [«"--password=Zq8-wk2Lp"»]\n'.replace('[«', '["mysqld", «')), errors: [{ messageId: 'secret', data: { flag: '--password' } }] },
    { name: 'a shell script in the list', code: svc('    command: ["sh", "-c", «"PGPASSWORD=postgres psql -h db"»]\n'), errors: [{ messageId: 'weak', data: { flag: 'PGPASSWORD' } }] },
  ],
});
