import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { yamlSet } from '../../edits/yaml';
import { hostPathVolumes } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';
import { isRuntimeSocket } from '../../policy/hostPaths';

export default defineRule({
  meta: {
    id: 'K8S010',
    name: 'read-only-host-path',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'hostPath volume mounted writable',
    severity: 'warning',
    threat: 'vulnerable-host',
    principle: 'least-privilege',
    rationale:
      "A writable mount of a node directory lets a compromised container plant files the node or other pods later read or execute (cron entries, kubelet plugins, log parsers), fill the node's disk, or swap files for symlinks. Most agents that mount host paths only need to read them.",
    remediation: 'Add `readOnly: true` to the volumeMount. If the process must write, give it an `emptyDir` or a PersistentVolumeClaim instead of a host directory.',
    references: [
      { standard: 'cis-docker', section: '5.12', title: "Ensure that the container's root filesystem is mounted as read only" },
      { standard: 'cwe', id: 732 },
    ],
    aliases: [{ tool: 'kube-linter', id: 'writable-host-mount' }],
    messages: { writable: 'Container "{{container}}" mounts hostPath volume "{{volume}}" writable.' },
    fix: { applicability: 'unsafe', title: 'Mount the hostPath volume read-only', review: 'the container can no longer write to this host path' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n    - name: agent\n      image: example/agent:1.4\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log/host\n  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n    - name: agent\n      image: example/agent:1.4\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log/host\n          readOnly: true\n  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n',
    },
    since: '0.2.0',
    related: ['K8S005', 'K8S009'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const volumes = hostPathVolumes(c.podSpec);
      if (volumes.size === 0) continue;
      for (const mount of doc.items(doc.get(c.node, 'volumeMounts'))) {
        const name = doc.scalar(mount, 'name');
        const volume = typeof name === 'string' ? volumes.get(name) : undefined;
        if (!volume) continue;
        // A socket is written by connecting to it, which readOnly does not stop: K8S005 reports those.
        const path = isScalar(volume.pathNode) ? volume.pathNode.value : undefined;
        if (typeof path === 'string' && isRuntimeSocket(path)) continue;
        const readOnly = doc.get(mount, 'readOnly');
        const value = isScalar(readOnly) ? readOnly.value : undefined;
        if (value === true || (readOnly && doc.isTemplated(readOnly))) continue;
        const edit = () => (readOnly && isScalar(readOnly) && value !== null ? replace(doc.rangeOf(readOnly), 'true') : yamlSet(doc, mount, ['readOnly'], true, ['mountPath', 'name']));
        report({ messageId: 'writable', data: { container: c.name, volume: String(name) }, range: doc.rangeOf(doc.get(mount, 'name') ?? mount), fix: () => [edit()] });
      }
    }
  },
});
