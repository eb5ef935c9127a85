import rule from '../../../server/src/engine/rules/kubernetes/cluster-weak-tls';
import { ruleTester } from '../../harness/ruleTester';
import { kubeletConfig, staticPod } from '../../harness/controlPlane';

ruleTester(rule, {
  valid: [
    staticPod('kube-apiserver', ['--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', '--tls-min-version=VersionTLS12']),
    { name: 'Go defaults', code: staticPod('kube-apiserver', []) },
    { name: 'kubelet', code: kubeletConfig(['tlsMinVersion: VersionTLS13']) },
  ],
  invalid: [
    {
      name: 'a CBC suite among strong ones',
      code: staticPod('kube-apiserver', ['«--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA»']),
      errors: [{ messageId: 'flag', data: { problem: 'allows TLS_RSA_WITH_AES_128_CBC_SHA', cis: '1.2.29' } }],
      output: staticPod('kube-apiserver', ['--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']),
    },
    {
      name: 'TLS 1.0 on the kubelet: no single right replacement is forced',
      code: kubeletConfig(['tlsMinVersion: «VersionTLS10»']),
      errors: [{ messageId: 'flag', data: { setting: 'tlsMinVersion', problem: 'allows VersionTLS10', cis: '4.2.12' } }],
    },
    {
      name: 'etcd cipher suites',
      code: staticPod('etcd', ['«--cipher-suites=TLS_RSA_WITH_3DES_EDE_CBC_SHA»']),
      errors: [{ messageId: 'uncited', data: { component: 'etcd' } }],
      output: staticPod('etcd', []),
    },
  ],
});
