import { defineRule } from '../../rule';
import { hostPathRisk } from '../../policy/hostPaths';
import { podSecurityGate } from '../../policy/podSecurity';
import { hostPathSources } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'K8S009',
    name: 'no-host-path',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Pod mounts a hostPath volume',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "A `hostPath` volume reaches through the container boundary into the node's filesystem: data written there outlives the pod and is seen by other pods, symlinks and sub-paths have led to container escapes (CVE-2021-25741), and the pod is tied to what happens to exist on one node. System paths and runtime sockets are reported as errors by K8S005; this rule reports every other hostPath.",
    remediation:
      'Use `emptyDir` for scratch space, a PersistentVolumeClaim for data, or a ConfigMap/Secret/projected volume for configuration. Node agents that need host files belong in a dedicated namespace allowed to use them; mount them `readOnly: true`.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'HostPath Volumes' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'trivy', id: 'AVD-KSV-0023' },
      { tool: 'polaris', id: 'hostPathSet' },
    ],
    messages: { hostPath: 'Volume "{{volume}}" mounts the node directory {{path}} (hostPath).' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: data\n      hostPath:\n        path: /data/web\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: web-data\n',
    },
    since: '0.2.0',
    related: ['K8S005', 'K8S010', 'K8S021'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const source of hostPathSources(k8s)) {
      // A PersistentVolume is no pod: no namespace's Pod Security level exempts it.
      if (source.podSpec && !gate.applies(source.object, 'hostPathVolumes')) continue;
      const doc = source.object.doc;
      const { hostPath: pair, pathNode } = source;
      const path = isScalar(pathNode) ? pathNode.value : undefined;
      // K8S005 reports system paths and runtime sockets as errors: one finding per volume.
      if (typeof path === 'string' && pathNode && !doc.isTemplated(pathNode) && hostPathRisk(path)) continue;
      report({
        messageId: 'hostPath',
        data: { volume: source.name, path: typeof path === 'string' && !doc.isTemplated(pathNode) ? path : '(templated)' },
        range: doc.rangeOf(pathNode ?? pair.key),
      });
    }
  },
});
