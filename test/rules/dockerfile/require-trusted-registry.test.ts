import rule from '../../../server/src/engine/rules/dockerfile/require-trusted-registry';
import { ruleTester } from '../../harness/ruleTester';

const config = { trustedRegistries: ['registry.example.com', 'ghcr.io/acme', 'docker.io'] };

ruleTester(rule, {
  valid: [
    { name: 'inert until configured', code: 'FROM quay.io/x/y:1\n' },
    { name: 'trusted host', code: 'FROM registry.example.com/base/alpine:3.20\n', config },
    { name: 'trusted path prefix', code: 'FROM ghcr.io/acme/tool:1.2\n', config },
    { name: 'Docker Hub by short name when docker.io is trusted', code: 'FROM alpine:3.20\nFROM index.docker.io/library/node:22\n', config },
    { name: 'stages and scratch', code: 'FROM registry.example.com/go:1.23 AS build\nFROM scratch\nCOPY --from=build /a /a\n', config },
    { name: 'unresolved variable', code: 'ARG IMG\nFROM ${IMG}\n', config },
  ],
  invalid: [
    { code: 'FROM «quay.io/prometheus/busybox:latest»\n', config, errors: [{ messageId: 'untrusted', data: { image: 'quay.io/prometheus/busybox:latest', registry: 'quay.io' } }] },
    {
      name: 'a path prefix is not the whole host',
      code: 'FROM «ghcr.io/other/tool:1.2»\n',
      config,
      errors: [{ messageId: 'untrusted', data: { image: 'ghcr.io/other/tool:1.2', registry: 'ghcr.io' } }],
    },
    { name: 'COPY --from an external image', code: 'FROM registry.example.com/a:1\nCOPY --from=«gcr.io/distroless/static:nonroot» /x /x\n', config, errors: [{ messageId: 'untrusted' }] },
    {
      name: 'Docker Hub when only a private registry is trusted',
      code: 'FROM «alpine:3.20»\n',
      config: { trustedRegistries: ['registry.example.com'] },
      errors: [{ messageId: 'untrusted', data: { image: 'alpine:3.20', registry: 'docker.io' } }],
    },
  ],
});
