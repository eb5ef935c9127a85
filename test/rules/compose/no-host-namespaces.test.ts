import rule from '../../../server/src/engine/rules/compose/no-host-namespaces';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    network_mode: bridge\n    pid: "service:db"\n    ipc: shareable\n',
    { name: 'network_mode of another container', code: 'services:\n  web:\n    network_mode: "container:vpn"\n' },
    { name: 'a top-level key named pid is not a service setting', code: 'services:\n  web:\n    image: x\nx-pid: host\n' },
    { name: 'extends is not resolved into other files', code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: host-net\n' },
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
      output: 'services:\n  agent:\n    # monitoring needs it\n    {}\n',
    },
    {
      name: 'docker-compose.yml, CRLF, quoted key, profiles',
      fileName: 'docker-compose.yml',
      code: 'services:\r\n  exporter:\r\n    profiles: [monitoring]\r\n    "pid": «\'host\'»\r\n    image: x\r\n',
      errors: [{ messageId: 'hostPid', data: { service: 'exporter' } }],
      output: 'services:\r\n  exporter:\r\n    profiles: [monitoring]\r\n    image: x\r\n',
    },
    {
      name: 'merge-key anchor: once where written, the anchor loses the key',
      code: 'x-net: &net\n  network_mode: «host»\n  restart: always\nservices:\n  a:\n    <<: *net\n  b:\n    <<: *net\n',
      errors: [{ messageId: 'hostNetwork', data: { service: 'a", "b' } }],
      output: 'x-net: &net\n  restart: always\nservices:\n  a:\n    <<: *net\n  b:\n    <<: *net\n',
    },
    {
      name: 'extends: the base service carries the finding',
      code: 'services:\n  base:\n    image: x:1\n    ipc: «host»\n  app:\n    extends: base\n',
      errors: [{ messageId: 'hostIpc', data: { service: 'base' } }],
      output: 'services:\n  base:\n    image: x:1\n  app:\n    extends: base\n',
    },
  ],
});
