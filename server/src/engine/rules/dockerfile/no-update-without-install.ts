import { defineRule } from '../../rule';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands } from '../../parse/shell';
import { packageCommand } from '../../parse/packages';

const INSTALL_ACTIONS = new Set(['install', 'add', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall']);

export default defineRule({
  meta: {
    id: 'DF021', name: 'no-update-without-install', appliesTo: 'dockerfile',
    title: 'Package index updated in a RUN of its own', severity: 'warning',
    threat: 'vulnerable-code', principle: 'defence-in-depth',
    rationale: 'The build cache keeps a `RUN apt-get update` layer for as long as its line is unchanged. A later `RUN apt-get install` then installs from an index that can be months old: outdated, vulnerable package versions, or failures when the mirror no longer has them.',
    remediation: 'Update and install in the same `RUN`: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*` (`apk add --no-cache` needs no update at all).',
    references: [{ standard: 'cis-docker', section: '4.7', title: 'Ensure update instructions are not used alone in Dockerfiles' }],
    aliases: [{ tool: 'checkov', id: 'CKV_DOCKER_5' }, { tool: 'trivy', id: 'AVD-DS-0017' }],
    messages: { updateAlone: '{{tool}} update runs without an install in the same RUN, so its index goes stale in the build cache.' },
    examples: {
      bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\nUSER 10001\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const run of parsedRuns(dockerfile, src)) {
      const commands = allCommands(run.script).map(packageCommand).filter((p) => p !== undefined);
      const update = commands.find((p) => p.action?.value === 'update' && (p.manager === 'apt' || p.manager === 'apk' || p.manager === 'zypper'));
      if (!update || commands.some((p) => INSTALL_ACTIONS.has(p.action?.value ?? ''))) continue;
      report({ messageId: 'updateAlone', data: { tool: update.tool }, range: run.rangeOf(update.command.words[0].start, update.action!.end) });
    }
  },
});
