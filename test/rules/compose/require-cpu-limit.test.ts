import rule from '../../../server/src/engine/rules/compose/require-cpu-limit';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    cpus: 0.5\n',
    { name: 'a relative weight counts', code: 'services:\n  web:\n    cpu_shares: 512\n' },
    { name: 'cpu_quota', code: 'services:\n  web:\n    cpu_quota: 50000\n' },
    { name: 'deploy limit', code: 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          cpus: "0.50"\n' },
    { name: 'merge-key anchor', code: 'x-base: &base\n  cpus: 2\nservices:\n  a:\n    <<: *base\n' },
    { name: 'interpolation', code: 'services:\n  web:\n    cpus: "${WEB_CPUS:-0}"\n' },
    { name: 'extends with the short syntax', code: 'services:\n  base:\n    cpus: 1\n  app:\n    extends: base\n' },
  ],
  invalid: [
    {
      code: 'services:\n  «web»:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'missing', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cpus: "1.0"\n',
    },
    {
      name: 'own deploy block',
      code: 'services:\n  «web»:\n    deploy: {replicas: 2}\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\n  web:\n    deploy: {replicas: 2, resources: {limits: {cpus: "1.0"}}}\n',
    },
    {
      name: 'a deploy block merged from an anchor is not edited: the service gets its own key',
      code: 'x-deploy: &deploy\n  deploy:\n    replicas: 2\nservices:\n  «a»:\n    <<: *deploy\n',
      errors: [{ messageId: 'missing' }],
      output: 'x-deploy: &deploy\n  deploy:\n    replicas: 2\nservices:\n  a:\n    <<: *deploy\n    cpus: "1.0"\n',
    },
    {
      name: 'cpus: 0 means no limit',
      code: 'services:\n  web:\n    cpus: «0»\n',
      errors: [{ messageId: 'unlimited', data: { service: 'web', key: 'cpus', value: '0' } }],
      output: 'services:\n  web:\n    cpus: "1.0"\n',
    },
    { name: 'cpu_quota -1 has no replacement to offer', code: 'services:\n  web:\n    cpu_quota: «-1»\n', errors: [{ messageId: 'unlimited', data: { key: 'cpu_quota' } }], output: null },
    {
      name: 'inherited through extends: reported on the base',
      code: 'services:\n  base:\n    cpus: «0»\n  app:\n    extends: {service: base}\n',
      errors: [{ messageId: 'unlimited', data: { service: 'base", "app', key: 'cpus', value: '0' } }],
      output: 'services:\n  base:\n    cpus: "1.0"\n  app:\n    extends: {service: base}\n',
    },
  ],
});
