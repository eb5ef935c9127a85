import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, containerSecurity, isTemplatedPath, isWindowsPod } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';

export default defineRule({
  meta: {
    id: 'K8S022',
    name: 'read-only-root-filesystem',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container root filesystem is writable',
    severity: 'warning',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      "A writable root filesystem lets an attacker who gets code execution drop tools, modify the application's code or configuration and persist for the container's lifetime. With `readOnlyRootFilesystem: true` the image stays as built and writes go only where volumes allow them.",
    remediation:
      'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the process must write (`/tmp`, caches, pid files). Windows containers do not support it and are skipped.',
    references: [
      { standard: 'cis-docker', section: '5.12', title: "Ensure that the container's root filesystem is mounted as read only" },
      { standard: 'cwe', id: 732 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'no-read-only-root-fs' },
      { tool: 'kubesec', id: 'ReadOnlyRootFilesystem' },
      { tool: 'checkov', id: 'CKV_K8S_22' },
      { tool: 'trivy', id: 'AVD-KSV-0014' },
      { tool: 'polaris', id: 'notReadOnlyRootFilesystem' },
      { tool: 'semgrep', id: 'writable-filesystem-container' },
    ],
    messages: {
      writable: 'Container "{{container}}" sets readOnlyRootFilesystem: false.',
      notSet: 'Container "{{container}}" has a writable root filesystem: set readOnlyRootFilesystem: true.',
    },
    fix: { applicability: 'unsafe', title: 'Make the root filesystem read-only', review: 'the container can write only to its volumes; mount an emptyDir wherever it writes' },
    absent: ['notSet'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n',
    },
    since: '0.2.0',
    related: ['K8S026', 'DC012'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      if (isWindowsPod(c.podSpec)) continue;
      const doc = c.podSpec.object.doc;
      const node = containerSecurity(c, 'readOnlyRootFilesystem');
      const value = isScalar(node) ? node.value : undefined;
      const unset = node === undefined || value === null;
      if (value === true || (unset ? isTemplatedPath(doc, c.node, 'securityContext', 'readOnlyRootFilesystem') : doc.isTemplated(node))) continue;
      report({
        messageId: unset ? 'notSet' : 'writable',
        data: { container: c.name },
        range: doc.rangeOf(unset ? c.anchor : node),
        fix: () => [unset ? yamlSet(doc, c.node, ['securityContext', 'readOnlyRootFilesystem'], true, CONTAINER_KEY_ORDER) : replace(doc.rangeOf(node), 'true')],
      });
    }
  },
});
