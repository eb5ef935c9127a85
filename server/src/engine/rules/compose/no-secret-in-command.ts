import { defineRule } from '../../rule';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { yamlCommandSecrets } from '../../policy/commandSecrets';
import { redact } from '../../policy/secrets';

export default defineRule({
  meta: {
    id: 'DC026',
    name: 'no-secret-in-command',
    appliesTo: 'compose',
    title: 'Credential passed on a service command line',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A password in `command:` or `entrypoint:` (`redis-server --requirepass x`, `mysqld --password=x`, `PGPASSWORD=x psql`) is in the repository history, in `docker inspect` and `docker compose config` output, and visible in `ps` to every process of the host while the service runs.',
    remediation:
      'Interpolate it from the environment (`--requirepass $${REDIS_PASSWORD}` read by a shell, or `${REDIS_PASSWORD:?}` set in an untracked `.env`), or better grant a Compose secret and read the file: `sh -c \'exec redis-server --requirepass "$$(cat /run/secrets/redis)"\'`. Rotate the value: it is in the repository history.',
    references: [
      { standard: 'cwe', id: 214 },
      { standard: 'cwe', id: 798 },
    ],
    aliases: [],
    messages: {
      secret: 'Service "{{service}}" passes a credential with {{flag}} on its command line ({{redacted}}).',
      weak: 'Service "{{service}}" passes a well-known weak password with {{flag}} on its command line ({{redacted}}).',
    },
    examples: {
      bad: 'services:\n  cache:\n    image: redis:7.4\n    command: redis-server --requirepass s3cr3t-Pa55w0rd\n',
      good: 'services:\n  cache:\n    image: redis:7.4\n    command: redis-server --requirepass ${REDIS_PASSWORD:?set it in .env}\n',
    },
    since: '0.3.0',
    related: ['DC005', 'DF037'],
  },
  check({ compose, report }) {
    for (const key of ['entrypoint', 'command']) {
      for (const setting of serviceSettings(compose, key)) {
        const { doc, pair } = setting;
        const { service, related } = describeSetting(setting);
        for (const found of yamlCommandSecrets(doc, [pair.value ?? undefined])) {
          // `$VAR` and `${VAR}` are interpolated by Compose: they reference, they do not write.
          report({ messageId: found.weak ? 'weak' : 'secret', data: { service, flag: found.flag, redacted: redact(found.value) }, range: doc.src.rangeOf(found.start, found.end), related });
        }
      }
    }
  },
});
