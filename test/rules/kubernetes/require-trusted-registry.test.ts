import rule from '../../../server/src/engine/rules/kubernetes/require-trusted-registry';
import { ruleTester } from '../../harness/ruleTester';

const config = { trustedRegistries: ['registry.example.com'] };
const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { name: 'inert until configured', code: pod('nginx:1.27') },
    { code: pod('registry.example.com/nginx:1.27'), config },
    { name: 'templated image', code: pod('"{{ .Values.image }}"'), fileName: 'templates/pod.yaml', config },
  ],
  invalid: [
    { code: pod('«quay.io/coreos/etcd:v3.5.0»'), config, errors: [{ messageId: 'untrusted', data: { image: 'quay.io/coreos/etcd:v3.5.0', registry: 'quay.io' } }] },
    {
      name: 'init container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: i\n      image: «busybox:1.36»\n  containers: []\n',
      config,
      errors: [{ messageId: 'untrusted' }],
    },
  ],
});
