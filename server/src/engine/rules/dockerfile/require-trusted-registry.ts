import { defineRule } from '../../rule';
import { externalImages } from '../../parse/dockerfile';
import { isTrustedRegistry, parseImageRef, registryHost, TRUSTED_REGISTRY_META } from '../../policy/images';

export default defineRule({
  meta: {
    id: 'DF008',
    name: 'require-trusted-registry',
    appliesTo: 'dockerfile',
    scope: 'instructionAndDeclarations',
    title: 'Image from an untrusted registry',
    ...TRUSTED_REGISTRY_META,
    references: [
      { standard: 'cis-docker', section: '4.2', title: 'Ensure that containers use only trusted base images' },
      { standard: 'cwe', id: 829 },
    ],
    aliases: [{ tool: 'hadolint', id: 'DL3026' }],
    messages: { untrusted: TRUSTED_REGISTRY_META.message },
    examples: { trustedRegistries: ['registry.example.com'], bad: 'FROM docker.io/library/alpine:3.20\nUSER 10001\n', good: 'FROM registry.example.com/mirror/alpine:3.20\nUSER 10001\n' },
    since: '0.1.0',
    related: ['DC006', 'K8S006'],
  },
  check({ dockerfile, options, report }) {
    if (options.trustedRegistries.length === 0) return;
    for (const { image, range } of externalImages(dockerfile)) {
      const ref = parseImageRef(image);
      if (ref && !isTrustedRegistry(ref, options.trustedRegistries)) report({ messageId: 'untrusted', data: { image, registry: registryHost(ref) }, range });
    }
  },
});
