import rule from '../../../server/src/engine/rules/kubernetes/pin-image-digest';
import { ruleTester } from '../../harness/ruleTester';

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: init\n      image: ${image}\n`;

ruleTester(rule, {
  valid: [pod('nginx:1.27.3@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d')],
  invalid: [{ name: 'tag only', code: pod('«ghcr.io/example/app:1.0»'), errors: [{ messageId: 'noDigest', data: { image: 'ghcr.io/example/app:1.0', container: 'init' } }] }],
});
