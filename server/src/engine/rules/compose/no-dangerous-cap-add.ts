import { defineRule } from '../../rule';
import { yamlReplacePair } from '../../edits/yaml';
import { dropAllCapabilities, removeServiceListEntries, removesWholeKey } from '../../edits/compose';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { isScalar } from '../../parse/yaml';
import { isEscalatingCapability, normalizeCapability } from '../../policy/capabilities';
import type { TextEdit } from '../../model';

export default defineRule({
  meta: {
    id: 'DC003',
    name: 'no-dangerous-cap-add',
    appliesTo: 'compose',
    title: 'Dangerous capability added',
    severity: 'error',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "Capabilities split root's power into pieces, and some pieces are most of it: `SYS_ADMIN` mounts filesystems and escapes through cgroups, `SYS_PTRACE` reads other processes' memory, `SYS_MODULE` loads kernel code, `NET_ADMIN` rewires the network, `DAC_READ_SEARCH` reads any file on a mounted host path. Each is a documented container-escape route. Adding back one of Docker's defaults (`CHOWN`, `DAC_OVERRIDE`, `SETUID`, …) after `cap_drop: [ALL]` grants nothing new and is not a finding.",
    remediation:
      'Remove the capability and drop every capability by default (`cap_drop: [ALL]`), adding back only harmless ones the service proves it needs (`NET_BIND_SERVICE` to bind ports below 1024).',
    references: [
      { standard: 'cis-docker', section: '5.4', title: 'Ensure that Linux kernel capabilities are restricted within containers' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    messages: { dangerousCap: 'Service "{{service}}" adds {{capability}}, a capability that allows escaping the container.' },
    fix: { applicability: 'unsafe', title: 'Remove the capability and drop all capabilities', review: 'the service loses the capability and the defaults; add back with cap_add only what it needs' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n',
    },
    since: '0.1.0',
    related: ['K8S004'],
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'cap_add');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const dangerous = doc.items(pair.value).filter((i) => isScalar(i) && isEscalatingCapability(String(i.value)));
      if (dangerous.length === 0) continue;
      const { service, related } = describeSetting(setting);
      const capabilities = dangerous.map((item) => normalizeCapability(String(doc.scalar(item))));
      // Every finding carries the same whole-service fix, so any one of them makes the service safe.
      // An aliased list (`cap_add: *caps`) may be shared: every service naming it gets its own cap_drop.
      const targets = setting.aliased ? [...new Set(setting.services.map((s) => s.node))] : [setting.map];
      const removedKey = removesWholeKey(setting, dangerous) ? 'cap_add' : undefined;
      const drops = targets.map((map) => dropAllCapabilities(doc, map, removedKey)).filter((e): e is TextEdit => e !== undefined);
      // A service left with nothing but the new cap_drop gets it in place of cap_add: removing its only
      // key writes `{}`, which an insertion beside it would break.
      const onlyKey = removedKey && !setting.aliased && drops.length === 1 && doc.entries(setting.map).length === 1;
      // Insertions first: one may sit where a removed line starts, and edits sort stably by start. The
      // drops are built here (the title says whether there is one), the rest when the fix is used.
      const fix = () => (onlyKey ? [yamlReplacePair(doc, setting.map, pair, 'cap_drop', ['ALL'])] : [...drops, ...removeServiceListEntries(setting, dangerous)]);
      const fixTitle = `Remove ${capabilities.join(', ')}${drops.length ? ' and drop all capabilities' : ''}`;
      dangerous.forEach((item, i) => report({ messageId: 'dangerousCap', data: { service, capability: capabilities[i] }, range: doc.rangeOf(item), fix, fixTitle, related }));
    }
  },
});
