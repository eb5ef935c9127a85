import rule from '../../../server/src/engine/rules/dockerfile/require-pipefail';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x.io/t.tgz | tar -xz\n',
    'FROM debian:12\nRUN set -o pipefail && curl -fsSL https://x.io/t.tgz | tar -xz\n',
    { name: 'PowerShell is not POSIX', code: 'FROM mcr.microsoft.com/powershell:lts\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n' },
    { name: 'no pipe', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'a quoted pipe is text', code: 'FROM debian:12\nRUN echo "a | b"\n' },
    { name: 'logical or is not a pipe', code: 'FROM debian:12\nRUN false || true\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN «curl -fsSL https://x.io/t.tgz | tar -xz»\nRUN «wget -qO- https://x.io/s | sha256sum -c»\n',
      errors: [{ messageId: 'noPipefail' }, { messageId: 'noPipefail' }],
      output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x.io/t.tgz | tar -xz\nRUN wget -qO- https://x.io/s | sha256sum -c\n',
    },
    {
      name: 'Alpine uses ash',
      code: 'FROM alpine:3.20\nRUN «wget -qO- https://x.io/t.tgz | tar -xz»\n',
      errors: [{ messageId: 'noPipefail' }],
      output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -qO- https://x.io/t.tgz | tar -xz\n',
    },
    {
      name: 'plain sh has no pipefail',
      code: 'FROM example/base:1\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN «wget -O - https://x.io | wc -l»\n',
      errors: [{ messageId: 'noPipefail' }],
      output: null,
    },
    {
      name: 'a later SHELL without pipefail undoes it',
      code: 'FROM example/base:1\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL ["/bin/sh", "-c"]\nRUN «c | d»\n',
      errors: [{ messageId: 'noPipefail' }],
      output: null,
    },
    {
      name: 'a SHELL between piped RUNs: the later RUN gets its own SHELL after it, or the fix would never settle',
      code: 'FROM debian:12\nRUN «a | b»\nSHELL \nRUN «c | d»\n',
      errors: [{ messageId: 'noPipefail' }, { messageId: 'noPipefail' }],
      output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL \nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN c | d\n',
    },
    { name: 'unknown base: reported, no edit', code: 'FROM example/base:1\nRUN «a | b»\n', errors: [{ messageId: 'noPipefail' }], output: null },
  ],
});
