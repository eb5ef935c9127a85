import { defineRule } from '../../rule';
import { containerImages } from './containerImages';
import { LIFECYCLE_META } from '../../policy/imageLifecycle';
import { reportImageLifecycle } from '../imageLifecycleReport';

export default defineRule({
  meta: {
    id: 'K8S070',
    name: 'no-eol-image',
    appliesTo: 'kubernetes',
    scope: 'document',
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
    for (const { image, range } of containerImages(k8s)) reportImageLifecycle(report, options, image, range, { written: JSON.stringify });
  },
});
