import { defineRule } from '../../rule';
import { runPackageCommands } from '../../parse/dockerfileIndex';
import { hasOption } from '../../parse/packages';

export default defineRule({
  meta: {
    id: 'DF018',
    name: 'require-no-install-recommends',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'apt installs recommended packages too',
    severity: 'info',
    threat: 'image-misconfiguration',
    principle: 'attack-surface',
    rationale:
      'Without `--no-install-recommends`, apt adds every "recommended" package: often dozens of extra binaries, libraries and sometimes daemons nobody asked for. Each one is more code for scanners to flag and for an attacker to use once inside.',
    remediation: 'Add `--no-install-recommends` and list the packages the application really needs.',
    references: [{ standard: 'cis-docker', section: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' }],
    aliases: [
      { tool: 'hadolint', id: 'DL3015' },
      { tool: 'trivy', id: 'AVD-DS-0029' },
      { tool: 'semgrep', id: 'missing-no-install-recommends' },
    ],
    messages: { recommends: '{{tool}} install also installs recommended packages.' },
    fix: { applicability: 'unsafe', title: 'Add --no-install-recommends', review: 'a package the image got only as a recommendation is no longer installed; name it explicitly' },
    examples: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER 10001\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const commands = runPackageCommands(dockerfile, src);
    for (let c = 0; c < commands.length; c++) {
      const { run, command: cmd, package: p } = commands[c];
      if (p.manager !== 'apt' || p.action?.value !== 'install') continue;
      if (hasOption(p, '--no-install-recommends') || p.options.some((o) => /Install-Recommends=(false|0)/i.test(o.value)) || cmd.words.some((w) => /Install-Recommends=(false|0)/i.test(w.value)))
        continue;
      const action = p.action;
      report({
        messageId: 'recommends',
        data: { tool: p.tool },
        range: run.rangeOf(cmd.words[0].start, action.end),
        fix: [{ range: run.rangeOf(action.end, action.end), newText: ' --no-install-recommends' }],
      });
    }
  },
});
