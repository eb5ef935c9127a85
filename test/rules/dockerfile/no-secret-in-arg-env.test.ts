import rule from '../../../server/src/engine/rules/dockerfile/no-secret-in-arg-env';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nARG VERSION=1.2\nENV PATH=/app/bin:$PATH\n',
    { name: 'references and file paths are not secrets', code: 'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db\nENV API_TOKEN=${API_TOKEN}\nENV PUBLIC_KEY=abc\n' },
    { name: 'token-like names split on underscores only', code: 'FROM alpine:3.20\nENV KEYBOARD_LAYOUT=us\nARG MONKEY_COUNT=3\n' },
    { name: 'public key fingerprints are not secrets', code: 'FROM python:3.12\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\nENV OPENSSL_PGP_KEY_IDS=0x8657ABB260F056B1\n' },
    { name: 'secret mounts are the safe pattern', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n' },
    { name: 'ENV name with an empty value', code: 'FROM alpine:3.20\nENV SECRET_KEY=""\n' },
  ],
  invalid: [
    {
      name: 'ARG without default, used by a later RUN',
      code: 'FROM node:22-alpine\nARG «NPM_TOKEN»\nRUN npm ci && echo $NPM_TOKEN\n',
      errors: [{ messageId: 'secretArg', data: { name: 'NPM_TOKEN', format: '' } }],
      output: 'FROM node:22-alpine\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN npm ci && echo $NPM_TOKEN\n',
    },
    {
      name: 'ENV with a literal; only RUNs that use it get the mount',
      code: 'FROM alpine:3.20\nENV «DB_PASSWORD»=hunter2xyz\nRUN echo hi\nRUN --network=none psql "password=${DB_PASSWORD}"\n',
      errors: [{ messageId: 'secretEnv', data: { name: 'DB_PASSWORD', format: '' } }],
      output: null, // a literal has no safe place to go: shown without an edit
    },
    {
      name: 'weak literal password',
      code: 'FROM alpine:3.20\nENV «ADMIN_PASSWORD»=changeme\n',
      errors: [{ messageId: 'secretEnv' }],
      output: null,
    },
    {
      name: 'one property of several',
      code: 'FROM alpine:3.20\nARG MODE=prod «API_KEY» LEVEL=2\n',
      errors: [{ messageId: 'secretArg', data: { name: 'API_KEY', format: '' } }],
      output: 'FROM alpine:3.20\nARG MODE=prod LEVEL=2\n',
    },
    {
      name: 'a known token format under any name',
      code: 'FROM alpine:3.20\nENV «HELPER»=ghp_0123456789abcdefghijABCDEFGHIJ012345\n',
      errors: [{ messageId: 'tokenValue', data: { name: 'HELPER', format: 'GitHub token' } }],
      output: null,
    },
    {
      name: 'legacy ENV form, CRLF: a literal is never deleted',
      code: 'FROM alpine:3.20\r\nENV «AWS_SECRET_ACCESS_KEY» wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\r\nCMD ["x"]\r\n',
      errors: [{ messageId: 'secretEnv' }],
      output: null,
    },
    {
      name: 'CRLF line breaks kept',
      code: 'FROM alpine:3.20\r\nARG «AWS_SECRET_ACCESS_KEY»\r\nCMD ["x"]\r\n',
      errors: [{ messageId: 'secretArg' }],
      output: 'FROM alpine:3.20\r\nCMD ["x"]\r\n',
    },
    {
      name: 'a redeclared ARG: each declaration covers the RUNs up to the next one; heredoc and JSON RUNs',
      code: 'FROM node:22\nARG «NPM_TOKEN»\nRUN <<EOF\nnpm ci --token "$NPM_TOKEN"\nEOF\nARG «NPM_TOKEN»\nRUN ["sh", "-c", "npm publish --token ${NPM_TOKEN}"]\n',
      errors: [{ messageId: 'secretArg' }, { messageId: 'secretArg' }],
      output:
        'FROM node:22\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN <<EOF\nnpm ci --token "$NPM_TOKEN"\nEOF\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN ["sh", "-c", "npm publish --token ${NPM_TOKEN}"]\n',
    },
    {
      name: 'a continued ARG keeps its other property; a longer variable name is not a use',
      code: 'FROM alpine:3.20\nARG VERSION=1 \\\n    «DEPLOY_KEY»\nRUN echo $DEPLOY_KEY_PATH\nrun echo $DEPLOY_KEY\n',
      errors: [{ messageId: 'secretArg', data: { name: 'DEPLOY_KEY', format: '' } }],
      output: 'FROM alpine:3.20\nARG VERSION=1\nRUN echo $DEPLOY_KEY_PATH\nrun --mount=type=secret,id=deploy-key,env=DEPLOY_KEY echo $DEPLOY_KEY\n',
    },
    {
      name: 'a name with pattern characters is compared as text: `$NPM_TOKEN` is another variable',
      code: 'FROM node:22\nARG «NPM_TOKEN(»\nRUN echo $NPM_TOKEN\n',
      errors: [{ messageId: 'secretArg', data: { name: 'NPM_TOKEN(' } }],
      output: 'FROM node:22\nRUN echo $NPM_TOKEN\n',
    },
    {
      name: 'global ARG before FROM',
      code: 'ARG «GITHUB_TOKEN»\nFROM alpine:3.20\n',
      errors: [{ messageId: 'secretArg' }],
      output: 'FROM alpine:3.20\n',
    },
  ],
});
