import { defineRule } from '../../rule';
import { insertAt, removeLines } from '../../fixer';
import { parsedRuns, type ParsedRun } from '../../parse/dockerfile';
import { allCommands } from '../../parse/shell';
import { packageCommand, type PackageCommand } from '../../parse/packages';

const INSTALL_ACTIONS = new Set(['install', 'add', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall']);

const packageCommands = (run: ParsedRun): PackageCommand[] => allCommands(run.script).map(packageCommand).filter((p) => p !== undefined);

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
    fix: { applicability: 'safe', title: 'Move the update into the next RUN that installs' },
    examples: {
      bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\nUSER 10001\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const runs = parsedRuns(dockerfile, src);
    runs.forEach((run, i) => {
      const commands = packageCommands(run);
      const update = commands.find((p) => p.action?.value === 'update' && (p.manager === 'apt' || p.manager === 'apk' || p.manager === 'zypper'));
      if (!update || commands.some((p) => INSTALL_ACTIONS.has(p.action?.value ?? ''))) return;
      // Fixable when this RUN only updates and a later RUN of the same stage installs with the same manager.
      const onlyUpdate = allCommands(run.script).length === 1 && !run.instruction.getRawArgumentsContent()?.includes('<<');
      const next = runs.slice(i + 1).find((r) => r.stage === run.stage && packageCommands(r).some((p) => p.manager === update.manager && INSTALL_ACTIONS.has(p.action?.value ?? '')));
      const fix = onlyUpdate && next && !next.instruction.getRawArgumentsContent()?.trimStart().startsWith('[')
        ? [removeLines(src, run.instruction.getRange().start.line, run.instruction.getRange().end.line), insertAt(next.instruction.getArgumentsRange()!.start, `${update.command.words.map((w) => w.value).join(' ')} && `)]
        : undefined;
      report({ messageId: 'updateAlone', data: { tool: update.tool }, range: run.rangeOf(update.command.words[0].start, update.action!.end), ...(fix ? { fix } : {}) });
    });
  },
});
