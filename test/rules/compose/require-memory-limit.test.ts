import rule from '../../../server/src/engine/rules/compose/require-memory-limit';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n',
    { name: 'deploy limit, flow style', code: 'services:\n  web: {image: x, deploy: {resources: {limits: {memory: 256M}}}}\n' },
    { name: 'merge-key anchor in an x- field', code: 'x-limits: &limits\n  mem_limit: 1g\nservices:\n  a:\n    <<: *limits\n  b:\n    <<: *limits\n' },
    { name: 'interpolated limit, even one defaulting to 0', code: 'services:\n  web:\n    mem_limit: ${WEB_MEMORY:-0}\n' },
    {
      name: 'extends a base that sets the limit',
      code: 'services:\n  base:\n    image: x\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n  app:\n    extends:\n      service: base\n    deploy:\n      replicas: 2\n',
    },
    { name: 'extends a service in another file: unknown, not missing', code: 'services:\n  app:\n    extends: {file: common.yaml, service: web}\n' },
    { name: 'profiles and top-level include', code: 'include:\n  - other.yaml\nservices:\n  debug:\n    profiles: [debug]\n    image: x\n    mem_limit: 64m\n' },
  ],
  invalid: [
    {
      code: 'services:\n  «web»:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'missing', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: "512m"\n',
    },
    {
      name: 'a service with its own deploy block gets the deploy limit',
      code: 'services:\n  «web»:\n    image: x\n    deploy:\n      replicas: 2\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\n  web:\n    image: x\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: "512M"\n',
    },
    {
      name: 'deploy with reservations only: the limit joins resources',
      code: 'services:\n  «web»:\n    deploy:\n      resources:\n        reservations:\n          memory: 128M\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\n  web:\n    deploy:\n      resources:\n        reservations:\n          memory: 128M\n        limits:\n          memory: "512M"\n',
    },
    { name: 'flow-style service', code: 'services:\n  «web»: {image: x}\n', errors: [{ messageId: 'missing' }], output: 'services:\n  web: {image: x, mem_limit: "512m"}\n' },
    {
      name: 'CRLF',
      code: 'services:\r\n  «web»:\r\n    image: x\r\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\r\n  web:\r\n    image: x\r\n    mem_limit: "512m"\r\n',
    },
    {
      name: 'extends a base without a limit: both reported, each gets its own',
      code: 'services:\n  «base»:\n    image: x\n  «app»:\n    extends: base\n',
      errors: [
        { messageId: 'missing', data: { service: 'base' } },
        { messageId: 'missing', data: { service: 'app' } },
      ],
      output: 'services:\n  base:\n    image: x\n    mem_limit: "512m"\n  app:\n    extends: base\n    mem_limit: "512m"\n',
    },
    {
      name: 'a zero limit in an anchor: once where written, naming the services',
      code: 'x-defaults: &defaults\n  mem_limit: «0»\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n',
      errors: [{ messageId: 'unlimited', data: { service: 'a", "b', key: 'mem_limit', value: '0' } }],
      output: 'x-defaults: &defaults\n  mem_limit: "512m"\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n',
    },
    {
      name: 'a deploy limit of 0',
      code: 'services:\n  web:\n    deploy: {resources: {limits: {memory: «0»}}}\n',
      errors: [{ messageId: 'unlimited', data: { service: 'web', key: 'deploy.resources.limits.memory', value: '0' } }],
      output: 'services:\n  web:\n    deploy: {resources: {limits: {memory: "512M"}}}\n',
    },
  ],
});
