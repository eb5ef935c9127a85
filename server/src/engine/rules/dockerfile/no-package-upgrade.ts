import { defineRule } from '../../rule';
import { runPackageCommands } from '../../parse/dockerfileIndex';

export default defineRule({
  meta: {
    id: 'DF022',
    name: 'no-package-upgrade',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Whole-distribution upgrade in the build',
    severity: 'info',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      '`apt-get upgrade`, `apk upgrade` or `dnf update` in a build makes the image depend on the day it was built: two builds of the same commit differ, and what was tested is not what ships. It also hides that the base image is out of date.',
    remediation: 'Move to a newer (patched) base image tag instead, and rebuild regularly. Upgrade a single package explicitly only when a fix is not yet in the base.',
    references: [{ standard: 'cis-docker', section: '4.7', title: 'Ensure update instructions are not used alone in Dockerfiles' }],
    aliases: [
      { tool: 'trivy', id: 'AVD-DS-0024' },
      { tool: 'hadolint', id: 'DL3035' },
      { tool: 'semgrep', id: 'avoid-apt-get-upgrade' },
    ],
    messages: { upgrade: '{{tool}} {{action}} upgrades the whole distribution during the build.' },
    examples: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nUSER 10001\n',
      good: 'FROM debian:12.8\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const commands = runPackageCommands(dockerfile, src);
    for (let c = 0; c < commands.length; c++) {
      const { run, command: cmd, package: p } = commands[c];
      const action = p.action?.value;
      if (!action) continue;
      const whole =
        (p.manager === 'apt' && ['upgrade', 'dist-upgrade', 'full-upgrade'].includes(action)) ||
        (p.manager === 'apk' && action === 'upgrade' && p.operands.length === 0) ||
        (p.manager === 'yum' && ['update', 'upgrade', 'distro-sync'].includes(action) && p.operands.length === 0) ||
        (p.manager === 'zypper' && ['update', 'up', 'dist-upgrade', 'dup'].includes(action) && p.operands.length === 0);
      if (whole) report({ messageId: 'upgrade', data: { tool: p.tool, action }, range: run.rangeOf(cmd.words[0].start, p.action!.end) });
    }
  },
});
