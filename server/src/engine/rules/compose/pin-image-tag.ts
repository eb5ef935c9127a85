import { defineRule } from '../../rule';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { parseImageRef } from '../../policy/images';

/** Tags that name a moving target rather than a release. */
const MOVING_TAGS = /^(latest|stable|edge|dev|develop|nightly|beta|canary|test|main|master)$/i;

export default defineRule({
  meta: {
    id: 'DC013',
    name: 'pin-image-tag',
    appliesTo: 'compose',
    title: 'Service image is not pinned',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'An image without a tag, or with a moving tag such as `latest`, `stable` or `nightly`, is whatever the registry serves when the stack is pulled: a compromised or broken upstream release reaches every host that runs `docker compose pull`, and two hosts can run different code.',
    remediation: 'Pin a release tag, and the digest for full reproducibility: `image: postgres:16.4@sha256:<digest>`. Let a dependency bot move the pin.',
    references: [{ standard: 'cwe', id: 1357 }],
    aliases: [],
    messages: {
      untagged: 'Service "{{service}}" uses image "{{image}}" without a tag.',
      movingTag: 'Service "{{service}}" uses image "{{image}}" with the moving tag "{{tag}}".',
    },
    examples: { bad: 'services:\n  db:\n    image: postgres\n', good: 'services:\n  db:\n    image: postgres:16.4\n' },
    since: '0.1.0',
    related: ['DF002'],
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'image');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const image = doc.scalar(pair.value);
      if (typeof image !== 'string' || image.includes('$') || doc.isTemplated(pair.value)) continue;
      const ref = parseImageRef(image);
      // A release tag or a digest pins it: the common case, decided before looking for `build:`.
      if (!ref || ref.digest || (ref.tag && !MOVING_TAGS.test(ref.tag))) continue;
      // With `build:`, `image:` names what the build produces; nothing is pulled.
      if (setting.services.every((s) => s.doc.pair(s.node, 'build'))) continue;
      const { service, related } = describeSetting(setting);
      if (!ref.tag) report({ messageId: 'untagged', data: { service, image }, range: doc.rangeOf(pair.value), related });
      else report({ messageId: 'movingTag', data: { service, image, tag: ref.tag }, range: doc.rangeOf(pair.value), related });
    }
  },
});
