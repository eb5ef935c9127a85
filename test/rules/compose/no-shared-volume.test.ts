import rule from '../../../server/src/engine/rules/compose/no-shared-volume';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  a:\n    volumes: [a-data:/data]\n  b:\n    volumes: [b-data:/data]\n',
    {
      name: 'bind mounts, anonymous volumes and interpolated names are not named volumes',
      code: 'services:\n  a:\n    volumes: [./src:/src, /cache, "${VOL:-data}:/d"]\n  b:\n    volumes: [./src:/src, /cache, "${VOL:-data}:/d"]\n',
    },
    { name: 'one service mounting a volume twice', code: 'services:\n  a:\n    volumes: [data:/a, data:/b]\n' },
    { name: 'extends overriding the target', code: 'services:\n  base:\n    volumes: [data:/data]\n  app:\n    extends: {file: other.yaml, service: x}\n    volumes: [mine:/data]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    volumes: [uploads:/srv/uploads]\n  web:\n    volumes:\n      - «uploads:/usr/share/nginx/html:ro»\n',
      errors: [{ messageId: 'shared', data: { volume: 'uploads', service: 'web', others: 'app' } }],
    },
    {
      name: 'long syntax, three services, CRLF',
      code: 'services:\r\n  a:\r\n    volumes:\r\n      - type: volume\r\n        source: data\r\n        target: /d\r\n  b:\r\n    volumes:\r\n      - type: volume\r\n        source: «data»\r\n        target: /d\r\n  c:\r\n    volumes: [«data:/d»]\r\n',
      errors: [
        { messageId: 'shared', data: { volume: 'data', service: 'b', others: 'a", "c' } },
        { messageId: 'shared', data: { volume: 'data', service: 'c', others: 'a", "b' } },
      ],
    },
    {
      name: 'an anchor gives the mount to two services: once where written',
      code: 'x-vol: &vol\n  volumes: [«shared:/s»]\nservices:\n  a:\n    <<: *vol\n  b:\n    <<: *vol\n    profiles: [p]\n',
      errors: [{ messageId: 'shared', data: { volume: 'shared', service: 'a', others: 'b' } }],
    },
    {
      name: "extends: the base's mount is the extending service's too",
      code: 'services:\n  base:\n    volumes: [«data:/data»]\n  app:\n    extends: base\n',
      errors: [{ messageId: 'shared', data: { volume: 'data', service: 'base', others: 'app' } }],
    },
  ],
});
