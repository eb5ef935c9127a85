import rule from '../../../server/src/engine/rules/dockerfile/no-copy-chown-writable';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM node:22\nCOPY . /app\n', { name: 'root ownership', code: 'FROM node:22\nCOPY --chown=root:root . /app\n' }],
  invalid: [
    { code: 'FROM node:22\nCOPY «--chown=10001:10001» . /app\n', errors: [{ messageId: 'chown', data: { owner: '10001:10001' } }] },
    { name: 'ADD', code: 'FROM node:22\nADD «--chown=app» app.tar.gz /app\n', errors: [{ messageId: 'chown', data: { owner: 'app' } }] },
  ],
});
