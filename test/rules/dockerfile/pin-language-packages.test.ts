import rule from '../../../server/src/engine/rules/dockerfile/pin-language-packages';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nRUN pip install flask==3.0.3 "requests[socks]==2.32.3" && pip install -r requirements.txt && pip install .\n',
    'FROM node:22\nRUN npm ci && npm install -g typescript@5.6.3 @scope/pkg@1.2.3 && npm install\n',
    'FROM ruby:3.3\nRUN gem install rails -v 7.2.1\n',
    'FROM golang:1.23\nRUN go install example.com/tool@v1.4.2 && go install /go/app/foobar ./cmd/x\n',
    { name: 'npm tarballs and commit-pinned git sources', code: 'FROM node:22\nRUN npm install package-v1.2.3.tar git+https://github.com/npm/npm.git#0123456789abcdef\n' },
    {
      name: 'pip options with values, pinned VCS, gem pass-through flags',
      code: 'FROM python:3.12\nRUN pip3 install --trusted-host host example==1.2.2 git+https://github.com/org/x.git@v1.0#egg=x && gem install bundler:2.0.1 -- --use-system-libraries true && npm install git+ssh://git@github.com:npm/npm.git#v1.0.27\n',
    },
    {
      name: 'local directories and value options',
      code: 'FROM python:3.12\nRUN pip install foo/bar && pip install --no-cache-dir --root-user-action ignore poetry==1.8.5 && npm install --loglevel verbose sax@0.1.1\n',
    },
    { name: 'go run arguments are not packages', code: 'FROM golang:1.23\nRUN go run example.com/pkg@v1.2.3 foobar\n' },
    { name: 'upgrading pip itself', code: 'FROM python:3.12\nRUN pip install --upgrade pip setuptools wheel\n' },
    { name: 'local wheel and URL', code: 'FROM python:3.12\nRUN pip install ./dist/app.whl https://x.io/p.tar.gz\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir «flask» «gunicorn»\n',
      errors: [
        { messageId: 'unpinned', data: { tool: 'pip', package: 'flask' } },
        { messageId: 'unpinned', data: { tool: 'pip', package: 'gunicorn' } },
      ],
    },
    {
      name: 'npm global and scoped',
      code: 'FROM node:22\nRUN npm install -g «typescript» «@angular/cli»\n',
      errors: [
        { messageId: 'unpinned', data: { tool: 'npm', package: 'typescript' } },
        { messageId: 'unpinned', data: { tool: 'npm', package: '@angular/cli' } },
      ],
    },
    {
      name: 'npm git source without a commit',
      code: 'FROM node:22\nRUN npm install «git+ssh://git@github.com:npm/npm.git»\n',
      errors: [{ messageId: 'unpinned', data: { tool: 'npm', package: 'git+ssh://git@github.com:npm/npm.git' } }],
    },
    {
      name: 'pip VCS source without a ref',
      code: 'FROM python:3.12\nRUN pip install «git+https://github.com/rtfd/read-ext.git#egg=read-ext»\n',
      errors: [{ messageId: 'unpinned', data: { tool: 'pip', package: 'git+https://github.com/rtfd/read-ext.git#egg=read-ext' } }],
    },
    {
      name: 'pipx and go run',
      code: 'FROM python:3.12\nRUN pipx install «black» && go run «example.com/pkg»\n',
      errors: [
        { messageId: 'unpinned', data: { tool: 'pipx', package: 'black' } },
        { messageId: 'unpinned', data: { tool: 'go', package: 'example.com/pkg' } },
      ],
    },
    { name: 'go get', code: 'FROM golang:1.23\nRUN go get «example.com/pkg»\n', errors: [{ messageId: 'unpinned', data: { tool: 'go', package: 'example.com/pkg' } }] },
    {
      name: 'gem and go @latest',
      code: 'FROM golang:1.23\nRUN gem install «bundler» && go install «golang.org/x/tools/gopls@latest»\n',
      errors: [
        { messageId: 'unpinned', data: { tool: 'gem', package: 'bundler' } },
        { messageId: 'unpinned', data: { tool: 'go', package: 'golang.org/x/tools/gopls' } },
      ],
    },
  ],
});
