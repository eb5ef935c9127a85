import rule from '../../../server/src/engine/rules/dockerfile/no-secret-in-command';
import { ruleTester } from '../../harness/ruleTester';

const df = (body: string) => `FROM redis:7.4\n${body}USER 10001\n`;

ruleTester(rule, {
  valid: [
    df('CMD ["redis-server", "--requirepass", "$REDIS_PASSWORD"]\n'),
    {
      name: 'values read at run time or build time',
      code: df(
        'RUN --mount=type=secret,id=db,env=PGPASSWORD psql -h db -c "select 1"\nRUN mysql -uroot -p"$(cat /run/secrets/db)" -e "select 1"\nCMD redis-server --requirepass "${REDIS_PASSWORD}"\n',
      ),
    },
    { name: 'prompting options and options about a password', code: df('RUN psql --password app && mysql --password app && mysql -p app\nRUN app --password-file /run/secrets/pw --token-ttl 3600\n') },
    { name: '-p is a port or a parent flag elsewhere', code: df('RUN mkdir -p /srv/app && docker run -p 8080:80 nginx\n') },
    { name: "a known token format is DF020's", code: df(`RUN app --token=${['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_')}\n`) },
  ],
  invalid: [
    { name: 'exec-form CMD', code: df('CMD ["redis-server", "--requirepass", «"s3cr3t-Pa55w0rd"»]\n'), errors: [{ messageId: 'secret', data: { flag: '--requirepass' } }], output: null },
    { name: 'glued mysql -p, weak', code: df('RUN mysql -uroot «-psecret» -e "select 1"\n'), errors: [{ messageId: 'weak', data: { flag: '-p' } }] },
    { name: 'a variable in front of the command', code: df('RUN «PGPASSWORD=hunter2x» psql -h db -c "select 1"\n'), errors: [{ messageId: 'secret', data: { flag: 'PGPASSWORD' } }] },
    { name: '--password= in a shell-form ENTRYPOINT', code: df('ENTRYPOINT exec mysqld «--password=Zq8-wk2Lp»\n'), errors: [{ messageId: 'secret', data: { flag: '--password' } }] },
    { name: 'docker login -p, inside sh -c', code: df('RUN sh -c «"docker login -u ci -p Zq8wk2Lp99 registry.example.com"»\n'), errors: [{ messageId: 'secret', data: { flag: '-p' } }] },
    { name: 'ONBUILD trigger', code: df('ONBUILD RUN redis-cli «-a» «Zq8wk2Lp99» ping\n'.replace('«-a» ', '-a ')), errors: [{ messageId: 'secret', data: { flag: '-a' } }] },
  ],
});
