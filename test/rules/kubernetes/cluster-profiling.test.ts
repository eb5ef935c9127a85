import rule from '../../../server/src/engine/rules/kubernetes/cluster-profiling';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, kindCluster, kindPatch, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-scheduler', ['--profiling=false']),
    { name: 'etcd has no such flag', code: staticPod('etcd', ['--client-cert-auth=true']) },
    {
      name: 'kind: a cluster patch turns it off everywhere (v1beta4 name/value list for the scheduler)',
      code: kindCluster([
        'kubeadmConfigPatches:',
        ...kindPatch(
          'ClusterConfiguration',
          [
            'apiServer:',
            '  extraArgs:',
            '    profiling: "false"',
            'controllerManager:',
            '  extraArgs:',
            '    profiling: "false"',
            'scheduler:',
            '  extraArgs:',
            '    - name: profiling',
            '      value: "false"',
          ],
          '  ',
        ),
      ]),
    },
  ],
  invalid: [
    {
      name: 'every component, defaults',
      code: [
        staticPod('«kube-apiserver»', ['--secure-port=6443']),
        staticPod('«kube-controller-manager»', ['--bind-address=127.0.0.1']),
        staticPod('«kube-scheduler»', ['--bind-address=127.0.0.1']),
      ].join('---\n'),
      errors: [
        { messageId: 'flag', data: { component: 'kube-apiserver', problem: 'is not set and defaults to true', cis: '1.2.15' } },
        { messageId: 'flag', data: { component: 'kube-controller-manager', cis: '1.3.2' } },
        { messageId: 'flag', data: { component: 'kube-scheduler', cis: '1.4.1' } },
      ],
      output: [
        staticPod('kube-apiserver', ['--secure-port=6443', '--profiling=false']),
        staticPod('kube-controller-manager', ['--bind-address=127.0.0.1', '--profiling=false']),
        staticPod('kube-scheduler', ['--bind-address=127.0.0.1', '--profiling=false']),
      ].join('---\n'),
    },
    {
      name: 'kubeadm scheduler',
      code: clusterConfiguration([
        'scheduler:',
        '  extraArgs:',
        '    profiling: «"true"»',
        'apiServer:',
        '  extraArgs:',
        '    profiling: "false"',
        'controllerManager:',
        '  extraArgs:',
        '    profiling: "false"',
      ]),
      errors: [{ messageId: 'flag', data: { component: 'kubeadm scheduler.extraArgs' } }],
      output: clusterConfiguration([
        'scheduler:',
        '  extraArgs:',
        '    profiling: "false"',
        'apiServer:',
        '  extraArgs:',
        '    profiling: "false"',
        'controllerManager:',
        '  extraArgs:',
        '    profiling: "false"',
      ]),
    },
  ],
});
