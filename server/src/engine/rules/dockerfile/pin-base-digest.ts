import { defineRule } from '../../rule';
import { externalImages } from '../../parse/dockerfile';
import { mutableTag, parseImageRef } from '../../policy/images';

export default defineRule({
  meta: {
    id: 'DF030',
    name: 'pin-base-digest',
    appliesTo: 'dockerfile',
    scope: 'instructionAndDeclarations',
    title: 'Image pinned by tag but not by digest',
    severity: 'info',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'Tags are mutable: `node:22.11-alpine3.20` can be re-pushed with different content, by the maintainers or by anyone who gains push access. Only a digest (`@sha256:…`) names exactly the bytes that were reviewed and scanned.',
    remediation: 'Append the digest: `FROM node:22.11-alpine3.20@sha256:<digest>` (`docker buildx imagetools inspect <image>` prints it) and let a dependency bot keep tag and digest current.',
    references: [
      { standard: 'cis-docker', section: '4.5', title: 'Ensure Content trust for Docker is Enabled' },
      { standard: 'cwe', id: 1357 },
    ],
    aliases: [{ tool: 'semgrep', id: 'dockerfile-source-not-pinned' }],
    messages: {
      noDigest: 'Image "{{image}}" is pinned by tag only; its content can change under the same tag.',
      badDigest: 'Image "{{image}}" has a digest that is not sha256 and 64 hex digits, so it pins nothing.',
    },
    examples: {
      bad: 'FROM node:22.11-alpine3.20\nUSER 10001\n',
      good: 'FROM node:22.11-alpine3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF002'],
  },
  check({ dockerfile, report }) {
    for (const { image, range } of externalImages(dockerfile)) {
      const ref = parseImageRef(image);
      // Untagged and `latest` images are DF002's finding; this one is about the next step.
      // A digest that is not `sha256:` + 64 hex digits (`@v1`, `@sha256`) pins nothing.
      const pinned = ref?.digest && /^sha256:[0-9a-f]{64}$/.test(ref.digest);
      if (ref && !pinned && !(mutableTag(ref) && !ref.digest)) report({ messageId: ref.digest ? 'badDigest' : 'noDigest', data: { image }, range });
    }
  },
});
