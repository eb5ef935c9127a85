import rule from '../../../server/src/engine/rules/kubernetes/cluster-service-account-credentials';
import { ruleTester } from '../../harness/ruleTester';
import { clusterConfiguration, staticPod } from '../../harness/controlPlane';

const CM = ['--use-service-account-credentials=true', '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--root-ca-file=/etc/kubernetes/pki/ca.crt'];

ruleTester(rule, {
  valid: [
    staticPod('kube-controller-manager', CM),
    staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub']),
    { name: 'kubeadm writes them all', code: clusterConfiguration(['apiServer: {}', 'controllerManager: {}']) },
  ],
  invalid: [
    {
      name: 'unset: controllers share the manager identity by default',
      code: staticPod('«kube-controller-manager»', CM.slice(1)),
      errors: [{ messageId: 'flag', data: { setting: '--use-service-account-credentials', problem: 'is not set and defaults to false' } }],
      output: staticPod('kube-controller-manager', [...CM.slice(1), CM[0]]),
    },
    {
      name: 'controllers share one identity',
      code: staticPod('kube-controller-manager', ['«--use-service-account-credentials=false»', ...CM.slice(1)]),
      errors: [{ messageId: 'flag', data: { setting: '--use-service-account-credentials', cis: '1.3.3' } }],
      output: staticPod('kube-controller-manager', CM),
    },
    {
      name: 'missing key files: no fix (paths depend on the cluster)',
      code: staticPod('««kube-controller-manager»»', ['--bind-address=127.0.0.1', '--use-service-account-credentials=true']),
      errors: [
        { messageId: 'flag', data: { setting: '--service-account-private-key-file', problem: 'is not set' } },
        { messageId: 'flag', data: { setting: '--root-ca-file' } },
      ],
    },
    {
      name: 'token lookup off',
      code: staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub', '«--service-account-lookup=false»']),
      errors: [{ messageId: 'flag', data: { cis: '1.2.21' } }],
      output: staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-lookup=true']),
    },
  ],
});
