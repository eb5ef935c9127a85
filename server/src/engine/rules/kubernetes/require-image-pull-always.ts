import { defineRule } from '../../rule';
import { yamlSet } from '../../edits/yaml';
import { CONTAINER_KEY_ORDER, isTemplatedPath } from '../../parse/kubernetes';
import { mutableTag, parseImageRef } from '../../policy/images';

export default defineRule({
  meta: {
    id: 'K8S064',
    name: 'require-image-pull-always',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Image pull policy is not Always',
    severity: 'info',
    enabledByDefault: false,
    threat: 'supply-chain',
    principle: 'segregation-of-duties',
    rationale:
      "With `IfNotPresent` or `Never`, a pod can start from an image already cached on the node without the registry checking its pull credentials, so on shared nodes one tenant can run another's private image, and a tag moved in the registry is not seen. Off by default: the `AlwaysPullImages` admission plugin enforces this cluster-wide, and digests make it moot.",
    remediation: 'Set `imagePullPolicy: Always` (the registry is only asked for the manifest when the image is cached), or enable the `AlwaysPullImages` admission plugin.',
    references: [
      { standard: 'url', title: 'CIS Kubernetes Benchmark 1.2.11: Ensure that the admission control plugin AlwaysPullImages is set', href: 'https://www.cisecurity.org/benchmark/kubernetes' },
      { standard: 'cwe', id: 284 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_15' },
      { tool: 'polaris', id: 'pullPolicyNotAlways' },
    ],
    messages: { notAlways: 'Container "{{container}}" may start from a cached image without the registry checking access (imagePullPolicy: {{policy}}).' },
    fix: { applicability: 'safe', title: 'Set imagePullPolicy: Always' },
    absent: ['notAlways'],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: IfNotPresent\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: Always\n',
    },
    since: '0.2.0',
    related: ['K8S062'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      if (isTemplatedPath(doc, c.node, 'imagePullPolicy')) continue;
      const node = doc.get(c.node, 'imagePullPolicy');
      const policy = doc.scalar(c.node, 'imagePullPolicy');
      if (policy === 'Always') continue;
      // Unset means Always for latest or untagged images without a digest.
      const ref = parseImageRef(String(doc.scalar(c.node, 'image') ?? ''));
      if (!node && ref && mutableTag(ref)) continue;
      report({
        messageId: 'notAlways',
        data: { container: c.name, policy: typeof policy === 'string' ? policy : 'unset' },
        range: doc.rangeOf(node ?? c.anchor),
        fix: () => [yamlSet(doc, c.node, ['imagePullPolicy'], 'Always', CONTAINER_KEY_ORDER)],
      });
    }
  },
});
