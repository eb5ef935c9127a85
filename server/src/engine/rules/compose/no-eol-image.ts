import { defineRule } from '../../rule';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { LIFECYCLE_META } from '../../policy/imageLifecycle';
import { endsLife, reportImageLifecycle } from '../imageLifecycleReport';

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
    const settings = serviceSettings(compose, 'image');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const image = doc.scalar(pair.value);
      if (typeof image !== 'string' || doc.isTemplated(pair.value) || !endsLife(options, image)) continue;
      reportImageLifecycle(report, options, image, doc.rangeOf(pair.value), { written: JSON.stringify, related: describeSetting(setting).related });
    }
  },
});
