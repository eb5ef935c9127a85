import { defineRule } from '../../rule';
import { commandsNamed } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';

/** Interactive and system-administration commands that make no sense while building an image. */
const ADMIN_TOOLS = new Set(['ssh', 'vim', 'vi', 'nano', 'shutdown', 'reboot', 'service', 'systemctl', 'ps', 'top', 'htop', 'kill', 'killall', 'mount', 'umount', 'ifconfig', 'free']);

export default defineRule({
  meta: {
    id: 'DF034',
    name: 'no-admin-tools',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Interactive or admin command in RUN',
    severity: 'info',
    threat: 'image-misconfiguration',
    principle: 'attack-surface',
    rationale:
      'Commands like `ssh`, `vim`, `service`, `systemctl`, `mount` or `kill` do nothing useful in a build, and their presence usually means the image is treated as a virtual machine: services started, editors and remote shells installed, all extra surface for an intruder.',
    remediation: "Remove the command. Start the application as the container's main process (`CMD`), and do administration from outside with `docker exec` or `kubectl exec`.",
    references: [],
    aliases: [
      { tool: 'hadolint', id: 'DL3001' },
      { tool: 'semgrep', id: 'nonsensical-command' },
    ],
    messages: { adminTool: 'RUN uses {{command}}, which has no place in an image build.' },
    examples: { bad: 'FROM debian:12\nRUN service nginx start\nUSER 10001\n', good: 'FROM debian:12\nUSER 10001\nCMD ["nginx", "-g", "daemon off;"]\n' },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const { run, command: cmd } of commandsNamed(dockerfile, src, ADMIN_TOOLS)) {
      const name = commandName(cmd)!;
      const word = cmd.words[name.index];
      report({ messageId: 'adminTool', data: { command: name.name }, range: run.rangeOf(word.start, word.end) });
    }
  },
});
