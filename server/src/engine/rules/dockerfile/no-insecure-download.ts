import { defineRule } from '../../rule';
import { findOptions, type OptionSpec } from './options';

const SPECS: OptionSpec[] = [
  { commands: new Set(['curl']), long: ['--insecure', '--proxy-insecure'], short: 'k' },
  { commands: new Set(['wget']), long: ['--no-check-certificate'] },
];

export default defineRule({
  meta: {
    id: 'DF009',
    name: 'no-insecure-download',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Download with TLS verification turned off',
    severity: 'error',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      '`curl -k` and `wget --no-check-certificate` accept any certificate, so anyone on the network path of the build (a compromised proxy, a hostile Wi-Fi, a poisoned DNS answer) can serve the download and plant code in the image.',
    remediation:
      'Remove the option. If the server uses a private CA, add the CA certificate to the image (`COPY ca.crt /usr/local/share/ca-certificates/` + `update-ca-certificates`) or pass it with `--cacert`.',
    references: [{ standard: 'cwe', id: 295 }],
    aliases: [
      { tool: 'checkov', id: 'CKV2_DOCKER_2' },
      { tool: 'checkov', id: 'CKV2_DOCKER_3' },
    ],
    messages: { tlsOff: '{{command}} {{option}} turns off certificate verification for this download.' },
    fix: { applicability: 'safe', title: 'Remove {{option}}' },
    examples: {
      bad: 'FROM debian:12\nRUN curl -fsSLk -o /tmp/tool.tgz https://example.com/tool.tgz\nUSER 10001\n',
      good: 'FROM debian:12\nRUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const spec of SPECS) {
      for (const hit of findOptions(dockerfile, src, spec)) report({ messageId: 'tlsOff', data: { command: hit.command, option: hit.option }, range: hit.range, fix: [hit.removal] });
    }
  },
});
