import rule from '../../../server/src/engine/rules/compose/require-trusted-registry';
import { ruleTester } from '../../harness/ruleTester';

const config = { trustedRegistries: ['registry.example.com'] };

ruleTester(rule, {
  valid: [
    { name: 'inert until configured', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { code: 'services:\n  web:\n    image: registry.example.com/nginx:1.27\n  api:\n    build: .\n', config },
    { name: 'interpolated image', code: 'services:\n  web:\n    image: ${IMAGE}\n', config },
  ],
  invalid: [
    { code: 'services:\n  web:\n    image: «nginx:1.27»\n', config, errors: [{ messageId: 'untrusted', data: { image: 'nginx:1.27', registry: 'docker.io' } }] },
    {
      name: 'localhost registry',
      code: 'services:\n  web:\n    image: «localhost:5000/web:1»\n',
      config,
      errors: [{ messageId: 'untrusted', data: { image: 'localhost:5000/web:1', registry: 'localhost:5000' } }],
    },
  ],
});
