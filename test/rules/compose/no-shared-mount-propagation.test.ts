import rule from '../../../server/src/engine/rules/compose/no-shared-mount-propagation';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  a:\n    volumes:\n      - /mnt:/mnt:rslave\n      - /srv:/srv:ro,z\n      - data:/data\n',
    { name: 'long syntax with private propagation', code: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind: {propagation: rprivate}\n' },
    { name: 'interpolated mode', code: 'services:\n  a:\n    volumes: ["/mnt:/mnt:${MOUNT_MODE:-rshared}"]\n' },
    { name: 'a directory named shared', code: 'services:\n  a:\n    volumes: [/srv/shared:/shared, ./rshared:/data:ro]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    volumes:\n      - «/mnt/data:/data:rshared»\n',
      errors: [{ messageId: 'sharedPropagation', data: { service: 'a', target: '/data', propagation: 'rshared' } }],
      output: 'services:\n  a:\n    volumes:\n      - /mnt/data:/data\n',
    },
    {
      name: 'other options are kept, quotes too',
      code: 'services:\n  a:\n    volumes: [«"/mnt:/mnt:ro,shared,z"»]\n',
      errors: [{ messageId: 'sharedPropagation', data: { propagation: 'shared' } }],
      output: 'services:\n  a:\n    volumes: ["/mnt:/mnt:ro,z"]\n',
    },
    {
      name: 'long syntax: the bind map goes when propagation is all it holds',
      code: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: «rshared»\n',
      errors: [{ messageId: 'sharedPropagation', data: { target: '/mnt', propagation: 'rshared' } }],
      output: 'services:\n  a:\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n',
    },
    {
      name: 'long syntax: only the option goes when bind holds more, flow style',
      code: 'services:\n  a:\n    volumes:\n      - {type: bind, source: /mnt, target: /mnt, bind: {create_host_path: true, propagation: «shared»}}\n',
      errors: [{ messageId: 'sharedPropagation' }],
      output: 'services:\n  a:\n    volumes:\n      - {type: bind, source: /mnt, target: /mnt, bind: {create_host_path: true}}\n',
    },
    {
      name: 'anchor, CRLF: once where written',
      code: 'x-m: &m\r\n  volumes:\r\n    - «/mnt:/mnt:rshared»\r\nservices:\r\n  a:\r\n    <<: *m\r\n  b:\r\n    <<: *m\r\n',
      errors: [{ messageId: 'sharedPropagation', data: { service: 'a", "b' } }],
      output: 'x-m: &m\r\n  volumes:\r\n    - /mnt:/mnt\r\nservices:\r\n  a:\r\n    <<: *m\r\n  b:\r\n    <<: *m\r\n',
    },
    {
      name: 'extends: on the base',
      code: 'services:\n  base:\n    volumes: [«/mnt:/mnt:shared»]\n  app:\n    extends: base\n    profiles: [x]\n',
      errors: [{ messageId: 'sharedPropagation', data: { service: 'base' } }],
      output: 'services:\n  base:\n    volumes: [/mnt:/mnt]\n  app:\n    extends: base\n    profiles: [x]\n',
    },
  ],
});
