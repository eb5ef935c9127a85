import rule from '../../../server/src/engine/rules/cross/k8s-non-root-image-user';
import { ruleTester } from '../../harness/ruleTester';

const compose = 'services:\n  api:\n    image: registry.example.com/shop/api:dev\n    build:\n      context: ./api\n  web:\n    image: shop/web\n    build: ./web\n';
const skaffold = 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/worker\n      context: worker\n      docker:\n        dockerfile: prod.Dockerfile\n';
const files = {
  'compose.yaml': compose,
  'skaffold.yaml': skaffold,
  'api/Dockerfile': 'FROM node:22-alpine\nRUN addgroup -S app && \\\n    adduser -S -D -u 10001 -G app app\nUSER app\n',
  'web/Dockerfile': 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n',
  'worker/prod.Dockerfile': 'FROM python:3.12-slim\nRUN useradd --create-home worker\nUSER worker\n',
};
const pod = (securityContext: string, image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${securityContext}  containers:\n    - name: c\n      image: ${image}\n`;
const nonRoot = '  securityContext:\n    runAsNonRoot: true\n';

ruleTester(rule, {
  valid: [
    { name: 'numeric runAsUser given', code: pod('  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n', 'registry.example.com/shop/api:1.0'), workspace: files },
    { name: 'runAsNonRoot not required', code: pod('', 'registry.example.com/shop/api:1.0'), workspace: files },
    { name: 'an image not built here', code: pod(nonRoot, 'nginx:1.27'), workspace: files },
    { name: 'numeric USER in the Dockerfile', code: pod(nonRoot, 'shop/web:2'), workspace: { ...files, 'web/Dockerfile': 'FROM nginx:1.27\nUSER 101\n' } },
    { name: 'no workspace', code: pod(nonRoot, 'shop/web:2') },
  ],
  invalid: [
    {
      name: 'named user with a known UID: fix sets it on the container',
      code: pod(nonRoot, '«registry.example.com/shop/api:1.0»'),
      workspace: files,
      errors: [{ messageId: 'namedUser', data: { dockerfile: 'api/Dockerfile', user: 'app', uid: '10001' } }],
      output: pod(nonRoot, 'registry.example.com/shop/api:1.0').replace(
        '      image: registry.example.com/shop/api:1.0\n',
        '      image: registry.example.com/shop/api:1.0\n      securityContext:\n        runAsUser: 10001\n',
      ),
    },
    {
      name: 'root image (no USER, official base) from Compose short build',
      code: pod(nonRoot, '«shop/web:2»'),
      workspace: files,
      errors: [{ messageId: 'rootImage', data: { dockerfile: 'web/Dockerfile', image: 'shop/web:2' } }],
    },
    {
      name: 'Skaffold artifact, named user without a UID: no fix',
      code: pod(nonRoot, '«shop/worker@sha256:0000000000000000000000000000000000000000000000000000000000000000»'),
      workspace: files,
      errors: [{ messageId: 'namedUser', data: { dockerfile: 'worker/prod.Dockerfile', user: 'worker' } }],
      output: null,
    },
  ],
});
