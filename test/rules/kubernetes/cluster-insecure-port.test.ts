import rule from '../../../server/src/engine/rules/kubernetes/cluster-insecure-port';
import { ruleTester } from '../../harness/ruleTester';
import { kubeletConfig, selfHosted, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', ['--secure-port=6443']),
    { name: 'insecure port explicitly off', code: staticPod('kube-apiserver', ['--insecure-port=0']) },
    { name: 'kubelet config defaults the read-only port to 0', code: kubeletConfig(['port: 10250']) },
  ],
  invalid: [
    {
      name: 'insecure port and address',
      code: staticPod('kube-apiserver', ['«--insecure-port=8080»', '«--insecure-bind-address=0.0.0.0»']),
      errors: [
        { messageId: 'flag', data: { setting: '--insecure-port', problem: 'is 8080, not 0' } },
        { messageId: 'flag', data: { setting: '--insecure-bind-address', problem: 'is set' } },
      ],
      output: staticPod('kube-apiserver', ['--insecure-port=0']),
    },
    {
      name: 'self-hosted API server (a Deployment in no namespace)',
      code: selfHosted('Deployment', 'kube-apiserver', ['«--insecure-port=80»']),
      errors: [{ messageId: 'flag', data: { setting: '--insecure-port', problem: 'is 80, not 0' } }],
      output: selfHosted('Deployment', 'kube-apiserver', ['--insecure-port=0']),
    },
    {
      name: 'secure port off',
      code: staticPod('kube-apiserver', ['«--secure-port=0»']),
      errors: [{ messageId: 'flag', data: { problem: 'is 0' } }],
    },
    {
      name: 'kubelet read-only port',
      code: kubeletConfig(['readOnlyPort: «10255»']),
      errors: [{ messageId: 'flag', data: { setting: 'readOnlyPort', cis: '4.2.4' } }],
      output: kubeletConfig(['readOnlyPort: 0']),
    },
  ],
});
