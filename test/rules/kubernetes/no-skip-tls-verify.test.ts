import rule from '../../../server/src/engine/rules/kubernetes/no-skip-tls-verify';
import { ruleTester } from '../../harness/ruleTester';

const kubeconfig = (cluster: string) => `apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n      server: https://10.0.0.1:6443\n${cluster}contexts: []\n`;
const apiService = (spec: string) =>
  `apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service: {name: metrics-server, namespace: kube-system}\n${spec}`;

ruleTester(rule, {
  valid: [kubeconfig('      certificate-authority-data: LS0t\n'), kubeconfig('      insecure-skip-tls-verify: false\n'), apiService('  caBundle: LS0t\n')],
  invalid: [
    {
      name: 'kubeconfig cluster',
      code: kubeconfig('      insecure-skip-tls-verify: «true»\n'),
      errors: [{ messageId: 'kubeconfig', data: { name: 'prod' } }],
      output: kubeconfig(''),
    },
    {
      name: 'APIService',
      code: apiService('  insecureSkipTLSVerify: «true»\n  groupPriorityMinimum: 100\n'),
      errors: [{ messageId: 'apiService', data: { object: 'APIService "v1beta1.metrics.k8s.io"' } }],
      output: apiService('  groupPriorityMinimum: 100\n'),
    },
  ],
});
