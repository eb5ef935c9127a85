import rule from '../../../server/src/engine/rules/kubernetes/no-unsafe-sysctls';
import { ruleTester } from '../../harness/ruleTester';

const pod = (sysctls: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n    sysctls:\n${sysctls}  containers:\n    - name: c\n`;

ruleTester(rule, {
  valid: [
    pod('      - name: kernel.shm_rmid_forced\n        value: "1"\n      - name: net.ipv4.tcp_keepalive_time\n        value: "600"\n'),
    { name: 'slash notation', code: pod('      - {name: net/ipv4/tcp_syncookies, value: "1"}\n') },
  ],
  invalid: [
    {
      name: 'one unsafe entry among safe ones',
      code: pod('      - name: net.ipv4.tcp_syncookies\n        value: "1"\n      - name: «kernel.msgmax»\n        value: "65536"\n'),
      errors: [{ messageId: 'unsafe', data: { name: 'kernel.msgmax', version: 'latest' } }],
      output: pod('      - name: net.ipv4.tcp_syncookies\n        value: "1"\n'),
    },
    {
      name: 'only unsafe entries: the sysctls key goes',
      code: pod('      - {name: «net.core.somaxconn», value: "1024"}\n      - {name: «vm.swappiness», value: "0"}\n'),
      errors: [{ messageId: 'unsafe' }, { messageId: 'unsafe' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: c\n',
    },
    {
      name: 'tcp_keepalive_time is safe only from 1.29',
      code: pod('      - name: «net.ipv4.tcp_keepalive_time»\n        value: "600"\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65000"\n'),
      config: { podSecurityVersion: 'v1.28' },
      errors: [{ messageId: 'unsafe', data: { name: 'net.ipv4.tcp_keepalive_time', version: 'v1.28' } }],
      output: pod('      - name: net.ipv4.ip_local_port_range\n        value: "1024 65000"\n'),
    },
  ],
});
