import { defineRule } from '../../rule';
import { commandsNamed } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';

/** `u+s`, `g+s`, `+s`, `a+s`, `ug+rs`…, or a 4-digit mode whose first digit sets setuid (4) or setgid (2). */
const SETID_MODE = /^([ugoa]*\+[rwxXt]*s[rwxXt]*)(,.*)?$|^[246]\d{3}$/;

export default defineRule({
  meta: {
    id: 'DF015',
    name: 'no-setuid-bits',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'setuid or setgid bit set',
    severity: 'info',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "A setuid or setgid binary runs with its owner's privileges whoever starts it. In a container whose user is non-root, each one is a way back to root for a compromised process, and the first step of many escapes.",
    remediation:
      'Do not add setuid/setgid bits; grant the one capability the program needs instead. To strip the ones the base image ships: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`. In Kubernetes, `allowPrivilegeEscalation: false` neutralizes them.',
    references: [
      { standard: 'cis-docker', section: '4.8', title: 'Ensure setuid and setgid permissions are removed' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    fix: { applicability: 'display-only', title: 'Strip setuid/setgid bits: RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true' },
    messages: { setid: "chmod {{mode}} makes a file run with its owner's privileges." },
    examples: { bad: 'FROM debian:12\nRUN chmod u+s /usr/local/bin/tool\nUSER 10001\n', good: 'FROM debian:12\nRUN chmod 0755 /usr/local/bin/tool\nUSER 10001\n' },
    since: '0.1.0',
    related: ['K8S002'],
  },
  check({ dockerfile, src, report }) {
    for (const { run, command: cmd } of commandsNamed(dockerfile, src, ['chmod'])) {
      // The mode is the first word that is not one of chmod's own options (-R, -v, --recursive …).
      const mode = cmd.words.slice(commandName(cmd)!.index + 1).find((w) => !/^-[Rcfv]+$/.test(w.value) && !w.value.startsWith('--'));
      if (mode && SETID_MODE.test(mode.value)) report({ messageId: 'setid', data: { mode: mode.value }, range: run.rangeOf(mode.start, mode.end), fix: [] });
    }
  },
});
