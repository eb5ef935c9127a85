import rule from '../../../server/src/engine/rules/dockerfile/prefer-copy-over-add';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app.py /app/\n',
    { name: 'archives are unpacked by ADD', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'a quoted archive', code: 'FROM alpine:3.20\nADD "file.tgz" /usr/src/app/\n' },
    { name: 'URLs are another rule', code: 'FROM alpine:3.20\nADD https://example.com/x.sh /x.sh\n' },
    { name: 'git sources', code: 'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n' },
    { name: 'variables may hide an archive', code: 'FROM alpine:3.20\nARG PKG\nADD $PKG /opt/\n' },
    { name: 'variables whose defaults are a URL or an archive', code: 'FROM alpine:3.20\nARG SRC=https://example.com/x.sh\nARG PKG=app.tar.gz\nADD $SRC /x.sh\nADD ${PKG} /opt/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\n«ADD» app.py /app/\n',
      errors: [{ messageId: 'addLocal' }],
      output: 'FROM alpine:3.20\nCOPY app.py /app/\n',
    },
    {
      name: 'flags and JSON form, lower-case keyword kept lower-case',
      code: 'FROM alpine:3.20\n«add» --chown=10001:10001 ["a b.txt", "/app/"]\n',
      errors: [{ messageId: 'addLocal' }],
      output: 'FROM alpine:3.20\ncopy --chown=10001:10001 ["a b.txt", "/app/"]\n',
    },
    {
      name: 'variable sources whose defaults are local paths',
      code: 'FROM alpine:3.20\nARG SRC=app\nENV APP_DIR=src\n«ADD» $SRC /app/\n«ADD» ${APP_DIR}/main.py /app/\n',
      errors: [{ messageId: 'addLocal' }, { messageId: 'addLocal' }],
      output: 'FROM alpine:3.20\nARG SRC=app\nENV APP_DIR=src\nCOPY $SRC /app/\nCOPY ${APP_DIR}/main.py /app/\n',
    },
    {
      name: 'line continuation and an astral character before it',
      code: 'FROM alpine:3.20\nLABEL x="😀"\n«ADD» a \\\n  b /app/\n',
      errors: [{ messageId: 'addLocal' }],
      output: 'FROM alpine:3.20\nLABEL x="😀"\nCOPY a \\\n  b /app/\n',
    },
  ],
});
