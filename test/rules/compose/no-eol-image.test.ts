import rule from '../../../server/src/engine/rules/compose/no-eol-image';
import { ruleTester } from '../../harness/ruleTester';

const config = { today: '2026-12-06' };

ruleTester(rule, {
  valid: [
    { code: 'services:\n  db:\n    image: postgres:17\n', config },
    { name: 'an interpolated tag', code: 'services:\n  db:\n    image: postgres:${PG_VERSION:-11}\n', config },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: «postgres:11-alpine»\n',
      config,
      errors: [{ messageId: 'endOfLife', data: { image: 'postgres:11-alpine', release: 'PostgreSQL 11', replacement: 'postgres:15-alpine' } }],
      output: 'services:\n  db:\n    image: "postgres:15-alpine"\n',
    },
    {
      name: 'Ubuntu by version',
      code: 'services:\n  box:\n    image: «ubuntu:18.04»\n',
      config,
      errors: [{ messageId: 'endOfLife', data: { release: 'Ubuntu 18.04 (Bionic Beaver)', replacement: 'ubuntu:22.04' } }],
      output: 'services:\n  box:\n    image: "ubuntu:22.04"\n',
    },
    {
      name: 'within 90 days of the end: information',
      code: 'services:\n  web:\n    image: «php:8.2-apache»\n',
      config,
      errors: [{ messageId: 'nearEnd', data: { release: 'PHP 8.2', replacement: 'php:8.3-apache' }, severity: 'info' }],
      output: 'services:\n  web:\n    image: "php:8.3-apache"\n',
    },
  ],
});
