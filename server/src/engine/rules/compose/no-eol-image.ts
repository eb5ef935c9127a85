import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { parseImageRef } from '../../policy/images';
import { imageLifecycleFinding, LIFECYCLE_META, todayOf } from '../../policy/imageLifecycle';

export default defineRule({
  meta: {
    id: 'DC027',
    name: 'no-eol-image',
    appliesTo: 'compose',
    title: 'Service image past its end of life',
    ...LIFECYCLE_META,
    aliases: [],
    examples: {
      bad: 'services:\n  db:\n    image: postgres:11\n',
      good: 'services:\n  db:\n    image: postgres:17\n',
    },
    since: '0.3.0',
    related: ['DF040', 'K8S070', 'DC013'],
  },
  check({ compose, options, report }) {
    const today = todayOf(options.today);
    for (const setting of serviceSettings(compose, 'image')) {
      const { doc, pair } = setting;
      const image = doc.scalar(pair.value);
      if (typeof image !== 'string' || doc.isTemplated(pair.value)) continue;
      const ref = parseImageRef(image);
      const found = ref && imageLifecycleFinding(image, ref, today);
      if (!found) continue;
      const { related } = describeSetting(setting);
      const range = doc.rangeOf(pair.value);
      const { replacement } = found;
      report({
        messageId: found.messageId,
        data: { ...found.data, ...(replacement ? { replacement } : {}) },
        range,
        related,
        ...(found.messageId === 'nearEnd' ? { severity: 'info' as const } : {}),
        ...(replacement ? { fix: [replace(range, JSON.stringify(replacement))] } : {}),
      });
    }
  },
});
