import rule from '../../../server/src/engine/rules/kubernetes/pin-image-tag';
import { ruleTester } from '../../harness/ruleTester';

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: ${image}\n`;

ruleTester(rule, {
  valid: [
    pod('nginx:1.27.3'),
    { name: 'digest without tag', code: pod('nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d') },
    { name: 'registry with a port', code: pod('localhost:5000/app:2.1') },
    { name: 'Helm decides the tag', fileName: 'templates/p.yaml', code: pod('"nginx:{{ .Values.tag }}"') },
  ],
  invalid: [
    { name: 'untagged', code: pod('«nginx»'), errors: [{ messageId: 'untagged', data: { image: 'nginx', container: 'web' } }] },
    { name: 'latest, registry with a port', code: pod('«"localhost:5000/app:latest"»'), errors: [{ messageId: 'latest', data: { image: 'localhost:5000/app:latest' } }] },
  ],
});
