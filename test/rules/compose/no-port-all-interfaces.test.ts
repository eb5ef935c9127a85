import rule from '../../../server/src/engine/rules/compose/no-port-all-interfaces';
import { ruleTester } from '../../harness/ruleTester';

const svc = (ports: string) => `services:\n  db:\n    image: postgres:16\n    ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    svc('      - "127.0.0.1:5432:5432"\n      - "[::1]:8080:80"\n'),
    { name: 'long syntax with host_ip', code: svc('      - target: 80\n        published: 8080\n        host_ip: 10.0.0.5\n') },
    { name: 'a variable that may carry the address', code: svc('      - "${BIND}:80"\n') },
    { name: 'a host part that is no address is not every interface', code: svc('      - "$$HOST:8080:80"\n') },
    { name: 'expose is not publishing', code: 'services:\n  db:\n    expose: ["5432"]\n' },
  ],
  invalid: [
    { code: svc('      - «"5432:5432"»\n'), errors: [{ messageId: 'allInterfaces', data: { service: 'db', port: '5432:5432' } }], output: svc('      - "127.0.0.1:5432:5432"\n') },
    { name: 'container port only, a number', code: svc('      - «80»\n'), errors: [{ messageId: 'allInterfaces', data: { service: 'db', port: '80' } }], output: svc('      - "127.0.0.1::80"\n') },
    {
      name: 'an empty host port: the address goes before it',
      code: svc('      - «":80"»\n'),
      errors: [{ messageId: 'allInterfaces', data: { service: 'db', port: ':80' } }],
      output: svc('      - "127.0.0.1::80"\n'),
    },
    {
      name: 'range and protocol, flow list',
      code: 'services:\n  dns:\n    ports: [«"5353-5354:53-54/udp"»]\n',
      errors: [{ messageId: 'allInterfaces' }],
      output: 'services:\n  dns:\n    ports: ["127.0.0.1:5353-5354:53-54/udp"]\n',
    },
    {
      name: 'long syntax',
      code: svc('      - target: 80\n        published: «8080»\n'),
      errors: [{ messageId: 'allInterfaces', data: { service: 'db', port: '8080:80' } }],
      output: svc('      - target: 80\n        published: 8080\n        host_ip: "127.0.0.1"\n'),
    },
  ],
});
