import { defineRule } from '../../rule';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { isMap, isScalar } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'DC014',
    name: 'no-host-devices',
    appliesTo: 'compose',
    title: 'Host device passed into the container',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'A host device in the container (`/dev/sda`, `/dev/mem`, `/dev/kmsg`, `/dev/fuse`) bypasses the isolation the container gives: raw disks can be read or rewritten, memory and kernel devices expose the host directly.',
    remediation: 'Remove the device, or pass only the one device node the workload needs with the narrowest permissions (`/dev/ttyUSB0:/dev/ttyUSB0:r`), and document why.',
    references: [
      { standard: 'cis-docker', section: '5.18', title: 'Ensure that host devices are not directly exposed to containers' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [],
    messages: { device: 'Service "{{service}}" passes the host device {{device}} into the container.' },
    examples: { bad: 'services:\n  disk:\n    image: x:1\n    devices: ["/dev/sda:/dev/sda"]\n', good: 'services:\n  disk:\n    image: x:1\n' },
    since: '0.1.0',
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'devices')) {
      const { doc, pair } = setting;
      const { service, related } = describeSetting(setting);
      for (const item of doc.items(pair.value)) {
        // Short form `src:dst[:perms]` is reported whole; long form on its `source` value.
        const at = isMap(item) ? doc.get(item, 'source') : item;
        const device = isScalar(item) ? String(item.value).split(':')[0] : isMap(item) ? String(doc.scalar(item, 'source') ?? '') : '';
        if (at && device.startsWith('/dev/')) report({ messageId: 'device', data: { service, device }, range: doc.rangeOf(at), related });
      }
    }
  },
});
