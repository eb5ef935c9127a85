import { defineRule } from '../../rule';
import { isTrustedRegistry, parseImageRef, registryHost, TRUSTED_REGISTRY_META } from '../../policy/images';

export default defineRule({
  meta: {
    id: 'K8S006', name: 'require-trusted-registry', appliesTo: 'kubernetes',
    title: 'Image from an untrusted registry', ...TRUSTED_REGISTRY_META,
    references: [{ standard: 'cwe', id: 829 }],
    aliases: [{ tool: 'trivy', id: 'AVD-KSV-0125' }],
    messages: { untrusted: TRUSTED_REGISTRY_META.message },
    examples: {
      trustedRegistries: ['registry.example.com'],
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/mirror/nginx:1.27\n',
    },
    since: '0.1.0', related: ['DF008', 'DC006'],
  },
  check({ k8s, options, report }) {
    if (options.trustedRegistries.length === 0) return;
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const node = doc.get(c.node, 'image');
      const image = doc.scalar(c.node, 'image');
      if (typeof image !== 'string' || !node || doc.isTemplated(node)) continue;
      const ref = parseImageRef(image);
      if (ref && !isTrustedRegistry(ref, options.trustedRegistries)) report({ messageId: 'untrusted', data: { image, registry: registryHost(ref) }, range: doc.rangeOf(node) });
    }
  },
});
