import rule from '../../../server/src/engine/rules/dockerfile/no-curl-pipe-shell';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x.io/i.sh && sha256sum -c sums && sh /tmp/i.sh\n',
    { name: 'piping into a non-interpreter', code: 'FROM debian:12\nRUN curl -fsSL https://x.io/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' },
    { name: 'quoted text that is never executed', code: 'FROM debian:12\nRUN echo "curl https://x.io | sh" > /README\n' },
    { name: 'single quotes', code: "FROM debian:12\nRUN echo 'wget -qO- x | bash'\n" },
    { name: 'a heredoc that is data, not script', code: 'FROM debian:12\nRUN cat <<EOF > /doc.txt\ncurl https://x.io | sh\nEOF\n' },
    { name: 'a shell reading a local file', code: 'FROM debian:12\nRUN sh /tmp/install.sh | tee log\n' },
    { name: 'commands separated by ; are not a pipe', code: 'FROM debian:12\nRUN curl -O https://x.io/a; sh ./a\n' },
    { name: 'an escaped pipe is text', code: 'FROM debian:12\nRUN echo curl x \\| sh\n' },
    { name: 'unpacking a download is not running it', code: 'FROM debian:12\nRUN wget -qO- https://x.io/t.tgz | tar -xz -C /opt\n' },
    { name: 'JSON exec form passes the pipe as an argument', code: 'FROM debian:12\nRUN ["echo", "curl x | sh"]\n' },
    {
      name: 'Windows escape and PowerShell download to a file',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Invoke-WebRequest https://x.io/i.ps1 -OutFile i.ps1 `\n    ; ./i.ps1\n',
    },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN «curl -fsSL https://x.io/install.sh | sh»\n', errors: [{ messageId: 'pipeToShell', data: { fetcher: 'curl', runner: 'sh' } }] },
    {
      name: 'wget into sudo bash',
      code: 'FROM debian:12\nRUN apt-get update && «wget -qO- https://x.io/i | sudo bash»\n',
      errors: [{ messageId: 'pipeToShell', data: { fetcher: 'wget', runner: 'bash' } }],
    },
    { name: 'several pipes and flags', code: 'FROM debian:12\nRUN «curl -s https://x.io/i | tee /tmp/i | bash» -s -- --yes\n', errors: [{ messageId: 'pipeToShell' }] },
    { name: 'process substitution', code: 'FROM debian:12\nRUN «bash <(curl -s https://x.io/i)»\n', errors: [{ messageId: 'pipeToShell', data: { fetcher: 'curl', runner: 'bash' } }] },
    {
      name: 'command substitution inside sh -c',
      code: 'FROM debian:12\nRUN «sh -c "$(curl -fsSL https://x.io/i)"»\n',
      errors: [{ messageId: 'pipeToShell', data: { fetcher: 'curl', runner: 'sh' } }],
    },
    { name: 'a pipe inside sh -c', code: 'FROM debian:12\nRUN sh -c "«curl https://x.io | sh»"\n', errors: [{ messageId: 'pipeToShell' }] },
    {
      name: 'python interpreter',
      code: 'FROM python:3.12\nRUN «curl -sSL https://install.python-poetry.org | python3» -\n',
      errors: [{ messageId: 'pipeToShell', data: { fetcher: 'curl', runner: 'python3' } }],
    },
    { name: 'across a line continuation', code: 'FROM debian:12\nRUN set -e && \\\n    «curl -fsSL https://x.io/i \\\n    | sh»\n', errors: [{ messageId: 'pipeToShell' }] },
    { name: 'heredoc script body', code: 'FROM debian:12\nRUN <<EOF\nset -e\n«curl https://x.io/i | sh»\nEOF\n', errors: [{ messageId: 'pipeToShell' }] },
    { name: 'JSON form with sh -c', code: 'FROM debian:12\nRUN ["sh", "-c", "«curl https://x.io/i | sh»"]\n', errors: [{ messageId: 'pipeToShell' }] },
    {
      name: 'inside if/then and a brace group',
      code: 'FROM debian:12\nRUN if true; then «curl https://x.io/i | sh»; fi && { «wget -qO- https://x.io/j | bash»; }\n',
      errors: [{ messageId: 'pipeToShell' }, { messageId: 'pipeToShell', data: { fetcher: 'wget', runner: 'bash' } }],
    },
    {
      name: 'eval of a command substitution',
      code: 'FROM debian:12\nRUN «eval "$(curl -fsSL https://x.io/env)"»\n',
      errors: [{ messageId: 'pipeToShell', data: { fetcher: 'curl', runner: 'eval' } }],
    },
    {
      name: 'through env and xargs wrappers',
      code: 'FROM debian:12\nRUN «curl -fsSL https://x.io/i | env -u HOME bash»\n',
      errors: [{ messageId: 'pipeToShell', data: { fetcher: 'curl', runner: 'bash' } }],
    },
    { name: 'escaped quotes in a JSON -c string', code: 'FROM debian:12\nRUN ["sh", "-c", "echo \\"go\\" && «curl https://x.io/i | sh»"]\n', errors: [{ messageId: 'pipeToShell' }] },
    { name: 'a shell-form RUN that starts with a test bracket', code: 'FROM debian:12\nRUN [ -x /usr/bin/tool ] || «curl https://x.io/i | sh»\n', errors: [{ messageId: 'pipeToShell' }] },
    { name: 'ONBUILD trigger', code: 'FROM debian:12\nONBUILD RUN «curl https://x.io/i | sh»\n', errors: [{ messageId: 'pipeToShell' }] },
  ],
});
