import rule from '../../../server/src/engine/rules/dockerfile/no-sudo';
import { dedent, ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update\n',
    { name: 'installing the package is another matter', code: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
    { name: 'sudoers file edits', code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\n' },
    { name: 'quoted text', code: 'FROM debian:12\nRUN echo "sudo make me a sandwich"\n' },
    { name: 'a path that merely contains sudo', code: 'FROM debian:12\nRUN chmod 0440 /etc/sudoers.d/app && visudo -c\n' },
    { name: 'JSON form without sudo', code: 'FROM debian:12\nRUN ["apt-get", "update"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN «sudo» apt-get update && «sudo» apt-get install -y curl\n',
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'sudo options go with it',
      code: 'FROM debian:12\nRUN «sudo» -E -u root make install\n',
      errors: [{ messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN make install\n',
    },
    {
      name: 'after a non-root USER, removing sudo would change behaviour: no edit',
      code: dedent`
        FROM debian:12
        USER 10001
        RUN «sudo» apt-get update
      `,
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'sudo -u another user: no edit',
      code: 'FROM debian:12\nRUN «sudo» -u app whoami\n',
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'a clustered -u takes the next word as the user: no edit',
      code: 'FROM debian:12\nRUN «sudo» -iu app make\n',
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'options that change directory or input are kept: no edit',
      code: 'FROM debian:12\nRUN «sudo» --chdir /src make && echo pw | «sudo» -S true\n',
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'behind another wrapper and inside if/then; assignments after sudo stay',
      code: 'FROM debian:12\nRUN if true; then «sudo» DEBIAN_FRONTEND=noninteractive apt-get update; fi && find . | xargs «sudo» rm\n',
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN if true; then DEBIAN_FRONTEND=noninteractive apt-get update; fi && find . | xargs rm\n',
    },
    {
      name: 'JSON exec form: the string and its separator go',
      code: 'FROM debian:12\nRUN [«"sudo"», "-E", "apt-get", "update"]\n',
      errors: [{ messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN ["apt-get", "update"]\n',
    },
    {
      name: 'USER root again after a non-root USER; lower-case instruction',
      code: dedent`
        FROM debian:12
        USER 10001
        USER root
        run «sudo» apt-get update
        USER 10001
      `,
      errors: [{ messageId: 'sudo' }],
      output: 'FROM debian:12\nUSER 10001\nUSER root\nrun apt-get update\nUSER 10001\n',
    },
    {
      name: 'the non-root USER of the stage built on',
      code: dedent`
        FROM debian:12 AS base
        USER 10001
        FROM base
        RUN «sudo» apt-get update
      `,
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'a base image with an unknown default user (often non-root in CI images): no edit',
      code: 'FROM gitpod/workspace-full:2024-09-11\nRUN «sudo» apt-get update\n',
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'ONBUILD runs in another build as an unknown user: no edit',
      code: 'FROM debian:12\nONBUILD RUN «sudo» make\n',
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'inside a substitution and across a continuation',
      code: 'FROM debian:12\nRUN echo $(«sudo» id -u) \\\n && «sudo» true\n',
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN echo $(id -u) \\\n && true\n',
    },
  ],
});
