import { defineRule } from '../../rule';
import { isTrustedRegistry, registryHost, TRUSTED_REGISTRY_META } from '../../policy/images';
import { containerImages } from './containerImages';

export default defineRule({
  meta: {
    id: 'K8S006',
    name: 'require-trusted-registry',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Image from an untrusted registry',
    ...TRUSTED_REGISTRY_META,
    references: [{ standard: 'cwe', id: 829 }],
    aliases: [{ tool: 'trivy', id: 'AVD-KSV-0125' }],
    messages: { untrusted: TRUSTED_REGISTRY_META.message },
    examples: {
      trustedRegistries: ['registry.example.com'],
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/mirror/nginx:1.27\n',
    },
    since: '0.1.0',
    related: ['DF008', 'DC006'],
  },
  check({ k8s, options, report }) {
    if (options.trustedRegistries.length === 0) return;
    for (const { image, ref, range } of containerImages(k8s)) {
      if (!isTrustedRegistry(ref, options.trustedRegistries)) report({ messageId: 'untrusted', data: { image, registry: registryHost(ref) }, range });
    }
  },
});
