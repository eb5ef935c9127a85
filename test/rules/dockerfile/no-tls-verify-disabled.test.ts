import rule from '../../../server/src/engine/rules/dockerfile/no-tls-verify-disabled';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nENV PYTHONHTTPSVERIFY=1 NODE_EXTRA_CA_CERTS=/ca.pem\nRUN pip install --index-url https://pypi.example/simple flask\n',
    { name: 'strict-ssl on', code: 'FROM node:22\nRUN npm config set strict-ssl true\n' },
    {
      name: 'echoing a setting is not setting it',
      code: 'FROM fedora:40\nRUN yum-config-manager --save --setopt=x=1 || echo "--setopt=sslverify=0"\nRUN yum-config-manager --save --setopt=sslverify=1\n',
    },
    { name: 'a variable named like a switch but only echoed', code: 'FROM node:22\nRUN echo "NODE_TLS_REJECT_UNAUTHORIZED=0 is bad"\n' },
  ],
  invalid: [
    { code: 'FROM python:3.12\nENV «PYTHONHTTPSVERIFY=0»\nUSER 10001\n', errors: [{ messageId: 'variable', data: { name: 'PYTHONHTTPSVERIFY' } }], output: 'FROM python:3.12\nUSER 10001\n' },
    { name: 'one ARG of several', code: 'FROM node:22\nARG A=1 «NODE_TLS_REJECT_UNAUTHORIZED=0»\n', errors: [{ messageId: 'variable' }], output: 'FROM node:22\nARG A=1\n' },
    {
      name: 'GIT_SSL_NO_VERIFY with any value',
      code: 'FROM alpine:3.20\nENV «GIT_SSL_NO_VERIFY=true»\n',
      errors: [{ messageId: 'variable', data: { name: 'GIT_SSL_NO_VERIFY' } }],
      output: 'FROM alpine:3.20\n',
    },
    { name: 'a prefix assignment in RUN', code: 'FROM node:22\nRUN «NODE_TLS_REJECT_UNAUTHORIZED=0» npm ci\n', errors: [{ messageId: 'variable' }], output: 'FROM node:22\nRUN npm ci\n' },
    { name: 'export in RUN: reported, no edit', code: 'FROM node:22\nRUN export «NPM_CONFIG_STRICT_SSL=false» && npm ci\n', errors: [{ messageId: 'variable' }], output: null },
    {
      name: 'pip --trusted-host with its value',
      code: 'FROM python:3.12\nRUN pip install «--trusted-host pypi.example» -r req.txt\n',
      errors: [{ messageId: 'option', data: { command: 'pip', option: '--trusted-host' } }],
      output: 'FROM python:3.12\nRUN pip install -r req.txt\n',
    },
    {
      name: 'python -m pip, = form',
      code: 'FROM python:3.12\nRUN python3 -m pip install «--trusted-host=pypi.example» x\n',
      errors: [{ messageId: 'option' }],
      output: 'FROM python:3.12\nRUN python3 -m pip install x\n',
    },
    { name: 'sslverify written into a repo file', code: 'FROM fedora:40\nRUN «echo sslverify=0 >> /etc/yum.repos.d/x.repo»\n', errors: [{ messageId: 'config', data: { command: 'echo' } }] },
    {
      name: 'npm, git and yum configuration',
      code: 'FROM node:22\nRUN «npm config set strict-ssl false» && «git config --global http.sslVerify false» && «yum --setopt=sslverify=0 install -y x»\n',
      errors: [
        { messageId: 'config', data: { command: 'npm' } },
        { messageId: 'config', data: { command: 'git' } },
        { messageId: 'config', data: { command: 'yum' } },
      ],
    },
  ],
});
