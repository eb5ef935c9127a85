import rule from '../../../server/src/engine/rules/kubernetes/cluster-bind-address';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, kindCluster, kindPatch, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
    { name: 'kubeadm binds to localhost', code: clusterConfiguration(['scheduler: {}', 'controllerManager: {}']) },
    { name: 'kind: kubeadm defaults, API server on 127.0.0.1', code: kindCluster(['nodes:', '  - role: control-plane']) },
    { name: 'kind: API server on one interface', code: kindCluster(['networking:', '  apiServerAddress: 192.168.1.20']) },
  ],
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
      name: 'kind: API server on every interface',
      code: kindCluster(['networking:', '  apiServerAddress: «0.0.0.0»']),
      errors: [{ messageId: 'uncited', data: { component: 'kind Cluster', setting: 'networking.apiServerAddress', problem: 'is 0.0.0.0' } }],
    },
    {
      name: 'kind: a control-plane node patch rebinds the scheduler',
      code: kindCluster([
        'nodes:',
        '  - role: control-plane',
        '    kubeadmConfigPatches:',
        ...kindPatch('ClusterConfiguration', ['scheduler:', '  extraArgs:', '    bind-address: 0.0.0.0'], '      ').map((l, i) => (i === 0 ? l.replace('- |', '- «|') : l)),
        '»',
      ]),
      errors: [{ messageId: 'flag', data: { component: 'kind kube-scheduler', setting: '--bind-address', problem: 'is 0.0.0.0, not 127.0.0.1' } }],
    },
    {
      name: 'kubeadm override',
      code: clusterConfiguration(['controllerManager:', '  extraArgs:', '    bind-address: «0.0.0.0»']),
      errors: [{ messageId: 'flag' }],
      output: clusterConfiguration(['controllerManager:', '  extraArgs:', '    bind-address: 127.0.0.1']),
    },
  ],
});
