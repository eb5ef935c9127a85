import rule from '../../../server/src/engine/rules/compose/no-custom-cgroup-parent';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: x\n',
    { name: 'empty or interpolated', code: 'services:\n  a:\n    cgroup_parent: ""\n  b:\n    cgroup_parent: ${CGROUP_PARENT:-system.slice}\n  c:\n    cgroup_parent:\n' },
    { name: 'an x- field named like the key', code: 'x-cgroup_parent: system.slice\nservices:\n  web:\n    profiles: [a]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: x\n    cgroup_parent: «system.slice»\n    restart: "no"\n',
      errors: [{ messageId: 'customParent', data: { service: 'web', parent: 'system.slice' } }],
      output: 'services:\n  web:\n    image: x\n    restart: "no"\n',
    },
    {
      name: 'flow style, CRLF',
      code: 'services:\r\n  web: {image: x, cgroup_parent: «"/docker-custom"»}\r\n',
      errors: [{ messageId: 'customParent', data: { parent: '/docker-custom' } }],
      output: 'services:\r\n  web: {image: x}\r\n',
    },
    {
      name: 'anchor: once, removed from the anchor',
      code: 'x-base: &base\n  cgroup_parent: «app.slice»\n  image: x\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n',
      errors: [{ messageId: 'customParent', data: { service: 'a", "b' } }],
      output: 'x-base: &base\n  image: x\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n',
    },
    {
      name: 'extends: on the base',
      code: 'services:\n  base:\n    cgroup_parent: «app.slice»\n    image: x\n  app:\n    extends: {service: base}\n',
      errors: [{ messageId: 'customParent', data: { service: 'base' } }],
      output: 'services:\n  base:\n    image: x\n  app:\n    extends: {service: base}\n',
    },
  ],
});
