import { defineRule } from '../../rule';
import { remove } from '../../edits/text';
import type { ParsedRun } from '../../parse/dockerfile';
import { commandsWrappedBy } from '../../parse/dockerfileIndex';
import { commandHead, type WrapperOption } from '../../parse/shell';
import { isRootUser, runsAsRoot } from '../../policy/users';

/** sudo options that leave the command running as root in the same directory with the same input. */
const HARMLESS_OPTIONS = new Set(['-E', '--preserve-env', '-H', '--set-home', '-n', '--non-interactive', '-P', '--preserve-groups', '-k', '--reset-timestamp']);
const TARGET_OPTIONS = new Set(['-u', '--user', '-g', '--group']);

const keepsRootSemantics = (o: WrapperOption): boolean => HARMLESS_OPTIONS.has(o.flag) || (TARGET_OPTIONS.has(o.flag) && o.value !== undefined && (isRootUser(o.value) || o.value === '#0'));

export default defineRule({
  meta: {
    id: 'DF007',
    name: 'no-sudo',
    appliesTo: 'dockerfile',
    scope: 'instructionAndDeclarations',
    title: 'sudo used in RUN',
    severity: 'warning',
    threat: 'image-misconfiguration',
    principle: 'least-privilege',
    rationale:
      '`sudo` in an image means a setuid-root binary and a sudoers policy left behind for any process to abuse; its TTY and signal handling also make builds unpredictable. Build steps already run as the current `USER`, so `sudo` is either useless (as root) or a privilege-escalation path (as a non-root user).',
    remediation:
      'Run the steps that need root before switching `USER`, or switch with `USER root` … `USER 10001` around them. Do not install sudo in the image; use `gosu`/`su-exec` only in an entrypoint that drops privileges.',
    references: [{ standard: 'cwe', id: 250 }],
    aliases: [
      { tool: 'hadolint', id: 'DL3004' },
      { tool: 'checkov', id: 'CKV2_DOCKER_1' },
      { tool: 'trivy', id: 'AVD-DS-0010' },
      { tool: 'semgrep', id: 'no-sudo-in-dockerfile' },
    ],
    messages: { sudo: 'RUN uses sudo.' },
    fix: { applicability: 'safe', title: 'Remove sudo (the step already runs as root)' },
    examples: { bad: 'FROM debian:12\nRUN sudo apt-get update\nUSER 10001\n', good: 'FROM debian:12\nRUN apt-get update\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    // sudo changes nothing where the step already runs as root (looked up once per RUN that uses sudo).
    // ONBUILD triggers run in another build, as whatever user that build has set.
    const asRoot = new Map<ParsedRun, boolean>();
    const runsAsRootIn = (run: ParsedRun): boolean => {
      let root = asRoot.get(run);
      if (root === undefined) {
        const stage = dockerfile.stageOf.get(run.instruction);
        asRoot.set(run, (root = stage !== undefined && runsAsRoot(stage, run.instruction.startLine)));
      }
      return root;
    };
    for (const { run, command: cmd } of commandsWrappedBy(dockerfile, src, 'sudo')) {
      const head = commandHead(cmd);
      for (const sudo of head.wrappers.filter((w) => w.name === 'sudo')) {
        const word = cmd.words[sudo.index];
        const next = cmd.words[sudo.next];
        const removable = runsAsRootIn(run) && head.command && next && sudo.options.every(keepsRootSemantics);
        report({ messageId: 'sudo', range: run.rangeOf(word.start, word.end), ...(removable ? { fix: [remove(run.rangeOf(word.start, next.start))] } : {}) });
      }
    }
  },
});
