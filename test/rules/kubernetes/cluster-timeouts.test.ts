import rule from '../../../server/src/engine/rules/kubernetes/cluster-timeouts';
import { ruleTester } from '../../harness/ruleTester';
import { kubeletConfig, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    { name: 'a zero duration in a KubeletConfiguration means the default (kubeadm writes 0s)', code: kubeletConfig(['streamingConnectionIdleTimeout: 0s']) },
    { name: "not a duration in a KubeletConfiguration is the kubelet's to refuse", code: kubeletConfig(['streamingConnectionIdleTimeout: forever']) },
    staticPod('kube-apiserver', ['--request-timeout=5m']),
    kubeletConfig(['streamingConnectionIdleTimeout: 4h0m0s']),
    { name: 'defaults', code: staticPod('kube-apiserver', []) },
  ],
  invalid: [
    { name: 'hours-long API requests', code: staticPod('kube-apiserver', ['«--request-timeout=3h»']), errors: [{ messageId: 'flag', data: { problem: 'is 3h, over 1h', cis: '1.2.20' } }] },
    {
      name: 'kubelet flag',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    streaming-connection-idle-timeout: «"0"»\n',
      errors: [{ messageId: 'flag' }],
    },
  ],
});
