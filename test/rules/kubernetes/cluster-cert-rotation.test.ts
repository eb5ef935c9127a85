import rule from '../../../server/src/engine/rules/kubernetes/cluster-cert-rotation';
import { ruleTester } from '../../harness/ruleTester';
import { kubeletConfig, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [kubeletConfig(['rotateCertificates: true', 'serverTLSBootstrap: true']), { name: 'other feature gates', code: staticPod('kube-controller-manager', ['--feature-gates=SomeGate=false']) }],
  invalid: [
    {
      name: 'kubelet config default',
      code: kubeletConfig(['«kind»: KubeletConfiguration']).replace('kind: KubeletConfiguration\n«kind»', '«kind»'),
      errors: [{ messageId: 'flag', data: { setting: 'rotateCertificates', problem: 'is not set and defaults to false', cis: '4.2.10' } }],
      output: kubeletConfig(['rotateCertificates: true']),
    },
    {
      name: 'feature gate turned off',
      code: kubeletConfig(['rotateCertificates: true', 'featureGates:', '  RotateKubeletServerCertificate: «false»']),
      errors: [{ messageId: 'flag', data: { setting: 'featureGates.RotateKubeletServerCertificate', cis: '4.2.11' } }],
    },
    {
      name: 'controller manager gate',
      code: staticPod('kube-controller-manager', ['«--feature-gates=RotateKubeletServerCertificate=false,Other=true»']),
      errors: [{ messageId: 'flag', data: { cis: '1.3.6' } }],
      output: staticPod('kube-controller-manager', ['--feature-gates=Other=true']),
    },
  ],
});
