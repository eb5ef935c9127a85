import rule from '../../../server/src/engine/rules/compose/no-privileged';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n',
    { name: 'not a compose file name and no services', code: 'privileged: true\n', fileName: 'values.yaml' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: «true»\n    read_only: true\n',
      errors: [{ messageId: 'privileged', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n',
    },
    {
      name: 'inherited through a merge key is reported where it is written',
      code: 'x-base: &base\n  privileged: «true»\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ messageId: 'privileged', data: { service: 'web' } }],
      output: 'x-base: &base\n  {}\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
    },
  ],
});
