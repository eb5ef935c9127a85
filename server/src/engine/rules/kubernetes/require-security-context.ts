import { defineRule } from '../../rule';
import { yamlSet, type YamlValue } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, isTemplatedPath, isWindowsPod, podSpecKeyOrder, securityContextsOf } from '../../parse/kubernetes';
import { isScalar, type Node } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'K8S026',
    name: 'require-security-context',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'No securityContext',
    severity: 'info',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      "A pod or container without a `securityContext` runs with every runtime default: as the image's user (often root), with privilege escalation allowed, the default capability set, a writable root filesystem and, on most nodes, no seccomp filter. Each default is a separate finding; this one says the whole hardening layer is missing, at info level because those findings already carry the warnings; its fix inserts the whole hardened block at once.",
    remediation:
      'Add a hardened `securityContext`: at pod level `runAsNonRoot: true` and `seccompProfile: {type: RuntimeDefault}`; on each container `allowPrivilegeEscalation: false`, `readOnlyRootFilesystem: true` and `capabilities: {drop: ["ALL"]}`. The fix inserts that block; review the UID the image runs as and where it writes.',
    references: [
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root' },
      { standard: 'cwe', id: 1188 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_29' },
      { tool: 'checkov', id: 'CKV_K8S_30' },
      { tool: 'trivy', id: 'AVD-KSV-0118' },
    ],
    messages: {
      podMissing: 'The pod has no securityContext: it relies on runtime defaults (image user, no seccomp).',
      containerMissing: 'Container "{{container}}" has no securityContext: privilege escalation, default capabilities and a writable root filesystem stay on.',
    },
    fix: { applicability: 'unsafe', title: 'Insert a hardened securityContext', review: 'the container then runs non-root, read-only and without capabilities; check each suits the workload' },
    absent: ['podMissing', 'containerMissing'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    },
    since: '0.2.0',
    related: ['K8S002', 'K8S003', 'K8S004', 'K8S013', 'K8S022'],
  },
  check({ k8s, report }) {
    // `node`: the owner's securityContext (a container's is found once for all rules).
    const missing = (doc: (typeof k8s.podSpecs)[number]['object']['doc'], owner: unknown, node: Node | undefined): boolean => {
      return (node === undefined || (isScalar(node) && node.value === null)) && !isTemplatedPath(doc, owner, 'securityContext');
    };
    for (const podSpec of k8s.podSpecs) {
      const doc = podSpec.object.doc;
      const windows = isWindowsPod(podSpec);
      // Containers whose pod-level context is an Argo template's own do not use the pod spec's.
      const podMissing = missing(doc, podSpec.node, doc.get(podSpec.node, 'securityContext')) && (podSpec.containers.length === 0 || podSpec.containers.some((c) => c.podOwner === podSpec.node));
      if (podMissing) {
        const block: YamlValue = windows ? { runAsNonRoot: true } : { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
        report({ messageId: 'podMissing', range: doc.rangeOf(podSpec.key), fix: () => [yamlSet(doc, podSpec.node, ['securityContext'], block, podSpecKeyOrder(podSpec))] });
      }
      for (const c of podSpec.containers) {
        // Windows containers support none of the Linux container settings (the API server rejects them).
        if (windows || !missing(doc, c.node, securityContextsOf(c).container)) continue;
        const block: YamlValue = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
        report({ messageId: 'containerMissing', data: { container: c.name }, range: doc.rangeOf(c.anchor), fix: () => [yamlSet(doc, c.node, ['securityContext'], block, CONTAINER_KEY_ORDER)] });
      }
    }
  },
});
