import { defineRule } from '../../rule';
import { externalImages } from '../../parse/dockerfile';
import { LIFECYCLE_META } from '../../policy/imageLifecycle';
import { reportImageLifecycle } from '../imageLifecycleReport';

export default defineRule({
  meta: {
    id: 'DF040',
    name: 'no-eol-image',
    appliesTo: 'dockerfile',
    scope: 'instructionAndDeclarations',
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
    for (const { image, range } of externalImages(dockerfile)) reportImageLifecycle(report, options, image, range);
  },
});
