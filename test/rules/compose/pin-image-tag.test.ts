import rule from '../../../server/src/engine/rules/compose/pin-image-tag';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16.4\n',
    { name: 'digest', code: 'services:\n  db:\n    image: postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'interpolated and build-only', code: 'services:\n  a:\n    image: ${IMAGE}\n  b:\n    build: .\n' },
    { name: 'image names the build output', code: 'services:\n  db:\n    build: ./db\n    image: atsea_db\n' },
    { name: 'registry port is not a tag', code: 'services:\n  a:\n    image: localhost:5000/app:1.2\n' },
  ],
  invalid: [
    { code: 'services:\n  db:\n    image: «postgres»\n', errors: [{ messageId: 'untagged', data: { service: 'db', image: 'postgres' } }] },
    {
      name: 'moving tags',
      code: 'services:\n  a:\n    image: «nginx:latest»\n  b:\n    image: «"traefik:stable"»\n',
      errors: [
        { messageId: 'movingTag', data: { service: 'a', image: 'nginx:latest', tag: 'latest' } },
        { messageId: 'movingTag', data: { service: 'b', image: 'traefik:stable', tag: 'stable' } },
      ],
    },
  ],
});
