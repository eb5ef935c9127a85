import { defineRule } from '../../rule';
import { removeServiceListEntries } from '../../edits/compose';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { isScalar } from '../../parse/yaml';

/** security_opt entries that switch off a kernel confinement layer. */
const UNCONFINED: Array<{ re: RegExp; messageId: 'seccomp' | 'apparmor' | 'selinux' }> = [
  { re: /^seccomp[:=]unconfined$/i, messageId: 'seccomp' },
  { re: /^apparmor[:=]unconfined$/i, messageId: 'apparmor' },
  { re: /^label[:=]disable$/i, messageId: 'selinux' },
];

export default defineRule({
  meta: {
    id: 'DC008',
    name: 'no-unconfined-security-opt',
    appliesTo: 'compose',
    title: 'seccomp, AppArmor or SELinux confinement turned off',
    severity: 'error',
    threat: 'container-escape',
    principle: 'defence-in-depth',
    rationale:
      "Docker's default seccomp profile blocks about 44 dangerous system calls (`keyctl`, `unshare`, `bpf`, …), and AppArmor/SELinux confine file and mount access. `unconfined` or `label:disable` removes these layers, so a kernel bug reachable through a blocked call becomes a container escape.",
    remediation: 'Remove the entry. If one system call is missing, start from the default seccomp profile and allow only that call (`seccomp:./profile.json`).',
    references: [
      { standard: 'cis-docker', section: '5.22', title: 'Ensure the default seccomp profile is not Disabled' },
      { standard: 'cis-docker', section: '5.2', title: 'Ensure that, if applicable, an AppArmor Profile is enabled' },
      { standard: 'cis-docker', section: '5.3', title: 'Ensure that, if applicable, SELinux security options are set' },
      { standard: 'cwe', id: 693 },
    ],
    aliases: [
      { tool: 'semgrep', id: 'seccomp-confinement-disabled' },
      { tool: 'semgrep', id: 'selinux-separation-disabled' },
    ],
    messages: {
      seccomp: 'Service "{{service}}" runs without the seccomp profile.',
      apparmor: 'Service "{{service}}" runs without an AppArmor profile.',
      selinux: 'Service "{{service}}" turns off SELinux labelling.',
    },
    fix: { applicability: 'unsafe', title: 'Remove the unconfined security_opt entries', review: 'calls the default profile blocks now fail; write a custom profile if the service needs them' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["seccomp:unconfined"]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n',
    },
    since: '0.1.0',
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'security_opt');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const items = doc.items(pair.value);
      const bad = items.map((item) => ({ item, kind: isScalar(item) ? UNCONFINED.find((u) => u.re.test(String(item.value).trim())) : undefined })).filter((b) => b.kind);
      if (bad.length === 0) continue;
      // One edit for the whole list, shared by its findings.
      const fix = removeServiceListEntries(
        setting,
        bad.map((b) => b.item),
      );
      const { service, related } = describeSetting(setting);
      for (const { item, kind } of bad) report({ messageId: kind!.messageId, data: { service }, range: doc.rangeOf(item), fix, related });
    }
  },
});
