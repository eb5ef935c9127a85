import rule from '../../../server/src/engine/rules/compose/require-restart-limit';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  a:\n    restart: on-failure:5\n  b:\n    restart: "no"\n  c:\n    restart: on-failure:1\n  d:\n    image: x\n',
    { name: 'interpolation defaulting to always', code: 'services:\n  a:\n    restart: ${RESTART_POLICY:-always}\n' },
    {
      name: 'deploy restart policy with a bound, or none',
      code: 'services:\n  a:\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 3\n  b:\n    deploy: {restart_policy: {condition: none}}\n',
    },
    { name: 'profiles, include', code: 'include: [x.yaml]\nservices:\n  a:\n    profiles: [ops]\n    restart: on-failure:2\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: x\n    restart: «always»\n',
      errors: [{ messageId: 'restartsForever', data: { service: 'web', policy: 'always' } }],
      output: 'services:\n  web:\n    image: x\n    restart: on-failure:5\n',
    },
    {
      name: 'quoted unless-stopped keeps its quotes; on-failure without a count',
      code: 'services:\n  a:\n    restart: «"unless-stopped"»\n  b:\n    restart: «on-failure»\n',
      errors: [
        { messageId: 'restartsForever', data: { service: 'a' } },
        { messageId: 'restartsForever', data: { service: 'b', policy: 'on-failure' } },
      ],
      output: 'services:\n  a:\n    restart: "on-failure:5"\n  b:\n    restart: on-failure:5\n',
    },
    {
      name: 'too many retries, flow style, CRLF',
      code: 'services:\r\n  a: {image: x, restart: «on-failure:10»}\r\n',
      errors: [{ messageId: 'tooManyRetries', data: { service: 'a', attempts: '10' } }],
      output: 'services:\r\n  a: {image: x, restart: on-failure:5}\r\n',
    },
    {
      name: 'anchor: once where written',
      code: 'x-defaults: &defaults\n  restart: «always»\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n',
      errors: [{ messageId: 'restartsForever', data: { service: 'a", "b' } }],
      output: 'x-defaults: &defaults\n  restart: on-failure:5\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n',
    },
    {
      name: 'deploy restart policy without max_attempts gets one',
      code: 'services:\n  a:\n    deploy:\n      «restart_policy»:\n        condition: on-failure\n',
      errors: [{ messageId: 'restartsForever', data: { service: 'a', policy: 'restart_policy condition on-failure' } }],
      output: 'services:\n  a:\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 5\n',
    },
    {
      name: 'deploy restart policy with too many attempts, flow style',
      code: 'services:\n  a:\n    deploy: {restart_policy: {condition: any, max_attempts: «20»}}\n',
      errors: [{ messageId: 'tooManyRetries', data: { attempts: '20' } }],
      output: 'services:\n  a:\n    deploy: {restart_policy: {condition: any, max_attempts: 5}}\n',
    },
    {
      name: 'extends: on the base',
      code: 'services:\n  base:\n    restart: «always»\n  app:\n    extends: base\n',
      errors: [{ messageId: 'restartsForever', data: { service: 'base' } }],
      output: 'services:\n  base:\n    restart: on-failure:5\n  app:\n    extends: base\n',
    },
  ],
});
