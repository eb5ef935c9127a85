import rule from '../../../server/src/engine/rules/dockerfile/pin-base-image';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\n',
    'FROM node:22.11-alpine3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    { name: 'latest with a digest is pinned', code: 'FROM node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    { name: 'earlier stage, any case', code: 'FROM golang:1.23 AS Build\nFROM build\nFROM BUILD\n' },
    { name: 'unresolved build argument', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'resolved build argument with a tag', code: 'ARG TAG=3.20\nFROM alpine:${TAG}\n' },
    { name: 'COPY --from a stage or a stage index', code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\n' },
    { name: 'COPY --from a stage defined further down', code: 'FROM alpine:3.20 AS out\nCOPY --from=later /a /a\nFROM alpine:3.20 AS later\n' },
    { name: 'registry with a port is not a tag', code: 'FROM localhost:5000/team/app:1.2\n' },
  ],
  invalid: [
    { code: 'FROM «node:latest»\n', errors: [{ messageId: 'latest', data: { image: 'node:latest' } }] },
    { code: 'FROM «ubuntu» AS base\n', errors: [{ messageId: 'untagged', data: { image: 'ubuntu' } }] },
    { name: 'registry with a port, untagged', code: 'FROM «localhost:5000/app»\n', errors: [{ messageId: 'untagged' }] },
    { name: 'platform flag', code: 'FROM --platform=$BUILDPLATFORM «golang» AS build\n', errors: [{ messageId: 'untagged' }] },
    { name: 'ARG default resolving to latest', code: 'ARG IMG=node:latest\nFROM «${IMG}»\n', errors: [{ messageId: 'latest', data: { image: 'node:latest' } }] },
    { name: 'COPY --from an external latest image', code: 'FROM alpine:3.20\nCOPY --from=«nginx:latest» /etc/nginx /etc/nginx\n', errors: [{ messageId: 'latest', data: { image: 'nginx:latest' } }] },
    { name: 'every stage counts', code: 'FROM «golang» AS build\nFROM «alpine:latest»\n', errors: [{ messageId: 'untagged' }, { messageId: 'latest' }] },
  ],
});
