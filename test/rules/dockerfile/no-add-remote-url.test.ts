import rule from '../../../server/src/engine/rules/dockerfile/no-add-remote-url';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://x.io/t.tgz /opt/\n',
    'FROM alpine:3.20\nADD app.tar.gz /opt/\n',
    { name: 'git pinned to a commit', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#0123456789abcdef0123456789abcdef01234567 /src\n' },
    { name: 'COPY is not ADD', code: 'FROM alpine:3.20\nCOPY https://x.io/a /a\n' },
    { name: 'git verified with --checksum (the commit id)', code: 'FROM alpine:3.20\nADD --checksum=0123456789abcdef0123456789abcdef01234567 https://github.com/moby/buildkit.git#v0.15.0 /src\n' },
    { name: 'git pinned by a ref query', code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=0123456789abcdef0123456789abcdef01234567&subdir=docs /src\n' },
    { name: 'a variable may hold anything', code: 'ARG SRC\nFROM alpine:3.20\nADD ${SRC} /opt/\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nADD «https://x.io/tool.tgz» /opt/\n', errors: [{ messageId: 'unverifiedUrl', data: { url: 'https://x.io/tool.tgz' } }] },
    { name: 'plain http', code: 'FROM alpine:3.20\nADD «http://x.io/tool.tgz» /opt/\n', errors: [{ messageId: 'plainHttp' }] },
    {
      name: 'several sources and a chown flag',
      code: 'FROM alpine:3.20\nADD --chown=1:1 «https://x.io/a» «https://x.io/b» /opt/\n',
      errors: [{ messageId: 'unverifiedUrl' }, { messageId: 'unverifiedUrl' }],
    },
    { name: 'git by branch', code: 'FROM alpine:3.20\nADD «https://github.com/moby/buildkit.git#v0.15.0» /src\n', errors: [{ messageId: 'unpinnedGit' }] },
    { name: 'git ref given as a query string', code: 'FROM alpine:3.20\nADD «https://github.com/moby/buildkit.git?tag=v0.15.0» /src\n', errors: [{ messageId: 'unpinnedGit' }] },
    { name: 'JSON form, lower-case keyword', code: 'FROM alpine:3.20\nadd [«"HTTPS://x.io/a b.tgz"», "/opt/"]\n', errors: [{ messageId: 'unverifiedUrl' }] },
    { name: 'ssh git', code: 'FROM alpine:3.20\nADD «git@github.com:moby/buildkit.git» /src\n', errors: [{ messageId: 'unpinnedGit' }] },
  ],
});
