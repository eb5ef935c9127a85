import rule from '../../../server/src/engine/rules/kubernetes/cluster-encryption-at-rest';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/config.yaml']), { name: 'not the API server', code: staticPod('kube-scheduler', []) }],
  invalid: [
    { name: 'static pod', code: staticPod('«kube-apiserver»', ['--secure-port=6443']), errors: [{ messageId: 'flag', data: { setting: '--encryption-provider-config', cis: '1.2.27' } }] },
    { name: 'kubeadm', code: clusterConfiguration(['«apiServer»:', '  certSANs: [api.example.com]']), errors: [{ messageId: 'flag' }] },
  ],
});
