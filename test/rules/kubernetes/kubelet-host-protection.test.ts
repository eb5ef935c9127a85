import rule from '../../../server/src/engine/rules/kubernetes/kubelet-host-protection';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, kubeletConfig, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    { name: 'a kubelet with --config takes unset settings from that file', code: staticPod('kubelet', ['--config=/var/lib/kubelet/config.yaml']) },
    kubeletConfig(['protectKernelDefaults: true']),
    { name: 'not a kubelet', code: clusterConfiguration(['apiServer: {}']) },
  ],
  invalid: [
    {
      name: 'a kubelet run from a Pod, flags only: the binary defaults apply',
      code: staticPod('«kubelet»', ['«--hostname-override=node-1»']),
      errors: [
        { messageId: 'flag', data: { component: 'kubelet', setting: '--protect-kernel-defaults', problem: 'is not set and defaults to false' } },
        { messageId: 'flag', data: { setting: '--hostname-override', problem: 'is set' } },
      ],
      output: staticPod('kubelet', ['--protect-kernel-defaults=true']),
    },
    {
      name: 'kernel defaults not protected, iptables chains off',
      code: kubeletConfig(['protectKernelDefaults: «false»', 'makeIPTablesUtilChains: «false»']),
      errors: [
        { messageId: 'flag', data: { setting: 'protectKernelDefaults', cis: 'v1.24 4.2.6' } },
        { messageId: 'flag', data: { setting: 'makeIPTablesUtilChains', cis: '4.2.6' } },
      ],
      output: kubeletConfig(['protectKernelDefaults: true', 'makeIPTablesUtilChains: true']),
    },
    {
      name: 'hostname override',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    hostname-override: «node-1»\n    node-labels: a=b\n',
      errors: [{ messageId: 'flag', data: { setting: '--hostname-override', problem: 'is set', cis: '4.2.7' } }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    node-labels: a=b\n',
    },
  ],
});
