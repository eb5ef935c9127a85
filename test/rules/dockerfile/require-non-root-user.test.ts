import rule from '../../../server/src/engine/rules/dockerfile/require-non-root-user';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nUSER 10001\nCMD ["app"]\n',
    { name: 'named user', code: 'FROM debian:12\nRUN useradd -u 10001 app\nUSER app\n' },
    { name: 'root only in a build stage', code: 'FROM golang:1.23 AS build\nUSER root\nRUN go build\nFROM alpine:3.20\nUSER 10001:10001\n' },
    { name: 'root for build steps, then non-root', code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001\n' },
    { name: 'inherits a non-root USER from an earlier stage', code: 'FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nCMD ["app"]\n' },
    { name: 'distroless nonroot tag', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    { name: 'Chainguard images run as nonroot', code: 'FROM cgr.dev/chainguard/static:latest\nCOPY app /app\n' },
    { name: 'Windows nanoserver defaults to ContainerUser', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe"]\n' },
    { name: 'no FROM at all', code: '# just a comment\n' },
    { name: 'USER with a variable is not provably root', code: 'FROM alpine:3.20\nARG UID=10001\nUSER ${UID}\n' },
    { name: 'official image that defaults to a non-root user', code: 'FROM elasticsearch:8.15.0\nCOPY x.yml /usr/share/elasticsearch/config/\n' },
    { name: 'rootless variant', code: 'FROM docker:27-dind-rootless\nCMD ["dockerd-entrypoint.sh"]\n' },
  ],
  invalid: [
    {
      name: 'Alpine: account created with adduser, USER before CMD',
      code: '«FROM node:22-alpine»\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      errors: [{ messageId: 'noUser' }],
      output: 'FROM node:22-alpine\nCOPY . /app\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\nCMD ["node", "/app/server.js"]\n',
    },
    {
      name: 'Debian family (python) without CMD: appended at the end',
      code: '«FROM python:3.12-slim»\nRUN pip install flask',
      errors: [{ messageId: 'noUser' }],
      output:
        'FROM python:3.12-slim\nRUN pip install flask\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\n',
    },
    {
      name: 'UBI uses useradd; only the final stage counts',
      code: 'FROM golang:1.23 AS build\nUSER 10001\nRUN go build\n«FROM registry.access.redhat.com/ubi9/ubi:9.4»\nENTRYPOINT ["/app"]\n',
      errors: [{ messageId: 'noUser' }],
      output:
        'FROM golang:1.23 AS build\nUSER 10001\nRUN go build\nFROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin app\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'scratch and distroless: numeric nonroot 65532 without RUN',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app\n«FROM scratch»\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ messageId: 'noUser' }],
      output: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'ARG-expanded base image, CRLF',
      code: 'ARG BASE=alpine:3.20\r\n«FROM ${BASE}»\r\nCMD ["app"]\r\n',
      errors: [{ messageId: 'noUser' }],
      output: 'ARG BASE=alpine:3.20\r\nFROM ${BASE}\r\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app\r\nUSER 10001:10001\r\nCMD ["app"]\r\n',
    },
    {
      name: 'USER root last: keep it for the build, switch before CMD',
      code: 'FROM debian:12\nUSER «root»\nRUN apt-get update\nCMD ["app"]\n',
      errors: [{ messageId: 'rootUser', data: { user: 'root' } }],
      output: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001:10001\nCMD ["app"]\n',
    },
    {
      name: 'USER 0:0 with nothing run after it is changed in place, lower-case instruction',
      code: 'FROM alpine:3.20\nuser «0:0»\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ messageId: 'rootUser', data: { user: '0:0' } }],
      output: 'FROM alpine:3.20\nuser 10001:10001\nCOPY app /app\nCMD ["/app"]\n',
    },
    {
      name: 'quoted root',
      code: 'FROM debian:12\nUSER «"root"»\n',
      errors: [{ messageId: 'rootUser', data: { user: 'root' } }],
      output: 'FROM debian:12\nUSER 10001:10001\n',
    },
    {
      name: 'root inherited from an earlier stage',
      code: 'FROM alpine:3.20 AS base\nUSER «root»\nFROM base\nCMD ["app"]\n',
      errors: [{ messageId: 'rootUser', data: { user: 'root' } }],
      output: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nUSER 10001:10001\nCMD ["app"]\n',
    },
    {
      name: 'Windows ContainerAdministrator with the backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER «ContainerAdministrator»\nRUN echo a `\n  b\n',
      errors: [{ messageId: 'rootUser', data: { user: 'ContainerAdministrator' } }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\nRUN echo a `\n  b\nUSER ContainerUser\n',
    },
    // Lines appended after the last instruction must stay instructions of their own.
    {
      name: 'a line continuation that continues nothing at the end of the file is removed, not extended',
      code: '«FROM alpine:3.20»\nRUN apk add curl \\\n',
      errors: [{ messageId: 'noUser' }],
      output: 'FROM alpine:3.20\nRUN apk add curl \nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\n',
    },
    {
      name: 'a dangling continuation followed by blank and comment lines, no final line break',
      code: '«FROM gcr.io/distroless/static-debian12»\nCOPY app /app \\\t\n\n# the end',
      errors: [{ messageId: 'noUser' }],
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app \n\n# the end\nUSER 65532:65532\n',
    },
    {
      name: 'a dangling backtick continuation under # escape=`, CRLF, after USER root',
      code: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nUSER «ContainerAdministrator»\r\nRUN dir `\r\n',
      errors: [{ messageId: 'rootUser', data: { user: 'ContainerAdministrator' } }],
      output: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nUSER ContainerAdministrator\r\nRUN dir \r\nUSER ContainerUser\r\n',
    },
    {
      name: 'after a heredoc RUN: appended after its terminator, the body untouched',
      code: '«FROM alpine:3.20»\nRUN <<EOF\napk add curl \\\nEOF\n',
      errors: [{ messageId: 'noUser' }],
      output: 'FROM alpine:3.20\nRUN <<EOF\napk add curl \\\nEOF\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\n',
    },
    {
      name: 'a heredoc never closed runs to the end of the file: nothing can be appended, no fix',
      code: '«FROM alpine:3.20»\nRUN <<EOF\napk add curl\n',
      errors: [{ messageId: 'noUser' }],
      output: null,
    },
    {
      name: 'a heredoc whose delimiter is an empty quoted word never closes either: no fix',
      code: '«FROM alpine:3.20»\nCOPY <<" /etc/motd\n',
      errors: [{ messageId: 'noUser' }],
      output: null,
    },
    {
      name: 'a terminator on the last line without a line break closes its heredoc',
      code: '«FROM alpine:3.20»\nCOPY <<EOF /etc/motd\nhi\nEOF',
      errors: [{ messageId: 'noUser' }],
      output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhi\nEOF\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\n',
    },
  ],
});
