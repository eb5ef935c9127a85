import rule from '../../../server/src/engine/rules/kubernetes/no-legacy-risky-deploy';
import { ruleTester } from '../../harness/ruleTester';

const deploy = (image: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: ${image}\n${extra}`;

ruleTester(rule, {
  valid: [deploy('nginx:1.27'), { name: 'a dashboard of another product', code: deploy('grafana/grafana:11.0.0') }],
  invalid: [
    {
      name: 'Tiller from a mirrored image, known by its chart labels',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {app: helm, name: tiller}\n    spec:\n      containers:\n        - name: c\n          image: «registry.example.com/mirror/helm-server:v2.16.12»\n',
      errors: [{ messageId: 'tiller', data: { object: 'Deployment "d"' } }],
    },
    {
      name: 'Tiller known by its command and flags',
      code: deploy('«registry.example.com/helm2:v2.17.0»', '          command: ["/tiller", "--storage=secret"]\n          args: ["--listen=localhost:44134"]\n'),
      errors: [{ messageId: 'tiller', data: { listen: 'listens on localhost only' } }],
    },
    {
      name: 'Tiller',
      code: deploy('«gcr.io/kubernetes-helm/tiller:v2.16.12»'),
      errors: [{ messageId: 'tiller', data: { object: 'Deployment "d"', listen: 'answers unauthenticated requests from any pod' } }],
    },
    {
      name: 'Tiller on localhost and its Service',
      code: `${deploy('«ghcr.io/helm/tiller:v2.17.0»', '          args: ["--listen=localhost:44134"]\n')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: «tiller-deploy»\nspec:\n  selector: {app: helm, name: tiller}\n`,
      errors: [
        { messageId: 'tiller', data: { listen: 'listens on localhost only' } },
        { messageId: 'tillerService', data: { object: 'Service "tiller-deploy"' } },
      ],
    },
    { name: 'dashboard', code: deploy('«kubernetesui/dashboard:v2.7.0»'), errors: [{ messageId: 'dashboard', data: { object: 'Deployment "d"' } }] },
    { name: 'old dashboard image', code: deploy('«k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1»'), errors: [{ messageId: 'dashboard' }] },
  ],
});
