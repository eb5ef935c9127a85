import { defineRule } from '../../rule';
import { insertLinesBefore } from '../../edits/text';
import { parsedRuns, rootStage, type ParsedRun, type Stage } from '../../parse/dockerfile';
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
    id: 'DF025',
    name: 'require-pipefail',
    appliesTo: 'dockerfile',
    title: 'Pipe in RUN without pipefail',
    severity: 'warning',
    threat: 'build-compromise',
    principle: 'defence-in-depth',
    rationale:
      'A shell pipeline succeeds when its last command does. `curl -fsSL … | tar -x` or `wget -O- … | sha256sum -c` then "passes" even when the download failed or the checksum did not match, and the build goes on with a missing or unverified file.',
    remediation:
      'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the `RUN` (Alpine: `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]`), or start the command with `set -o pipefail &&` where the shell supports it.',
    references: [{ standard: 'cwe', id: 754 }],
    aliases: [
      { tool: 'hadolint', id: 'DL4006' },
      { tool: 'semgrep', id: 'set-pipefail' },
    ],
    messages: { noPipefail: 'This RUN pipes commands without pipefail, so a failing first command goes unnoticed.' },
    fix: {
      applicability: 'unsafe',
      title: 'Add a SHELL with pipefail before this RUN',
      review: 'the image must have the shell the SHELL names, it applies to every later RUN, and a failure early in a pipe now fails the build',
    },
    examples: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\nUSER 10001\n',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /opt\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF004'],
  },
  check({ dockerfile, src, report }) {
    const runs = parsedRuns(dockerfile, src);
    const piped = (run: ParsedRun) => run.script.pipelines.find((p) => p.commands.length > 1);
    // Per stage, once: its SHELL lines, and the first piped RUN (where a fix puts the SHELL).
    const shells = new Map<Stage, Array<{ line: number; args: string }>>();
    const firstPiped = new Map<Stage, Map<number, ParsedRun>>();
    for (const stage of dockerfile.stages) {
      shells.set(
        stage,
        stage.instructions.filter((i) => i.keyword === 'SHELL').map((i) => ({ line: i.startLine, args: i.rawArguments ?? '' })),
      );
    }
    // Each RUN's governing SHELL (the number of SHELL lines before it in its stage), and per stage and
    // governing SHELL the first piped RUN: the fix's SHELL goes there, after any SHELL that would undo it.
    const governing = new Map<ParsedRun, number>();
    const shellBefore = new Map<Stage, number>();
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const stage = run.stage;
      if (!stage) continue;
      const stageShells = shells.get(stage)!;
      let next = shellBefore.get(stage) ?? 0;
      while (next < stageShells.length && stageShells[next].line < run.instruction.startLine) next++;
      shellBefore.set(stage, next);
      governing.set(run, next);
      const firsts = firstPiped.get(stage) ?? new Map<number, ParsedRun>();
      firstPiped.set(stage, firsts);
      if (!firsts.has(next) && piped(run)) firsts.set(next, run);
    }
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const stage = run.stage;
      const raw = run.instruction.rawArguments ?? '';
      const pipeline = piped(run);
      if (!stage || !pipeline || raw.trimStart().startsWith('[')) continue;
      const next = governing.get(run)!;
      const stageShells = shells.get(stage)!;
      const shellArgs = stageShells[next - 1]?.args ?? '';
      const shellExe = /"([^"]+)"/.exec(shellArgs)?.[1].split(/[\\/]/).pop()?.toLowerCase() ?? 'sh';
      if (/^(pwsh|powershell|cmd)(\.exe)?$/.test(shellExe)) continue;
      if ((shellExe !== 'sh' && /pipefail/.test(shellArgs)) || /set -[a-z]*o pipefail/.test(raw)) continue;
      const first = pipeline.commands[0].words[0];
      const lastCmd = pipeline.commands[pipeline.commands.length - 1];
      const shell = pipefailShell(stage);
      const insertAt = firstPiped.get(stage)!.get(next)!.instruction.startLine;
      report({
        messageId: 'noPipefail',
        range: run.rangeOf(first.start, lastCmd.words[lastCmd.words.length - 1].end),
        ...(shell ? { fix: [insertLinesBefore(src, insertAt, [shell])] } : {}),
      });
    }
  },
});
