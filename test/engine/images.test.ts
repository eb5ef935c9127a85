// Image references on their own: parsing, mutable tags, registries, the OS family fixes rely on, and
// the user an image runs as by default.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { imageFamily, isTrustedRegistry, mutableTag, parseImageRef, registryHost } from '../../server/src/engine/policy/images';
import { defaultUser } from '../../server/src/engine/policy/users';

test('parseImageRef splits registry, repository, tag and digest', () => {
  assert.deepEqual(parseImageRef('node'), { registry: undefined, repository: 'node', tag: undefined, digest: undefined });
  assert.deepEqual(parseImageRef('library/node:22-alpine'), { registry: undefined, repository: 'library/node', tag: '22-alpine', digest: undefined });
  assert.deepEqual(parseImageRef('ghcr.io/org/app:1.2@sha256:abc'), { registry: 'ghcr.io', repository: 'org/app', tag: '1.2', digest: 'sha256:abc' });
  assert.deepEqual(parseImageRef('localhost:5000/app'), { registry: 'localhost:5000', repository: 'app', tag: undefined, digest: undefined });
  assert.deepEqual(parseImageRef('localhost/app:1'), { registry: 'localhost', repository: 'app', tag: '1', digest: undefined });
  // A first path part without a dot, colon or localhost is a Docker Hub namespace, not a host.
  assert.equal(parseImageRef('bitnami/redis:7')?.registry, undefined);
  assert.equal(parseImageRef('REGISTRY.Example.com/app:1')?.registry, 'registry.example.com');
});

test('parseImageRef gives up on variables, blanks and empty text', () => {
  for (const text of ['', '   ', '${BASE}', 'node:$TAG', 'a b']) assert.equal(parseImageRef(text), undefined, JSON.stringify(text));
});

test('mutableTag: untagged, latest (any case), or pinned', () => {
  const tag = (text: string) => mutableTag(parseImageRef(text)!);
  assert.equal(tag('ubuntu'), 'untagged');
  assert.equal(tag('ubuntu:latest'), 'latest');
  assert.equal(tag('Ubuntu:LATEST'), 'latest');
  assert.equal(tag('ubuntu:24.04'), undefined);
  assert.equal(tag('ubuntu@sha256:0123'), undefined);
  assert.equal(tag('ubuntu:latest@sha256:0123'), undefined);
  assert.equal(tag('localhost:5000/app'), 'untagged');
});

test('registryHost folds the Docker Hub aliases; isTrustedRegistry matches hosts and path prefixes', () => {
  assert.equal(registryHost(parseImageRef('node:22')!), 'docker.io');
  assert.equal(registryHost(parseImageRef('index.docker.io/library/node:22')!), 'docker.io');
  assert.equal(registryHost(parseImageRef('quay.io/x/y:1')!), 'quay.io');
  const trusted = (image: string, list: string[]) => isTrustedRegistry(parseImageRef(image)!, list);
  assert.equal(trusted('node:22', ['docker.io']), true);
  assert.equal(trusted('ghcr.io/acme/app:1', ['ghcr.io/acme/']), true);
  assert.equal(trusted('ghcr.io/acme-evil/app:1', ['ghcr.io/acme']), false);
  assert.equal(trusted('ghcr.io.evil.com/app:1', ['ghcr.io']), false);
  assert.equal(trusted('node:22', ['INDEX.DOCKER.IO']), true);
});

test('imageFamily from the repository name and the tag', () => {
  const cases: Array<[string, ReturnType<typeof imageFamily>]> = [
    ['alpine:3.20', 'alpine'],
    ['node:22-alpine', 'alpine'],
    ['golang:1.23-alpine3.20', 'alpine'],
    ['debian:12-slim', 'debian'],
    ['ubuntu:24.04', 'debian'],
    ['python:3.12', 'debian'],
    ['node:22-bookworm-slim', 'debian'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'rhel'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'rhel'],
    ['fedora:40', 'rhel'],
    ['rockylinux:9', 'rhel'],
    ['amazonlinux:2023', 'rhel'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['scratch', 'scratch'],
    ['SCRATCH', 'scratch'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'],
    ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'windows'],
    ['myorg/thing:1', 'unknown'],
    ['${BASE}', 'unknown'],
  ];
  for (const [image, family] of cases) assert.equal(imageFamily(image), family, image);
});

test('defaultUser: official and vendor OS images start as root; known non-root images; the rest unknown', () => {
  const cases: Array<[string, ReturnType<typeof defaultUser>]> = [
    ['debian:12', 'root'],
    ['library/node:22', 'root'],
    ['docker.io/library/python:3.12', 'root'],
    ['scratch', 'root'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'root'],
    ['public.ecr.aws/amazonlinux/amazonlinux:2023', 'root'],
    ['gcr.io/distroless/base-debian12', 'root'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'root'],
    ['gcr.io/distroless/static-debian12:nonroot', 'non-root'],
    ['cgr.dev/chainguard/node:latest', 'non-root'],
    ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'non-root'],
    ['docker:27-dind-rootless', 'non-root'],
    ['elasticsearch:8.15.0', 'non-root'],
    ['gitpod/workspace-full:latest', 'unknown'],
    ['bitnami/node:22', 'unknown'],
    ['quay.io/someone/python:3.12', 'unknown'],
    ['${BASE}', 'unknown'],
  ];
  for (const [image, user] of cases) assert.equal(defaultUser(image), user, image);
});
