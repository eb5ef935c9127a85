import rule from '../../../server/src/engine/rules/kubernetes/cluster-bind-address';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [staticPod('kube-scheduler', ['--bind-address=127.0.0.1']), { name: 'kubeadm binds to localhost', code: clusterConfiguration(['scheduler: {}', 'controllerManager: {}']) }],
  invalid: [
    {
      name: 'every interface',
      code: staticPod('kube-scheduler', ['«--bind-address=0.0.0.0»']),
      errors: [{ messageId: 'flag', data: { component: 'kube-scheduler', problem: 'is 0.0.0.0, not 127.0.0.1', cis: '1.4.2' } }],
      output: staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
    },
    {
      name: 'unset outside kubeadm',
      code: staticPod('«kube-controller-manager»', ['--profiling=false']),
      errors: [{ messageId: 'flag', data: { problem: 'is not set and defaults to 0.0.0.0', cis: '1.3.7' } }],
      output: staticPod('kube-controller-manager', ['--profiling=false', '--bind-address=127.0.0.1']),
    },
    {
      name: 'kubeadm override',
      code: clusterConfiguration(['controllerManager:', '  extraArgs:', '    bind-address: «0.0.0.0»']),
      errors: [{ messageId: 'flag' }],
      output: clusterConfiguration(['controllerManager:', '  extraArgs:', '    bind-address: 127.0.0.1']),
    },
  ],
});
