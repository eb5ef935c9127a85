import rule from '../../../server/src/engine/rules/kubernetes/cluster-etcd-tls';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, selfHosted, staticPod } from '../../harness/controlPlane';

const CERTS = [
  '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
  '--key-file=/etc/kubernetes/pki/etcd/server.key',
  '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
  '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
];

ruleTester(rule, {
  valid: [
    staticPod('etcd', [...CERTS, '--client-cert-auth=true', '--peer-client-cert-auth=true']),
    { name: 'kubeadm local etcd', code: clusterConfiguration(['etcd:', '  local:', '    dataDir: /var/lib/etcd']) },
    { name: 'kubeadm external etcd is not configured here', code: clusterConfiguration(['etcd:', '  external:', '    endpoints: [https://etcd:2379]']) },
    { name: 'an etcd chart configured by its environment (image only): unset flags are not judged', code: selfHosted('StatefulSet', '', [], { image: 'etcd' }) },
    { name: 'an application namespace’s etcd: unset flags are not judged', code: staticPod('etcd', ['--client-cert-auth=true'], { namespace: 'apps' }) },
  ],
  invalid: [
    {
      name: 'an application namespace’s etcd: written flags are',
      code: staticPod('etcd', ['«--peer-client-cert-auth=false»'], { namespace: 'apps' }),
      errors: [{ messageId: 'flag', data: { setting: '--peer-client-cert-auth', problem: 'is false, not true' } }],
      output: staticPod('etcd', ['--peer-client-cert-auth=true'], { namespace: 'apps' }),
    },
    {
      name: 'client certificates not required, auto TLS',
      code: staticPod('etcd', [...CERTS, '«--client-cert-auth=false»', '--peer-client-cert-auth=true', '«--auto-tls=true»']),
      errors: [
        { messageId: 'flag', data: { component: 'etcd', setting: '--client-cert-auth', cis: '2.2' } },
        { messageId: 'flag', data: { setting: '--auto-tls', cis: '2.3' } },
      ],
      output: staticPod('etcd', [...CERTS, '--client-cert-auth=true', '--peer-client-cert-auth=true', '--auto-tls=false']),
    },
    {
      name: 'kubeadm peer auto TLS',
      code: clusterConfiguration(['etcd:', '  local:', '    extraArgs:', '      peer-auto-tls: «"true"»']),
      errors: [{ messageId: 'flag', data: { component: 'kubeadm etcd.local.extraArgs', cis: '2.6' } }],
      output: clusterConfiguration(['etcd:', '  local:', '    extraArgs:', '      peer-auto-tls: "false"']),
    },
  ],
});
