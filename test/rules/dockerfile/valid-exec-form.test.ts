import rule from '../../../server/src/engine/rules/dockerfile/valid-exec-form';
import { ruleTester } from '../../harness/ruleTester';

const df = (body: string) => `FROM python:3.12-slim\nUSER 10001\n${body}`;

ruleTester(rule, {
  valid: [
    df('CMD ["python", "app.py"]\n'),
    { name: 'shell tests in brackets', code: df('RUN [ -f /app/x ] && echo yes\nRUN [ "$A" = "b" ] || true\n') },
    { name: 'shell form', code: df('CMD python app.py\n') },
    { name: 'an empty JSON array', code: df('ENTRYPOINT []\n') },
  ],
  invalid: [
    {
      name: 'bare words',
      code: df('CMD «[python, app.py]»\n'),
      errors: [{ messageId: 'invalidJson', data: { instruction: 'CMD', fixed: '["python", "app.py"]' } }],
      output: df('CMD ["python", "app.py"]\n'),
    },
    {
      name: 'single quotes and a mix',
      code: df('ENTRYPOINT «[\'gunicorn\', "-b", 0.0.0.0:8000]»\n'),
      errors: [{ messageId: 'invalidJson', data: { instruction: 'ENTRYPOINT', fixed: '["gunicorn", "-b", "0.0.0.0:8000"]' } }],
      output: df('ENTRYPOINT ["gunicorn", "-b", "0.0.0.0:8000"]\n'),
    },
    { name: 'a trailing comma: reported, no edit', code: df('RUN «["pip", "install", "flask",]»\n'), errors: [{ messageId: 'invalidJson', data: { instruction: 'RUN' } }], output: null },
    {
      name: 'ONBUILD trigger',
      code: df('ONBUILD RUN «[make, build]»\n'),
      errors: [{ messageId: 'invalidJson', data: { instruction: 'RUN', fixed: '["make", "build"]' } }],
      output: df('ONBUILD RUN ["make", "build"]\n'),
    },
  ],
});
