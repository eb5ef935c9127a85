import rule from '../../../server/src/engine/rules/kubernetes/cluster-anonymous-auth';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, kubeletConfig, staticPod } from '../../harness/controlPlane';

const apiserver = (problem: string) => ({ messageId: 'flag', data: { component: 'kube-apiserver', setting: '--anonymous-auth', problem, cis: '1.2.1' } });

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', ['--anonymous-auth=false']),
    { name: 'flags in args, after the program in command', code: staticPod('kube-apiserver', [], { args: ['--anonymous-auth=false'] }) },
    { name: 'flag and value as two items', code: staticPod('/usr/local/bin/kube-apiserver', ['--anonymous-auth', 'false']) },
    { name: 'a Pod outside kube-system is an application, not the control plane', code: staticPod('kube-apiserver', [], { namespace: 'tools' }) },
    { name: 'a shell wrapper is not recognised', code: staticPod('/bin/sh', ['-c', 'kube-apiserver']) },
    { name: 'kubeadm map form', code: clusterConfiguration(['apiServer:', '  extraArgs:', '    anonymous-auth: "false"']) },
    { name: 'kubeadm v1beta4 list form', code: clusterConfiguration(['apiServer:', '  extraArgs:', '    - name: anonymous-auth', '      value: "false"'], 'kubeadm.k8s.io/v1beta4') },
    {
      name: 'kubelet flags left to the KubeletConfiguration kubeadm writes',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    node-labels: a=b\n',
    },
    { name: 'KubeletConfiguration defaults to no anonymous access', code: kubeletConfig(['readOnlyPort: 0']) },
    { name: 'a templated value is unknown', code: staticPod('kube-apiserver', ['--anonymous-auth={{ .Values.anonymous }}']) },
  ],
  invalid: [
    {
      name: 'a Pod without a namespace (a manifest the kubelet reads from disk)',
      code: staticPod('kube-apiserver', ['«--anonymous-auth=true»']).replace('  namespace: kube-system\n', ''),
      errors: [apiserver('is true, not false')],
      output: staticPod('kube-apiserver', ['--anonymous-auth=false']).replace('  namespace: kube-system\n', ''),
    },
    {
      name: 'a Pod of another namespace labelled tier: control-plane',
      code: staticPod('kube-apiserver', ['«--anonymous-auth=true»'], { namespace: 'tools' }).replace('metadata:', 'metadata:\n  labels: {tier: control-plane}'),
      errors: [apiserver('is true, not false')],
      output: staticPod('kube-apiserver', ['--anonymous-auth=false'], { namespace: 'tools' }).replace('metadata:', 'metadata:\n  labels: {tier: control-plane}'),
    },
    {
      name: 'unset: the binary defaults to true',
      code: staticPod('«kube-apiserver»', ['--secure-port=6443']),
      errors: [apiserver('is not set and defaults to true')],
      output: staticPod('kube-apiserver', ['--secure-port=6443', '--anonymous-auth=false']),
    },
    {
      name: 'set to true',
      code: staticPod('kube-apiserver', ['«--anonymous-auth=true»', '--secure-port=6443']),
      errors: [apiserver('is true, not false')],
      output: staticPod('kube-apiserver', ['--anonymous-auth=false', '--secure-port=6443']),
    },
    {
      name: 'a bare boolean flag is true; new flags go to args when the flags are there',
      code: staticPod('kube-apiserver', [], { args: ['«--anonymous-auth»'] }),
      errors: [apiserver('is true, not false')],
      output: staticPod('kube-apiserver', [], { args: ['--anonymous-auth=false'] }),
    },
    {
      name: 'flag and value as two items: no fix (two items to edit)',
      code: staticPod('kube-apiserver', ['«--anonymous-auth»', 'true']),
      errors: [apiserver('is true, not false')],
    },
    {
      name: 'recognised by image when there is no command',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: kube-system\nspec:\n  containers:\n    - name: api\n      image: «registry.k8s.io/kube-apiserver:v1.30.0»\n      args: ["--secure-port=6443"]\n',
      errors: [apiserver('is not set and defaults to true')],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: kube-system\nspec:\n  containers:\n    - name: api\n      image: registry.k8s.io/kube-apiserver:v1.30.0\n      args: ["--secure-port=6443", "--anonymous-auth=false"]\n',
    },
    {
      name: 'kubeadm: no extraArgs at all',
      code: clusterConfiguration(['«apiServer»:', '  certSANs: [api.example.com]']),
      errors: [{ ...apiserver('is not set and defaults to true'), data: { component: 'kubeadm apiServer.extraArgs' } }],
      output: clusterConfiguration(['apiServer:', '  certSANs: [api.example.com]', '  extraArgs:', '    anonymous-auth: "false"']),
    },
    {
      name: 'kubeadm: map form set to true',
      code: clusterConfiguration(['apiServer:', '  extraArgs:', '    anonymous-auth: «"true"»']),
      errors: [{ ...apiserver('is true, not false'), data: { component: 'kubeadm apiServer.extraArgs' } }],
      output: clusterConfiguration(['apiServer:', '  extraArgs:', '    anonymous-auth: "false"']),
    },
    {
      name: 'kubeadm: v1beta4 list form set to true',
      code: clusterConfiguration(['apiServer:', '  extraArgs:', '    - name: anonymous-auth', '      value: «"true"»'], 'kubeadm.k8s.io/v1beta4'),
      errors: [{ messageId: 'flag' }],
      output: clusterConfiguration(['apiServer:', '  extraArgs:', '    - name: anonymous-auth', '      value: "false"'], 'kubeadm.k8s.io/v1beta4'),
    },
    {
      name: 'kubeadm: kubelet flag set in kubeletExtraArgs',
      code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    anonymous-auth: «"true"»\n',
      errors: [{ messageId: 'flag', data: { component: 'kubeadm nodeRegistration.kubeletExtraArgs', cis: '4.2.1' } }],
      output: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n    anonymous-auth: "false"\n',
    },
    {
      name: 'KubeletConfiguration field',
      code: kubeletConfig(['authentication:', '  anonymous:', '    enabled: «true»']),
      errors: [{ messageId: 'flag', data: { component: 'KubeletConfiguration', setting: 'authentication.anonymous.enabled', problem: 'is true, not false', cis: '4.2.1' } }],
      output: kubeletConfig(['authentication:', '  anonymous:', '    enabled: false']),
    },
  ],
});
