import { defineRule } from '../../rule';
import { findOptions, type OptionSpec } from './options';

const SPECS: OptionSpec[] = [
  { commands: new Set(['apk']), long: ['--allow-untrusted'] },
  { commands: new Set(['apt-get', 'apt', 'aptitude']), long: ['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories'] },
  { commands: new Set(['yum', 'dnf', 'tdnf', 'microdnf', 'zypper']), long: ['--nogpgcheck', '--no-gpg-checks'] },
  { commands: new Set(['rpm']), long: ['--nosignature', '--nodigest', '--noverify', '--nofiledigest'] },
];

export default defineRule({
  meta: {
    id: 'DF010',
    name: 'no-package-signature-bypass',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Package signature checks skipped',
    severity: 'error',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'Package managers verify signatures so that a mirror, proxy or attacker in the middle cannot swap a package. Options like `--allow-untrusted`, `--allow-unauthenticated`, `--force-yes` or `--nogpgcheck` install whatever arrives, with root privileges, into the image.',
    remediation:
      "Remove the option (after `--force-yes`, make sure `-y` is still there) and import the repository's signing key instead (`apt-key`-free: a keyring under `/etc/apt/keyrings` with `signed-by=`; `rpm --import`; `apk` keys under `/etc/apk/keys`).",
    references: [
      { standard: 'cis-docker', section: '4.11', title: 'Ensure only verified packages are installed' },
      { standard: 'cwe', id: 347 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV2_DOCKER_7' },
      { tool: 'checkov', id: 'CKV2_DOCKER_8' },
      { tool: 'checkov', id: 'CKV2_DOCKER_9' },
      { tool: 'checkov', id: 'CKV2_DOCKER_10' },
      { tool: 'checkov', id: 'CKV2_DOCKER_11' },
    ],
    messages: { signatureBypass: '{{command}} {{option}} installs packages without checking their signatures.' },
    fix: { applicability: 'unsafe', title: 'Remove {{option}}', review: 'packages from a repository whose signing key is not installed now fail; import that key' },
    examples: {
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted curl\nUSER 10001\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const spec of SPECS) {
      for (const hit of findOptions(dockerfile, src, spec)) report({ messageId: 'signatureBypass', data: { command: hit.command, option: hit.option }, range: hit.range, fix: [hit.removal] });
    }
  },
});
