import rule from '../../../server/src/engine/rules/kubernetes/cluster-static-credentials';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']), { name: 'kubeadm', code: clusterConfiguration(['apiServer: {}']) }],
  invalid: [
    {
      name: 'token and password files',
      code: staticPod('kube-apiserver', ['«--token-auth-file=/etc/kubernetes/tokens.csv»', '«--basic-auth-file=/etc/kubernetes/passwords.csv»', '--secure-port=6443']),
      errors: [
        { messageId: 'flag', data: { setting: '--token-auth-file', cis: '1.2.2' } },
        { messageId: 'flag', data: { setting: '--basic-auth-file', cis: 'v1.6 1.2.2' } },
      ],
      output: staticPod('kube-apiserver', ['--secure-port=6443']),
    },
    {
      name: 'kubeadm extraArgs',
      code: clusterConfiguration(['apiServer:', '  extraArgs:', '    token-auth-file: «/etc/kubernetes/tokens.csv»', '    audit-log-path: /var/log/audit.log']),
      errors: [{ messageId: 'flag', data: { component: 'kubeadm apiServer.extraArgs' } }],
      output: clusterConfiguration(['apiServer:', '  extraArgs:', '    audit-log-path: /var/log/audit.log']),
    },
  ],
});
