import { defineRule } from '../../rule';
import { remove, removeLines } from '../../edits/text';
import { commandsNamed, instructionsOf } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';
import type { TextEdit } from '../../model';

const INSTALLERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'tdnf']);
/** Packages that are only a server; Alpine's `openssh` bundles client and server and is mostly wanted for git. */
const SSH_SERVER_PACKAGES = /^(openssh-server|dropbear)(=.*)?$/;

export default defineRule({
  meta: {
    id: 'DF011',
    name: 'no-ssh-server',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'SSH server in the image',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      "An SSH daemon in a container is a second, long-lived way in: another service to patch, host keys baked into the image and shared by every container, and credentials to manage. Port 22 exposed invites scanning. Containers are entered with `docker exec` or `kubectl exec`, which go through the runtime's own access control.",
    remediation: 'Remove the SSH server and `EXPOSE 22`; use `docker exec` / `kubectl exec` (or `kubectl debug`) for access, and a bastion outside the workload when real SSH is required.',
    references: [
      { standard: 'cis-docker', section: '5.7', title: 'Ensure privileged ports are not mapped within containers' },
      { standard: 'cwe', id: 1327 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_DOCKER_1' },
      { tool: 'trivy', id: 'AVD-DS-0004' },
    ],
    messages: {
      sshPort: 'EXPOSE {{port}} advertises SSH from the container.',
      sshServer: 'The image installs the SSH server {{package}}.',
    },
    fix: { applicability: 'safe', title: 'Remove port 22 from EXPOSE' },
    examples: { bad: 'FROM debian:12\nEXPOSE 22 8080\nUSER 10001\n', good: 'FROM debian:12\nEXPOSE 8080\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const ins of instructionsOf(dockerfile, ['EXPOSE'])) {
      if (ins.keyword !== 'EXPOSE') continue;
      const args = ins.arguments;
      args.forEach((arg, i) => {
        const port = arg.value;
        if (!/^22(\/tcp)?$/i.test(port)) return;
        // EXPOSE only documents ports: dropping 22 changes nothing at run time.
        let fix: TextEdit;
        if (args.length === 1) {
          fix = removeLines(src, ins.startLine, ins.endLine);
        } else if (i > 0) fix = remove({ start: args[i - 1].range.end, end: arg.range.end });
        else fix = remove({ start: arg.range.start, end: args[1].range.start });
        report({ messageId: 'sshPort', data: { port }, range: arg.range, fix: [fix] });
      });
    }
    const installs = commandsNamed(dockerfile, src, INSTALLERS);
    for (let c = 0; c < installs.length; c++) {
      const { run, command: cmd } = installs[c];
      for (let w = commandName(cmd)!.index + 1; w < cmd.words.length; w++) {
        const word = cmd.words[w];
        if (SSH_SERVER_PACKAGES.test(word.value)) report({ messageId: 'sshServer', data: { package: word.value.replace(/=.*/, '') }, range: run.rangeOf(word.start, word.end) });
      }
    }
  },
});
