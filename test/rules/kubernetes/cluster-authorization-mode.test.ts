import rule from '../../../server/src/engine/rules/kubernetes/cluster-authorization-mode';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, kubeletConfig, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    { name: 'Webhook alongside', code: staticPod('kube-apiserver', ['--authorization-mode=Node,Webhook,RBAC']) },
    { name: 'kubeadm writes Node,RBAC itself', code: clusterConfiguration(['apiServer:', '  extraArgs:', '    audit-log-path: /var/log/audit.log']) },
    { name: 'kubelet config defaults to Webhook', code: kubeletConfig(['readOnlyPort: 0']) },
  ],
  invalid: [
    {
      name: 'AlwaysAllow alone: Node and RBAC added in its place',
      code: staticPod('kube-apiserver', ['«««--authorization-mode=AlwaysAllow»»»']),
      errors: [
        { messageId: 'flag', data: { problem: 'includes AlwaysAllow', cis: '1.2.6' } },
        { messageId: 'flag', data: { problem: 'does not include Node', cis: '1.2.7' } },
        { messageId: 'flag', data: { problem: 'does not include RBAC', cis: '1.2.8' } },
      ],
      output: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    },
    {
      name: 'unset: the default is AlwaysAllow',
      code: staticPod('«««kube-apiserver»»»', ['--secure-port=6443']),
      errors: [
        { messageId: 'flag', data: { problem: 'is not set and defaults to AlwaysAllow', cis: '1.2.6' } },
        { messageId: 'flag', data: { cis: '1.2.7' } },
        { messageId: 'flag', data: { cis: '1.2.8' } },
      ],
      output: staticPod('kube-apiserver', ['--secure-port=6443', '--authorization-mode=Node,RBAC']),
    },
    {
      name: 'RBAC without Node',
      code: clusterConfiguration(['apiServer:', '  extraArgs:', '    authorization-mode: «RBAC»']),
      errors: [{ messageId: 'flag', data: { component: 'kubeadm apiServer.extraArgs', problem: 'does not include Node' } }],
      output: clusterConfiguration(['apiServer:', '  extraArgs:', '    authorization-mode: RBAC,Node']),
    },
    {
      name: 'kubelet AlwaysAllow',
      code: kubeletConfig(['authorization:', '  mode: «AlwaysAllow»']),
      errors: [{ messageId: 'flag', data: { setting: 'authorization.mode', problem: 'is AlwaysAllow', cis: '4.2.2' } }],
    },
  ],
});
