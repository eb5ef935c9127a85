import rule from '../../../server/src/engine/rules/dockerfile/no-sensitive-volume';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM debian:12\nVOLUME /data /var/lib/app\nWORKDIR /app\n', { name: 'a directory named dev under the app', code: 'FROM debian:12\nWORKDIR /app/dev\n' }],
  invalid: [
    { code: 'FROM debian:12\nVOLUME «/var/run/docker.sock»\n', errors: [{ messageId: 'volume', data: { path: '/var/run/docker.sock' } }] },
    { name: 'JSON form', code: 'FROM debian:12\nVOLUME ["/data", «"/sys/fs/cgroup"»]\n', errors: [{ messageId: 'volume', data: { path: '/sys/fs/cgroup' } }] },
    { name: 'WORKDIR in /proc', code: 'FROM debian:12\nWORKDIR «/proc/self»\n', errors: [{ messageId: 'workdir', data: { path: '/proc/self' } }] },
  ],
});
