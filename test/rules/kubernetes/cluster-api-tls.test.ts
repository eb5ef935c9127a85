import rule from '../../../server/src/engine/rules/kubernetes/cluster-api-tls';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, kubeletConfig, staticPod } from '../../harness/controlPlane';

const HARDENED = [
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
  '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
];

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', HARDENED),
    { name: 'kubeadm writes every certificate but the kubelet CA', code: clusterConfiguration(['apiServer:', '  extraArgs:', '    kubelet-certificate-authority: /etc/kubernetes/pki/ca.crt']) },
    { name: 'kubelet with a client CA', code: kubeletConfig(['authentication:', '  x509:', '    clientCAFile: /etc/kubernetes/pki/ca.crt']) },
  ],
  invalid: [
    {
      name: 'kubeadm defaults: the kubelet serving certificate is not verified',
      code: clusterConfiguration(['«apiServer»:', '  certSANs: [api.example.com]']),
      errors: [{ messageId: 'flag', data: { setting: '--kubelet-certificate-authority', problem: 'is not set', cis: '1.2.5' } }],
    },
    {
      name: 'kubelet-https turned off',
      code: staticPod('kube-apiserver', [...HARDENED, '«--kubelet-https=false»']),
      errors: [{ messageId: 'flag', data: { setting: '--kubelet-https', problem: 'is false, not true' } }],
      output: staticPod('kube-apiserver', [...HARDENED, '--kubelet-https=true']),
    },
    {
      name: 'kubelet without a client CA',
      code: kubeletConfig(['«kind»: KubeletConfiguration']).replace('kind: KubeletConfiguration\n«kind»: KubeletConfiguration', '«kind»: KubeletConfiguration'),
      errors: [{ messageId: 'flag', data: { component: 'KubeletConfiguration', setting: 'authentication.x509.clientCAFile', cis: '4.2.3' } }],
    },
  ],
});
