import rule from '../../../server/src/engine/rules/compose/no-privileged-host-port';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    ports:\n      - "8080:80"\n      - "127.0.0.1:1024:80"\n      - 80\n      - "127.0.0.1::443"\n',
    { name: 'long syntax without published, or unprivileged', code: 'services:\n  web:\n    ports:\n      - target: 80\n      - target: 443\n        published: 8443\n' },
    { name: 'interpolated host port defaulting to 80', code: 'services:\n  web:\n    ports: ["${WEB_PORT:-80}:8080", "127.0.0.1:${ADMIN_PORT:-81}:81"]\n' },
    { name: 'a range starting above 1023', code: 'services:\n  dns:\n    ports: ["5353-5354:53-54/udp"]\n' },
    { name: 'include and profiles', code: 'include: [base.yaml]\nservices:\n  web:\n    profiles: [dev]\n    ports: ["8080:80"]\n' },
  ],
  invalid: [
    { code: 'services:\n  web:\n    ports:\n      - «"80:8080"»\n', errors: [{ messageId: 'privilegedPort', data: { service: 'web', port: '80' } }] },
    {
      name: 'with a host address and protocol',
      code: 'services:\n  dns:\n    ports: [«"127.0.0.1:53:5353/udp"», «"[::1]:443:8443"»]\n',
      errors: [
        { messageId: 'privilegedPort', data: { service: 'dns', port: '53' } },
        { messageId: 'privilegedPort', data: { service: 'dns', port: '443' } },
      ],
    },
    { name: 'a range reaching below 1024', code: 'services:\n  web:\n    ports:\n      - «1000-1100:1000-1100»\n', errors: [{ messageId: 'privilegedPort', data: { port: '1000-1100' } }] },
    {
      name: 'long syntax, number and string',
      code: 'services:\n  web:\n    ports:\n      - target: 8080\n        published: «80»\n      - target: 8443\n        published: «"443"»\n        host_ip: 127.0.0.1\n',
      errors: [
        { messageId: 'privilegedPort', data: { port: '80' } },
        { messageId: 'privilegedPort', data: { port: '443' } },
      ],
    },
    { name: 'flow-style service, CRLF', code: 'services:\r\n  web: {image: x, ports: [«"22:22"»]}\r\n', errors: [{ messageId: 'privilegedPort', data: { service: 'web', port: '22' } }] },
    {
      name: 'anchor: once where written',
      code: 'x-web: &web\n  ports: [«"443:8443"»]\nservices:\n  a:\n    <<: *web\n  b:\n    <<: *web\n',
      errors: [{ messageId: 'privilegedPort', data: { service: 'a", "b', port: '443' } }],
    },
    {
      name: 'extends: on the base service where written',
      code: 'services:\n  base:\n    ports: [«"80:80"»]\n  app:\n    extends: base\n',
      errors: [{ messageId: 'privilegedPort', data: { service: 'base' } }],
    },
  ],
});
