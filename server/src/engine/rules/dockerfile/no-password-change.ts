import { defineRule } from '../../rule';
import { commandsNamed } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';

const PASSWORD_TOOLS = new Set(['chpasswd', 'passwd', 'chgpasswd']);

export default defineRule({
  meta: {
    id: 'DF014',
    name: 'no-password-change',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Account password set in the image',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'least-privilege',
    rationale:
      'A password set with `chpasswd` or `passwd` during the build is the same in every container, sits in the image history in clear text (`echo "root:secret" | chpasswd`) and gives anyone who reaches a login prompt or `su` a known credential. `passwd -d` leaves an account with no password at all.',
    remediation: 'Do not give accounts passwords in images: run as a locked, non-root user (`useradd --system`), and use `docker exec`/`kubectl exec` for access.',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 521 },
    ],
    aliases: [{ tool: 'checkov', id: 'CKV2_DOCKER_17' }],
    messages: { passwordSet: '{{command}} sets or clears an account password in the image.' },
    examples: { bad: 'FROM debian:12\nRUN echo "root:secret" | chpasswd\nUSER 10001\n', good: 'FROM debian:12\nRUN useradd --system --uid 10001 app\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    for (const { run, command: cmd } of commandsNamed(dockerfile, src, PASSWORD_TOOLS)) {
      const name = commandName(cmd)!;
      // `passwd -l` locks an account: that is hardening, not a password.
      const args = cmd.words.slice(name.index + 1).map((w) => w.value);
      if (name.name === 'passwd' && args.some((a) => a === '-l' || a === '--lock' || a === '-S' || a === '--status')) continue;
      const word = cmd.words[name.index];
      report({ messageId: 'passwordSet', data: { command: name.name }, range: run.rangeOf(word.start, word.end) });
    }
  },
});
