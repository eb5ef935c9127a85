import { defineRule } from '../../rule';
import { insertLinesBefore } from '../../fixer';
import { parsedRuns, rootStage, type Stage } from '../../parse/dockerfile';
import { imageFamily } from '../../policy/images';

/** A SHELL line that makes pipelines fail when any command fails, in the family's own shell. */
function pipefailShell(stage: Stage): string | undefined {
  switch (imageFamily(rootStage(stage).image)) {
    case 'debian':
    case 'rhel':
      return 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
    case 'alpine':
      return 'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]';
    default:
      return undefined;
  }
}

export default defineRule({
  meta: {
    id: 'DF025', name: 'require-pipefail', appliesTo: 'dockerfile',
    title: 'Pipe in RUN without pipefail', severity: 'warning',
    threat: 'build-compromise', principle: 'defence-in-depth',
    rationale: 'A shell pipeline succeeds when its last command does. `curl -fsSL … | tar -x` or `wget -O- … | sha256sum -c` then "passes" even when the download failed or the checksum did not match, and the build goes on with a missing or unverified file.',
    remediation: 'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the `RUN` (Alpine: `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]`), or start the command with `set -o pipefail &&` where the shell supports it.',
    references: [{ standard: 'cwe', id: 754 }],
    aliases: [{ tool: 'hadolint', id: 'DL4006' }, { tool: 'semgrep', id: 'set-pipefail' }],
    messages: { noPipefail: 'This RUN pipes commands without pipefail, so a failing first command goes unnoticed.' },
    fix: { applicability: 'unsafe', title: 'Add a SHELL with pipefail before this RUN (review)' },
    examples: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\nUSER 10001\n',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\nUSER 10001\n',
    },
    since: '0.1.0', related: ['DF004'],
  },
  check({ dockerfile, src, report }) {
    for (const run of parsedRuns(dockerfile, src)) {
      const stage = run.stage;
      if (!stage || run.instruction.getRawArgumentsContent()?.trimStart().startsWith('[')) continue;
      const line = run.instruction.getRange().start.line;
      // SHELL is stateful: the last one before this RUN decides. pipefail needs a shell that has it
      // (Debian's /bin/sh is dash, which does not); non-POSIX shells (pwsh, cmd) are out of scope.
      const shellLine = [...stage.instructions].reverse().find((i) => i.getKeyword() === 'SHELL' && i.getRange().start.line < line);
      const shellArgs = shellLine?.getRawArgumentsContent() ?? '';
      const shellExe = /"([^"]+)"/.exec(shellArgs)?.[1].split(/[\/]/).pop()?.toLowerCase() ?? 'sh';
      if (/^(pwsh|powershell|cmd)(\.exe)?$/.test(shellExe)) continue;
      if ((shellExe !== 'sh' && /pipefail/.test(shellArgs)) || /set -[a-z]*o pipefail/.test(run.instruction.getRawArgumentsContent() ?? '')) continue;
      const piped = run.script.pipelines.find((p) => p.commands.length > 1);
      if (!piped) continue;
      const first = piped.commands[0].words[0];
      const lastCmd = piped.commands[piped.commands.length - 1];
      const shell = pipefailShell(stage);
      // The first piped RUN of the stage gets the SHELL; later ones are then covered by it.
      const firstPiped = parsedRuns(dockerfile, src).find((r) => r.stage === stage && r.script.pipelines.some((p) => p.commands.length > 1));
      const insertAt = (firstPiped ?? run).instruction.getRange().start.line;
      report({
        messageId: 'noPipefail', range: run.rangeOf(first.start, lastCmd.words[lastCmd.words.length - 1].end),
        ...(shell ? { fix: [insertLinesBefore(src, insertAt, [shell])] } : {}),
      });
    }
  },
});
