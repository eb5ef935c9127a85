import rule from '../../../server/src/engine/rules/kubernetes/cluster-timeouts';
import { ruleTester } from '../../harness/ruleTester';
import { kubeletConfig, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [staticPod('kube-apiserver', ['--request-timeout=5m']), kubeletConfig(['streamingConnectionIdleTimeout: 4h0m0s']), { name: 'defaults', code: staticPod('kube-apiserver', []) }],
  invalid: [
    {
      name: 'kubelet streams never time out',
      code: kubeletConfig(['streamingConnectionIdleTimeout: «0s»']),
      errors: [{ messageId: 'flag', data: { problem: 'is 0 (no timeout)', setting: 'streamingConnectionIdleTimeout' } }],
    },
    { name: 'not a duration', code: kubeletConfig(['streamingConnectionIdleTimeout: «forever»']), errors: [{ messageId: 'flag', data: { problem: 'is forever, not a duration', cis: '4.2.5' } }] },
    { name: 'hours-long API requests', code: staticPod('kube-apiserver', ['«--request-timeout=3h»']), errors: [{ messageId: 'flag', data: { problem: 'is 3h, over 1h', cis: '1.2.21' } }] },
    {
      name: 'kubelet flag',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    streaming-connection-idle-timeout: «"0"»\n',
      errors: [{ messageId: 'flag' }],
    },
  ],
});
