import rule from '../../../server/src/engine/rules/compose/no-raised-ulimits';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  es:\n    ulimits:\n      nofile: {soft: 65536, hard: 65536}\n      nproc: 4096\n      core: 0\n      memlock: 67108864\n',
    { name: 'limits unlimited by default, unknown names, interpolation', code: 'services:\n  a:\n    ulimits:\n      fsize: -1\n      something: -1\n      nproc: ${NPROC:--1}\n' },
    { name: 'profiles and include', code: 'include: [a.yaml]\nservices:\n  a:\n    profiles: [x]\n    ulimits: {nofile: 1024}\n' },
  ],
  invalid: [
    {
      code: 'services:\n  es:\n    ulimits:\n      memlock:\n        soft: -1\n        hard: «-1»\n',
      errors: [{ messageId: 'raised', data: { service: 'es', limit: 'memlock', value: 'unlimited' } }],
    },
    {
      name: 'single values and flow maps',
      code: 'services:\n  a:\n    ulimits: {nproc: «-1», core: «1024», nofile: {soft: 1024, hard: «2000000»}, stack: «-1»}\n',
      errors: [
        { messageId: 'raised', data: { service: 'a', limit: 'nproc', value: 'unlimited' } },
        { messageId: 'raised', data: { service: 'a', limit: 'core', value: '1024' } },
        { messageId: 'raised', data: { service: 'a', limit: 'nofile', value: '2000000' } },
        { messageId: 'raised', data: { service: 'a', limit: 'stack', value: 'unlimited' } },
      ],
    },
    {
      name: 'anchor, CRLF: once where written',
      code: 'x-u: &u\r\n  ulimits:\r\n    nproc: «100000»\r\nservices:\r\n  a:\r\n    <<: *u\r\n  b:\r\n    <<: *u\r\n',
      errors: [{ messageId: 'raised', data: { service: 'a", "b', limit: 'nproc', value: '100000' } }],
    },
  ],
});
