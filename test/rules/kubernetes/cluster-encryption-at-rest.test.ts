import rule from '../../../server/src/engine/rules/kubernetes/cluster-encryption-at-rest';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/config.yaml']),
    { name: 'not the API server', code: staticPod('kube-scheduler', []) },
    { name: 'k3s secrets-encryption', code: 'secrets-encryption: true\nwrite-kubeconfig-mode: "0600"\n' },
    { name: 'k3s with its own encryption config flag', code: 'kube-apiserver-arg:\n  - "encryption-provider-config=/etc/k3s/enc.yaml"\n' },
    { name: 'a YAML file with none of the k3s keys is not a k3s config', code: 'server: https://k3s.example:6443\ntoken: ""\n' },
  ],
  invalid: [
    { name: 'static pod', code: staticPod('«kube-apiserver»', ['--secure-port=6443']), errors: [{ messageId: 'flag', data: { setting: '--encryption-provider-config', cis: '1.2.27' } }] },
    { name: 'kubeadm', code: clusterConfiguration(['«apiServer»:', '  certSANs: [api.example.com]']), errors: [{ messageId: 'flag' }] },
    {
      name: 'k3s, switched off',
      code: 'secrets-encryption: «false»\nprotect-kernel-defaults: true\n',
      errors: [{ messageId: 'flag', data: { component: 'k3s kube-apiserver', problem: 'is not set' } }],
    },
    { name: 'k3s, left out', code: '«write-kubeconfig-mode»: "0600"\n', errors: [{ messageId: 'flag', data: { component: 'k3s kube-apiserver' } }] },
  ],
});
