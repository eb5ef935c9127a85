import { defineRule } from '../../rule';
import { podSecurityGate } from '../../policy/podSecurity';

/** Volume sources the restricted profile allows; hostPath is K8S005/K8S009's. */
const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret', 'hostPath']);

export default defineRule({
  meta: {
    id: 'K8S021',
    name: 'restricted-volume-types',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Volume type outside the restricted profile',
    severity: 'info',
    threat: 'vulnerable-host',
    principle: 'attack-surface',
    rationale:
      'In-tree network and block volume types (`nfs`, `iscsi`, `rbd`, `cephfs`, `glusterfs`, `gitRepo`, cloud disks, `flexVolume`, …) are mounted by the kubelet on the node with node-level credentials and drivers; several had host-compromise bugs (`gitRepo` ran git on the node as root, CVE-2018-11235). The restricted profile allows only ephemeral and API-backed sources plus PersistentVolumeClaims.',
    remediation:
      'Mount the storage through a PersistentVolumeClaim (bound to a PersistentVolume or a CSI driver) instead of declaring it inline; replace `gitRepo` with an init container that clones into an `emptyDir`.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Volume Types' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [{ tool: 'trivy', id: 'AVD-KSV-0028' }],
    messages: { volumeType: 'Volume "{{volume}}" uses the {{type}} source, which the restricted Pod Security Standard does not allow.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: shared\n      nfs:\n        server: nfs.example.com\n        path: /exports/web\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: shared\n      persistentVolumeClaim:\n        claimName: web-shared\n',
    },
    since: '0.2.0',
    related: ['K8S009'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'restrictedVolumes')) continue;
      const doc = podSpec.object.doc;
      for (const volume of doc.items(doc.get(podSpec.node, 'volumes'))) {
        for (const { key, pair } of doc.entries(volume)) {
          if (key === 'name' || ALLOWED.has(key)) continue;
          report({ messageId: 'volumeType', data: { volume: String(doc.scalar(volume, 'name') ?? ''), type: key }, range: doc.rangeOf(pair.key) });
        }
      }
    }
  },
});
