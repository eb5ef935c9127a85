import rule from '../../../server/src/engine/rules/dockerfile/no-world-writable';
import { ruleTester } from '../../harness/ruleTester';

const df = (body: string) => `FROM node:22-alpine\n${body}USER 10001\n`;

ruleTester(rule, {
  valid: [
    df('RUN chmod -R 755 /app && chmod 640 /app/config.json && chmod u+x,g+w /app/run.sh\n'),
    { name: 'shared scratch directories, the sticky bit', code: df('RUN chmod 777 /tmp /var/tmp && chmod 1777 /srv/scratch\n') },
    { name: 'taking write away', code: df('RUN chmod o-w /app && chmod a-w /app/config && chmod go=rx /app\n') },
    { name: 'umask-filtered +w', code: df('RUN chmod +w /app/data\n') },
    { name: 'COPY with a safe mode', code: df('COPY --chmod=755 run.sh /app/\n') },
  ],
  invalid: [
    { name: 'chmod -R 777', code: df('RUN chmod -R «777» /app\n'), errors: [{ messageId: 'chmod', data: { mode: '777', target: '/app', fixed: '775' } }], output: df('RUN chmod -R 775 /app\n') },
    {
      name: 'four digits, several targets',
      code: df('RUN mkdir -p /data && chmod «0666» /data/a /data/b\n'),
      errors: [{ messageId: 'chmod', data: { mode: '0666', target: '/data/a /data/b', fixed: '0664' } }],
      output: df('RUN mkdir -p /data && chmod 0664 /data/a /data/b\n'),
    },
    {
      name: 'symbolic: guidance only',
      code: df('RUN chmod -R «a+rwX» /app && chmod «o+w» /srv/www\n'),
      errors: [
        { messageId: 'chmod', data: { mode: 'a+rwX', target: '/app' } },
        { messageId: 'chmod', data: { mode: 'o+w', target: '/srv/www' } },
      ],
      output: null,
    },
    { name: 'COPY --chmod', code: df('COPY «--chmod=777» app/ /app/\n'), errors: [{ messageId: 'copyChmod', data: { mode: '777', fixed: '775' } }], output: df('COPY --chmod=775 app/ /app/\n') },
  ],
});
