import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { externalImages } from '../../parse/dockerfile';
import { parseImageRef } from '../../policy/images';
import { imageLifecycleFinding, LIFECYCLE_META, todayOf } from '../../policy/imageLifecycle';

export default defineRule({
  meta: {
    id: 'DF040',
    name: 'no-eol-image',
    appliesTo: 'dockerfile',
    title: 'Base image past its end of life',
    ...LIFECYCLE_META,
    aliases: [],
    examples: {
      bad: 'FROM python:3.7-slim\nUSER 10001\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
    since: '0.3.0',
    related: ['DC027', 'K8S070', 'DF002'],
  },
  check({ dockerfile, options, report }) {
    const today = todayOf(options.today);
    for (const { image, range } of externalImages(dockerfile)) {
      const ref = parseImageRef(image);
      const found = ref && imageLifecycleFinding(image, ref, today);
      if (!found) continue;
      const { replacement } = found;
      report({
        messageId: found.messageId,
        data: { ...found.data, ...(replacement ? { replacement } : {}) },
        range,
        ...(found.messageId === 'nearEnd' ? { severity: 'info' as const } : {}),
        ...(replacement ? { fix: [replace(range, replacement)] } : {}),
      });
    }
  },
});
