import rule from '../../../server/src/engine/rules/compose/no-host-devices';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['services:\n  a:\n    image: x:1\n', { name: 'CDI device names are not host paths', code: 'services:\n  a:\n    devices: ["nvidia.com/gpu=all"]\n' }],
  invalid: [
    { code: 'services:\n  a:\n    devices:\n      - «/dev/sda:/dev/xvda:rwm»\n', errors: [{ messageId: 'device', data: { service: 'a', device: '/dev/sda' } }] },
    { name: 'long syntax', code: 'services:\n  a:\n    devices:\n      - source: «/dev/kmsg»\n', errors: [{ messageId: 'device', data: { service: 'a', device: '/dev/kmsg' } }] },
  ],
});
