import rule from '../../../server/src/engine/rules/compose/no-dangerous-cap-add';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n',
    { name: 'no cap_add', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { name: 'dropping SYS_ADMIN is fine', code: 'services:\n  web:\n    cap_drop: [SYS_ADMIN]\n' },
    { name: 'Docker defaults added back after dropping ALL', code: 'services:\n  web:\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETUID, SETGID, DAC_OVERRIDE, SETFCAP]\n' },
    { name: 'extends names the base, whose harmless caps are not findings', code: 'services:\n  base:\n    cap_add: [CHOWN]\n  web:\n    extends: {service: base}\n' },
  ],
  invalid: [
    {
      name: 'cap_add repeated around another key: no edit (removing both as one edit would cover where cap_drop goes)',
      code: 'services:\n  web:\n    cap_add: []\n    image: nginx:1.27\n    cap_add:\n      - «SYS_ADMIN»\n',
      errors: [{ messageId: 'dangerousCap' }],
      output: null,
    },
    {
      name: 'a service (here an anchored base) with cap_add as its only key: cap_drop takes its place',
      code: 'x-base: &base\n  cap_add:\n    - «ALL»\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ messageId: 'dangerousCap' }],
      output: 'x-base: &base\n  cap_drop: ["ALL"]\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
    },
    {
      name: 'only entry: the key goes, cap_drop ALL comes',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - «SYS_ADMIN»\n    read_only: true\n',
      errors: [{ messageId: 'dangerousCap', data: { service: 'web', capability: 'SYS_ADMIN' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    cap_drop: ["ALL"]\n',
    },
    {
      name: 'keeps harmless entries; CAP_ prefix and lower case',
      code: 'services:\n  web:\n    cap_add: [NET_BIND_SERVICE, «cap_sys_ptrace», «NET_ADMIN»]\n',
      errors: [
        { messageId: 'dangerousCap', data: { service: 'web', capability: 'SYS_PTRACE' } },
        { messageId: 'dangerousCap', data: { service: 'web', capability: 'NET_ADMIN' } },
      ],
      output: 'services:\n  web:\n    cap_add: [NET_BIND_SERVICE]\n    cap_drop: ["ALL"]\n',
    },
    {
      name: 'existing cap_drop gains ALL (block list), comments kept',
      code: 'services:\n  web:\n    cap_drop:\n      - MKNOD\n    cap_add:\n      - CHOWN # needed for uploads\n      - «ALL»\n',
      errors: [{ messageId: 'dangerousCap', data: { service: 'web', capability: 'ALL' } }],
      output: 'services:\n  web:\n    cap_drop:\n      - ALL\n      - MKNOD\n    cap_add:\n      - CHOWN # needed for uploads\n',
    },
    {
      name: 'existing flow cap_drop, already dropping ALL',
      code: 'services:\n  web:\n    cap_drop: [ALL]\n    cap_add: [«SYS_MODULE»]\n',
      errors: [{ messageId: 'dangerousCap' }],
      output: 'services:\n  web:\n    cap_drop: [ALL]\n',
    },
    {
      name: 'in an anchor: reported once where written, services named',
      code: 'x-priv: &priv\n  cap_add: [«SYS_ADMIN»]\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *priv\n  b:\n    <<: *priv\n',
      errors: [{ messageId: 'dangerousCap', data: { service: 'a", "b', capability: 'SYS_ADMIN' } }],
      output: 'x-priv: &priv\n  cap_drop: [NET_RAW, ALL]\nservices:\n  a:\n    <<: *priv\n  b:\n    <<: *priv\n',
    },
    {
      name: 'docker-compose.yml, CRLF, quoted values, profiles',
      fileName: 'docker-compose.yml',
      code: 'services:\r\n  tools:\r\n    profiles: ["debug"]\r\n    cap_add:\r\n      - «"CAP_SYS_ADMIN"»\r\n      - \'NET_BIND_SERVICE\'\r\n',
      errors: [{ messageId: 'dangerousCap', data: { service: 'tools', capability: 'SYS_ADMIN' } }],
      output: 'services:\r\n  tools:\r\n    profiles: ["debug"]\r\n    cap_add:\r\n      - \'NET_BIND_SERVICE\'\r\n    cap_drop: ["ALL"]\r\n',
    },
    {
      name: 'cap_drop inherited from an anchor: the service gets its own rather than editing the shared one',
      code: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    cap_add: [«BPF»]\n  b:\n    <<: *base\n',
      errors: [{ messageId: 'dangerousCap', data: { service: 'a', capability: 'BPF' } }],
      output: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    cap_drop: ["ALL"]\n  b:\n    <<: *base\n',
    },
    {
      name: 'aliased list shared by two services: edited at its anchor, each service drops ALL',
      code: 'x-caps: &caps [«SYS_ADMIN», CHOWN]\nservices:\n  a:\n    cap_add: *caps\n  b:\n    cap_add: *caps\n    cap_drop: [ALL]\n',
      errors: [{ messageId: 'dangerousCap', data: { service: 'a", "b', capability: 'SYS_ADMIN' } }],
      output: 'x-caps: &caps [CHOWN]\nservices:\n  a:\n    cap_add: *caps\n    cap_drop: ["ALL"]\n  b:\n    cap_add: *caps\n    cap_drop: [ALL]\n',
    },
    {
      name: 'last key of a file without a final line break',
      code: 'services:\n  web:\n    image: x\n    cap_add:\n      - «SYS_PTRACE»',
      errors: [{ messageId: 'dangerousCap', data: { service: 'web', capability: 'SYS_PTRACE' } }],
      output: 'services:\n  web:\n    image: x\n    cap_drop: ["ALL"]\n',
    },
  ],
});
