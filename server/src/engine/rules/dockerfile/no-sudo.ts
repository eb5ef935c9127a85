import { defineRule } from '../../rule';
import { remove } from '../../fixer';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands } from '../../parse/shell';

const ROOT = /^(root|0)(:.*)?$/i;

export default defineRule({
  meta: {
    id: 'DF007', name: 'no-sudo', appliesTo: 'dockerfile',
    title: 'sudo used in RUN', severity: 'warning',
    threat: 'image-misconfiguration', principle: 'least-privilege',
    rationale: '`sudo` in an image means a setuid-root binary and a sudoers policy left behind for any process to abuse; its TTY and signal handling also make builds unpredictable. Build steps already run as the current `USER`, so `sudo` is either useless (as root) or a privilege-escalation path (as a non-root user).',
    remediation: 'Run the steps that need root before switching `USER`, or switch with `USER root` … `USER 10001` around them. Do not install sudo in the image; use `gosu`/`su-exec` only in an entrypoint that drops privileges.',
    references: [
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3004' }, { tool: 'checkov', id: 'CKV2_DOCKER_1' }, { tool: 'trivy', id: 'AVD-DS-0010' },
      { tool: 'semgrep', id: 'no-sudo-in-dockerfile' },
    ],
    messages: { sudo: 'RUN uses sudo.' },
    fix: { applicability: 'safe', title: 'Remove sudo (the step already runs as root)' },
    examples: { bad: 'FROM debian:12\nRUN sudo apt-get update\nUSER 10001\n', good: 'FROM debian:12\nRUN apt-get update\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const usersByStage = new Map(dockerfile.stages.map((s) => [s, s.instructions.filter((i) => i.getKeyword() === 'USER').map((u) => ({ line: u.getRange().start.line, user: u.getArgumentsContent()?.trim() }))]));
    for (const run of parsedRuns(dockerfile, src)) {
      // Before any non-root USER in the stage, RUN executes as root and sudo changes nothing.
      const line = run.instruction.getRange().start.line;
      const lastUser = (run.stage ? usersByStage.get(run.stage)! : []).filter((u) => u.line < line).pop()?.user;
      const asRoot = run.stage !== undefined && !run.stage.parent && (lastUser === undefined || ROOT.test(lastUser));
      for (const cmd of allCommands(run.script)) {
        let i = 0;
        while (i < cmd.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd.words[i].value)) i++;
        const word = cmd.words[i];
        if (!word || word.value.split('/').pop() !== 'sudo') continue;
        // The fix removes sudo and its own options (-E, -H, -u root …) up to the command it runs.
        let j = i + 1;
        let runsAsRoot = true;
        while (j < cmd.words.length && cmd.words[j].value.startsWith('-')) {
          if (['-u', '-g'].includes(cmd.words[j].value)) {
            if (!ROOT.test(cmd.words[j + 1]?.value ?? '')) runsAsRoot = false;
            j++;
          }
          j++;
        }
        const next = cmd.words[j];
        const fix = asRoot && runsAsRoot && next ? [remove(run.rangeOf(word.start, next.start))] : undefined;
        report({ messageId: 'sudo', range: run.rangeOf(word.start, word.end), ...(fix ? { fix } : {}) });
      }
    }
  },
});
