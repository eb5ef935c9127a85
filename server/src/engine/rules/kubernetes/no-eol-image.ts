import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { isScalar } from '../../parse/yaml';
import { parseImageRef } from '../../policy/images';
import { imageLifecycleFinding, LIFECYCLE_META, todayOf } from '../../policy/imageLifecycle';

export default defineRule({
  meta: {
    id: 'K8S070',
    name: 'no-eol-image',
    appliesTo: 'kubernetes',
    title: 'Container image past its end of life',
    ...LIFECYCLE_META,
    aliases: [],
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: node:14-alpine\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: node:22-alpine\n',
    },
    since: '0.3.0',
    related: ['DF040', 'DC027', 'K8S062'],
  },
  check({ k8s, options, report }) {
    const today = todayOf(options.today);
    for (const c of k8s.containers) {
      const doc = c.podSpec.object.doc;
      const node = doc.get(c.node, 'image');
      if (!isScalar(node) || typeof node.value !== 'string' || doc.isTemplated(node)) continue;
      const ref = parseImageRef(node.value);
      const found = ref && imageLifecycleFinding(node.value, ref, today);
      if (!found) continue;
      const range = doc.rangeOf(node);
      const { replacement } = found;
      report({
        messageId: found.messageId,
        data: { ...found.data, ...(replacement ? { replacement } : {}) },
        range,
        ...(found.messageId === 'nearEnd' ? { severity: 'info' as const } : {}),
        ...(replacement ? { fix: [replace(range, JSON.stringify(replacement))] } : {}),
      });
    }
  },
});
