import { defineRule } from '../../rule';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { isTrustedRegistry, parseImageRef, registryHost, TRUSTED_REGISTRY_META } from '../../policy/images';

export default defineRule({
  meta: {
    id: 'DC006',
    name: 'require-trusted-registry',
    appliesTo: 'compose',
    title: 'Image from an untrusted registry',
    ...TRUSTED_REGISTRY_META,
    references: [
      { standard: 'cis-docker', section: '4.2', title: 'Ensure that containers use only trusted base images' },
      { standard: 'cwe', id: 829 },
    ],
    aliases: [],
    messages: { untrusted: TRUSTED_REGISTRY_META.message },
    examples: { trustedRegistries: ['registry.example.com'], bad: 'services:\n  web:\n    image: nginx:1.27\n', good: 'services:\n  web:\n    image: registry.example.com/mirror/nginx:1.27\n' },
    since: '0.1.0',
    related: ['DF008', 'K8S006'],
  },
  check({ compose, options, report }) {
    if (options.trustedRegistries.length === 0) return;
    for (const setting of serviceSettings(compose, 'image')) {
      const { doc, pair } = setting;
      const image = doc.scalar(pair.value);
      if (typeof image !== 'string' || doc.isTemplated(pair.value)) continue;
      const ref = parseImageRef(image);
      if (ref && !isTrustedRegistry(ref, options.trustedRegistries)) {
        report({ messageId: 'untrusted', data: { image, registry: registryHost(ref) }, range: doc.rangeOf(pair.value), related: describeSetting(setting).related });
      }
    }
  },
});
