import { defineRule } from '../../rule';
import { insertPair, yamlPrependOrAppendItem, yamlRemoveItems, yamlRemovePair } from '../../fixer';
import { describeSetting, serviceSettings, type ServiceSetting } from '../../parse/compose';
import { isScalar, isSeq, type Node } from '../../parse/yaml';
import { isDangerousCapability, normalizeCapability } from '../../policy/capabilities';
import type { TextEdit } from '../../model';

/** One edit set for the whole service: drop the dangerous entries, then drop every capability by default. */
function hardenCapabilities(setting: ServiceSetting, dangerous: Node[]): TextEdit[] {
  const { doc, pair, map } = setting;
  const edits: TextEdit[] = dangerous.length === doc.items(pair.value).length
    ? [yamlRemovePair(doc, map, pair)]
    : yamlRemoveItems(doc, pair.value as Node, dangerous);
  const drop = doc.get(map, 'cap_drop');
  const dropsAll = doc.items(drop).some((i) => isScalar(i) && normalizeCapability(String(i.value)) === 'ALL');
  if (!drop) edits.push(insertPair(doc, map, 'cap_drop', ['ALL']));
  else if (!dropsAll && isSeq(drop)) edits.push(yamlPrependOrAppendItem(doc, drop, 'ALL'));
  return edits;
}

export default defineRule({
  meta: {
    id: 'DC003', name: 'no-dangerous-cap-add', appliesTo: 'compose',
    title: 'Dangerous capability added', severity: 'error',
    threat: 'container-escape', principle: 'least-privilege',
    rationale: 'Capabilities split root\'s power into pieces, and some pieces are most of it: `SYS_ADMIN` mounts filesystems and escapes through cgroups, `SYS_PTRACE` reads other processes\' memory, `SYS_MODULE` loads kernel code, `NET_ADMIN` rewires the network, `DAC_READ_SEARCH` reads any file on a mounted host path. Each is a documented container-escape route.',
    remediation: 'Remove the capability and drop every capability by default (`cap_drop: [ALL]`), adding back only harmless ones the service proves it needs (`NET_BIND_SERVICE` to bind ports below 1024).',
    references: [
      { standard: 'cis-docker', section: '5.3', title: 'Ensure that Linux kernel capabilities are restricted within containers' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    messages: { dangerousCap: 'Service "{{service}}" adds {{capability}}, a capability that allows escaping the container.' },
    fix: { applicability: 'unsafe', title: 'Remove dangerous capabilities and drop ALL (review)' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n',
    },
    since: '0.1.0', related: ['K8S004'],
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'cap_add')) {
      const { doc, pair } = setting;
      const dangerous = doc.items(pair.value).filter((i) => isScalar(i) && isDangerousCapability(String(i.value)));
      if (dangerous.length === 0) continue;
      const { service, related } = describeSetting(setting);
      // Every finding carries the same whole-service fix, so any one of them makes the service safe.
      const fix = hardenCapabilities(setting, dangerous);
      for (const item of dangerous) {
        report({ messageId: 'dangerousCap', data: { service, capability: normalizeCapability(String((item as { value: unknown }).value)) }, range: doc.rangeOf(item), fix, related });
      }
    }
  },
});
