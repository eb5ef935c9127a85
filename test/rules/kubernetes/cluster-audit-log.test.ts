import rule from '../../../server/src/engine/rules/kubernetes/cluster-audit-log';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

const AUDIT = [
  '--audit-policy-file=/etc/kubernetes/audit-policy.yaml',
  '--audit-log-path=/var/log/kubernetes/audit.log',
  '--audit-log-maxage=30',
  '--audit-log-maxbackup=10',
  '--audit-log-maxsize=100',
];

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', AUDIT),
    { name: 'longer retention', code: staticPod('kube-apiserver', [...AUDIT.slice(0, 2), '--audit-log-maxage=90', '--audit-log-maxbackup=20', '--audit-log-maxsize=200']) },
  ],
  invalid: [
    {
      name: 'no audit log: only the path is reported',
      code: staticPod('«kube-apiserver»', ['--secure-port=6443']),
      errors: [{ messageId: 'flag', data: { setting: '--audit-log-path', problem: 'is not set', cis: '1.2.16' } }],
    },
    {
      name: 'short retention',
      code: staticPod('kube-apiserver', [AUDIT[0], AUDIT[1], '«--audit-log-maxage=7»', AUDIT[3], AUDIT[4]]),
      errors: [{ messageId: 'flag', data: { setting: '--audit-log-maxage', problem: 'is 7, below 30', cis: '1.2.17' } }],
      output: staticPod('kube-apiserver', AUDIT),
    },
    {
      name: 'kubeadm: path without rotation (policy file set)',
      code: clusterConfiguration(['apiServer:', '  ««««extraArgs»»»»:', '    audit-log-path: /var/log/kubernetes/audit.log', '    audit-policy-file: /etc/kubernetes/audit-policy.yaml']),
      errors: [
        { messageId: 'flag', data: { setting: '--audit-log-maxage', problem: 'is not set and defaults to 0' } },
        { messageId: 'flag', data: { setting: '--audit-log-maxbackup' } },
        { messageId: 'flag', data: { setting: '--audit-log-maxsize' } },
      ],
      output: clusterConfiguration([
        'apiServer:',
        '  extraArgs:',
        '    audit-log-path: /var/log/kubernetes/audit.log',
        '    audit-policy-file: /etc/kubernetes/audit-policy.yaml',
        '    audit-log-maxage: "30"',
        '    audit-log-maxbackup: "10"',
        '    audit-log-maxsize: "100"',
      ]),
    },
  ],
});
