import rule from '../../../server/src/engine/rules/kubernetes/cluster-admission-plugins';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,PodSecurity']),
    { name: 'kubeadm enables NodeRestriction', code: clusterConfiguration(['apiServer: {}']) },
    { name: 'other plugins disabled', code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=DefaultStorageClass']) },
  ],
  invalid: [
    {
      name: 'AlwaysAdmit instead of NodeRestriction',
      code: staticPod('kube-apiserver', ['««--enable-admission-plugins=AlwaysAdmit»»']),
      errors: [
        { messageId: 'flag', data: { problem: 'does not include NodeRestriction', cis: '1.2.14' } },
        { messageId: 'flag', data: { problem: 'includes AlwaysAdmit', cis: '1.2.10' } },
      ],
      output: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
    },
    {
      name: 'ServiceAccount disabled',
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction', '«--disable-admission-plugins=ServiceAccount,DefaultStorageClass»']),
      errors: [{ messageId: 'flag', data: { setting: '--disable-admission-plugins', cis: '1.2.12' } }],
      output: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=DefaultStorageClass']),
    },
  ],
});
