import rule from '../../../server/src/engine/rules/dockerfile/no-eol-image';
import { ruleTester } from '../../harness/ruleTester';

// The clock is fixed: the table's dates are judged against this day, whatever the day the tests run.
const config = { today: '2026-12-06' };
const df = (from: string) => `${from}\nUSER 10001\n`;

ruleTester(rule, {
  valid: [
    { code: df('FROM python:3.12-slim-bookworm'), config },
    { name: 'moving aliases name no release', code: df('FROM python:3\nFROM node:lts-alpine\nFROM debian:stable-slim\nFROM nginx:latest'), config },
    { name: 'images the table does not know', code: df('FROM ghcr.io/acme/python:2.7\nFROM example/app:1.0'), config },
    { name: 'a supported UBI', code: df('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4'), config },
    { name: 'the same image was supported on an earlier day', code: df('FROM golang:1.19-alpine'), config: { today: '2023-01-15' } },
  ],
  invalid: [
    {
      name: 'runtime and OS variant both ended: both replaced',
      code: df('FROM «python:3.7-slim-buster» AS build'),
      config,
      errors: [{ messageId: 'endOfLife', data: { image: 'python:3.7-slim-buster', release: 'Python 3.7', date: '2023-06-27', replacement: 'python:3.11-slim-bookworm' } }],
      output: df('FROM python:3.11-slim-bookworm AS build'),
    },
    {
      name: 'a codename tag keeps the codename style',
      code: df('FROM «debian:stretch-slim»'),
      config,
      errors: [{ messageId: 'endOfLife', data: { release: 'Debian 9 (Stretch)', replacement: 'debian:bookworm-slim' } }],
      output: df('FROM debian:bookworm-slim'),
    },
    {
      name: 'COPY --from an ended image, Alpine variant',
      code: 'FROM scratch\nCOPY --from=«golang:1.19-alpine3.16» /usr/local/go /go\nUSER 10001\n',
      config,
      errors: [{ messageId: 'endOfLife', data: { release: 'Go 1.19', replacement: 'golang:1.26-alpine3.22' } }],
      output: 'FROM scratch\nCOPY --from=golang:1.26-alpine3.22 /usr/local/go /go\nUSER 10001\n',
    },
    {
      name: 'a digest pinned the old release: dropped with it; .0 components kept',
      code: df('FROM «mcr.microsoft.com/dotnet/aspnet:6.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef»'),
      config,
      errors: [{ messageId: 'endOfLife', data: { release: '.NET 6', replacement: 'mcr.microsoft.com/dotnet/aspnet:10.0' } }],
      output: df('FROM mcr.microsoft.com/dotnet/aspnet:10.0'),
    },
    {
      name: 'no supported successor: reported, no edit',
      code: df('FROM «centos:7»'),
      config,
      errors: [{ messageId: 'endOfLife', data: { release: 'CentOS 7', date: '2024-06-30', advice: 'no newer CentOS release is supported: move to another one' } }],
      output: null,
    },
    {
      name: 'within 90 days of the end',
      code: df('FROM «php:8.2-fpm»'),
      config,
      errors: [{ messageId: 'nearEnd', data: { release: 'PHP 8.2', date: '2026-12-31', replacement: 'php:8.3-fpm' }, severity: 'info' }],
      output: df('FROM php:8.3-fpm'),
    },
  ],
});
