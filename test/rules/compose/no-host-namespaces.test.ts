import rule from '../../../server/src/engine/rules/compose/no-host-namespaces';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    network_mode: bridge\n    pid: "service:db"\n    ipc: shareable\n',
    { name: 'network_mode of another container', code: 'services:\n  web:\n    network_mode: "container:vpn"\n' },
    { name: 'a top-level key named pid is not a service setting', code: 'services:\n  web:\n    image: x\nx-pid: host\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: «host»\n    restart: always\n',
      errors: [{ messageId: 'hostNetwork', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n',
    },
    {
      name: 'all five at once, quoted and upper case',
      code: 'services:\n  agent:\n    pid: «"host"»\n    ipc: «host»\n    userns_mode: «host»\n    uts: «HOST»\n    network_mode: «host»\n    image: x\n',
      errors: [{ messageId: 'hostPid' }, { messageId: 'hostIpc' }, { messageId: 'hostUserns' }, { messageId: 'hostUts' }, { messageId: 'hostNetwork' }],
      output: 'services:\n  agent:\n    image: x\n',
    },
    {
      name: 'flow-style service',
      code: 'services:\n  agent: {image: x, pid: «host»}\n',
      errors: [{ messageId: 'hostPid' }],
      output: 'services:\n  agent: {image: x}\n',
    },
    {
      name: 'compose.override.yaml, comment kept above',
      fileName: 'compose.override.yaml',
      code: 'services:\n  agent:\n    # monitoring needs it\n    network_mode: «host»\n',
      errors: [{ messageId: 'hostNetwork' }],
      output: 'services:\n  agent:\n    # monitoring needs it\n',
    },
  ],
});
