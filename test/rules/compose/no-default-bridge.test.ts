import rule from '../../../server/src/engine/rules/compose/no-default-bridge';
import { dedent, ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    dedent`
      services:
        web:
          image: x
    `,
    { name: 'dedicated networks', code: 'services:\n  web:\n    networks: [front]\n  db:\n    networks: [back]\nnetworks:\n  front: {}\n  back: {internal: true}\n' },
    { name: 'top-level networks only (the default network reconfigured)', code: 'services:\n  a:\n    image: x\n  b:\n    image: y\nnetworks:\n  default:\n    name: app-net\n' },
    { name: 'include may bring networks', code: 'include: [net.yaml]\nservices:\n  a:\n    image: x\n  b:\n    image: y\n' },
    { name: 'only one service on the default network', code: 'services:\n  a:\n    image: x\n  b:\n    network_mode: "service:a"\n  c:\n    network_mode: none\n' },
    { name: 'interpolated network mode', code: 'services:\n  a:\n    network_mode: ${NET_MODE:-bridge}\n' },
    { name: 'extends a base with networks', code: 'services:\n  base:\n    networks: [back]\n  app:\n    extends: base\nnetworks:\n  back: {}\n' },
  ],
  invalid: [
    { code: 'services:\n  web:\n    network_mode: «bridge»\n', errors: [{ messageId: 'defaultBridge', data: { service: 'web' } }] },
    {
      name: 'several services, no networks, profiles ignored',
      code: dedent`
        «services»:
          web:
            image: x
          db:
            profiles: [db]
            image: y
      `,
      errors: [{ messageId: 'flatNetwork', data: { count: '2' } }],
    },
    {
      name: 'anchor with network_mode bridge, CRLF',
      code: 'x-net: &net\r\n  network_mode: «"bridge"»\r\nservices:\r\n  a:\r\n    <<: *net\r\n  b:\r\n    <<: *net\r\n',
      errors: [{ messageId: 'defaultBridge', data: { service: 'a", "b' } }],
    },
  ],
});
