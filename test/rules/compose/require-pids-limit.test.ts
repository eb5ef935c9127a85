import rule from '../../../server/src/engine/rules/compose/require-pids-limit';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    pids_limit: 100\n',
    { name: 'deploy limit', code: 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          pids: 50\n' },
    { name: 'interpolation defaulting to -1', code: 'services:\n  web:\n    pids_limit: ${PIDS:--1}\n' },
    { name: 'anchor in an x- field', code: 'x-hardening: &hardening\n  pids_limit: 200\nservices:\n  a:\n    <<: *hardening\n    profiles: [tools]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  «web»:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'missing', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 200\n',
    },
    {
      name: '-1 is replaced',
      code: 'services:\n  web:\n    pids_limit: «-1»\n',
      errors: [{ messageId: 'unlimited', data: { service: 'web', key: 'pids_limit', value: '-1' } }],
      output: 'services:\n  web:\n    pids_limit: 200\n',
    },
    { name: 'quoted "-1", CRLF', code: 'services:\r\n  web:\r\n    pids_limit: «"-1"»\r\n', errors: [{ messageId: 'unlimited' }], output: 'services:\r\n  web:\r\n    pids_limit: 200\r\n' },
    {
      name: 'deploy pids: 0',
      code: 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          pids: «0»\n',
      errors: [{ messageId: 'unlimited', data: { key: 'deploy.resources.limits.pids' } }],
      output: 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          pids: 200\n',
    },
    {
      name: 'an own deploy block receives the limit',
      code: 'services:\n  «web»:\n    deploy:\n      resources:\n        limits: {memory: 1G}\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\n  web:\n    deploy:\n      resources:\n        limits: {memory: 1G, pids: 200}\n',
    },
    {
      name: 'a service-level -1 and no deploy limit, in an anchor shared with a service that sets its own',
      code: 'x-d: &d\n  pids_limit: «-1»\nservices:\n  a:\n    <<: *d\n  b:\n    <<: *d\n    pids_limit: 10\n',
      errors: [{ messageId: 'unlimited', data: { service: 'a' } }],
      output: 'x-d: &d\n  pids_limit: 200\nservices:\n  a:\n    <<: *d\n  b:\n    <<: *d\n    pids_limit: 10\n',
    },
  ],
});
