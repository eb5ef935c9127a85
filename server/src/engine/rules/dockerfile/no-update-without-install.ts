import { defineRule } from '../../rule';
import { insertAt, removeLines } from '../../edits/text';
import { parsedRuns, type ParsedRun, type Stage } from '../../parse/dockerfile';
import { allCommands } from '../../parse/shell';
import { installsPackages, packageCommand, refreshesIndex, type PackageCommand, type PackageManager } from '../../parse/packages';

const packageCommands = (run: ParsedRun): PackageCommand[] =>
  allCommands(run.script)
    .map(packageCommand)
    .filter((p) => p !== undefined);
/** A heredoc RUN: text put in front of its first line would become part of the heredoc's command, not a step before it. */
const hasHeredoc = (run: ParsedRun) => run.instruction.rawArguments?.includes('<<') ?? false;

export default defineRule({
  meta: {
    id: 'DF021',
    name: 'no-update-without-install',
    appliesTo: 'dockerfile',
    title: 'Package index updated in a RUN of its own',
    severity: 'warning',
    threat: 'vulnerable-code',
    principle: 'defence-in-depth',
    rationale:
      'The build cache keeps a `RUN apt-get update` layer for as long as its line is unchanged. A later `RUN apt-get install` then installs from an index that can be months old: outdated, vulnerable package versions, or failures when the mirror no longer has them.',
    remediation:
      'Update and install in the same `RUN`: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*` (`apk add --no-cache` needs no update at all).',
    references: [{ standard: 'cis-docker', section: '4.7', title: 'Ensure update instructions are not used alone in Dockerfiles' }],
    aliases: [
      { tool: 'checkov', id: 'CKV_DOCKER_5' },
      { tool: 'trivy', id: 'AVD-DS-0017' },
    ],
    messages: { updateAlone: '{{tool}} {{action}} refreshes the package index without an install in the same RUN, so the index goes stale in the build cache.' },
    fix: { applicability: 'safe', title: 'Move the update into the next RUN that installs' },
    examples: {
      bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\nUSER 10001\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const runs = parsedRuns(dockerfile, src);
    const commands = runs.map(packageCommands);
    // Walking backwards, the nearest later RUN of each stage that installs with each manager: one pass.
    const nextInstall = new Map<Stage | undefined, Map<PackageManager, ParsedRun>>();
    const found: Array<{ run: ParsedRun; update: PackageCommand; next?: ParsedRun }> = [];
    for (let i = runs.length - 1; i >= 0; i--) {
      const run = runs[i];
      const installs = nextInstall.get(run.stage) ?? new Map<PackageManager, ParsedRun>();
      nextInstall.set(run.stage, installs);
      const update = commands[i].find(refreshesIndex);
      if (update && !commands[i].some(installsPackages)) found.push({ run, update, next: installs.get(update.manager) });
      for (const p of commands[i]) if (installsPackages(p)) installs.set(p.manager, run);
    }
    for (const { run, update, next } of found.reverse()) {
      // Fixable when this RUN only updates and the later RUN runs a plain shell command the update can lead.
      const onlyUpdate = allCommands(run.script).length === 1 && !hasHeredoc(run);
      const fix =
        onlyUpdate && next && !hasHeredoc(next) && !next.instruction.rawArguments?.trimStart().startsWith('[')
          ? [removeLines(src, run.instruction.startLine, run.instruction.endLine), insertAt(next.instruction.argumentsRange!.start, `${update.command.words.map((w) => w.value).join(' ')} && `)]
          : undefined;
      report({ messageId: 'updateAlone', data: { tool: update.tool, action: update.action!.value }, range: run.rangeOf(update.command.words[0].start, update.action!.end), ...(fix ? { fix } : {}) });
    }
  },
});
