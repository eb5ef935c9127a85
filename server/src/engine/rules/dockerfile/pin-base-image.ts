import { defineRule } from '../../rule';
import { mutableTag, parseImageRef } from '../../policy/images';
import { externalImages } from '../../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'DF002',
    name: 'pin-base-image',
    appliesTo: 'dockerfile',
    scope: 'instructionAndDeclarations',
    title: 'Base image is not pinned',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'An image without a tag, or tagged `latest`, is whatever the registry serves at build time. A compromised or simply new upstream image then lands in your build unreviewed, and two builds of the same commit can ship different code.',
    remediation:
      'Pin a specific version tag, and for full reproducibility the digest too: `FROM node:22.11-alpine3.20@sha256:<digest>`. Let a dependency bot (Renovate, Dependabot) move the pin with a reviewed pull request.',
    references: [
      { standard: 'cis-docker', section: '4.2', title: 'Ensure that containers use only trusted base images' },
      { standard: 'cwe', id: 1357 },
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3006' },
      { tool: 'hadolint', id: 'DL3007' },
      { tool: 'checkov', id: 'CKV_DOCKER_7' },
      { tool: 'trivy', id: 'AVD-DS-0001' },
      { tool: 'semgrep', id: 'avoid-latest-version' },
      { tool: 'semgrep', id: 'missing-image-version' },
    ],
    messages: {
      untagged: 'Image "{{image}}" has no tag or digest, so the build takes whatever is current.',
      latest: 'Image "{{image}}" uses the mutable "latest" tag.',
    },
    examples: { bad: 'FROM node:latest\nUSER 10001\n', good: 'FROM node:22.11-alpine3.20\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, report }) {
    for (const { image, range } of externalImages(dockerfile)) {
      const ref = parseImageRef(image);
      const problem = ref && mutableTag(ref); // no ref: an unresolved variable, its value unknown here
      if (problem) report({ messageId: problem, data: { image }, range });
    }
  },
});
