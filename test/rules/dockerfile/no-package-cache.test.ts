import rule from '../../../server/src/engine/rules/dockerfile/no-package-cache';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n',
    { name: 'apt 3 dist-clean', code: 'FROM debian:13\nRUN apt-get install --update -y ca-certificates; apt-get dist-clean\n' },
    {
      name: 'lists removed by /bin/rm, sudo rm, or inside sh -c',
      code: 'FROM debian:12\nRUN apt-get install -y curl && /bin/rm -rf /var/lib/apt/lists/*\nRUN sudo apt-get install -y git; sudo rm -fr /var/lib/apt/lists\nRUN apt-get install -y jq && sh -c "rm -rf /var/lib/apt/lists/*"\n',
    },
    { name: 'cache mounts over the lists', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y curl\n' },
    { name: 'a build stage that does not ship', code: 'FROM ubuntu:24.04 AS build\nRUN apt-get update && apt-get install -y python3\nFROM scratch\n' },
    { name: 'tmpfs mount over the cache', code: 'FROM fedora:40\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf install -y git\n' },
    { name: 'pipx keeps no pip cache in the layer', code: 'FROM python:3.12\nRUN pipx install software\n' },
    { name: 'PIP_NO_CACHE_DIR in ENV', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN «apk add» curl\n', errors: [{ messageId: 'apkCache' }], output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
    {
      name: 'pip via python -m',
      code: 'FROM python:3.12\nRUN «python3 -m pip install» -r requirements.txt\n',
      errors: [{ messageId: 'pipCache' }],
      output: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'apt lists: clean-up appended to the RUN',
      code: 'FROM debian:12\nRUN apt-get update && «apt-get install» -y curl\n',
      errors: [{ messageId: 'aptLists' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'two apt installs and a pip install in one RUN',
      code: 'FROM debian:12\nRUN «apt-get install» -y python3; apt-get install -y python3-pip && «python3 -m pip install» --upgrade pip\n',
      errors: [{ messageId: 'aptLists' }, { messageId: 'pipCache' }],
      output: 'FROM debian:12\nRUN apt-get install -y python3; apt-get install -y python3-pip && python3 -m pip install --no-cache-dir --upgrade pip && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR=0 keeps the cache; pip2',
      code: 'FROM python:2.7\nENV PIP_NO_CACHE_DIR=0\nRUN «pip2 install» MySQL_python\n',
      errors: [{ messageId: 'pipCache' }],
      output: 'FROM python:2.7\nENV PIP_NO_CACHE_DIR=0\nRUN pip2 install --no-cache-dir MySQL_python\n',
    },
    {
      name: 'a clean covers the installs before it, not the one after',
      code: 'FROM fedora:40\nRUN dnf in -y a && microdnf clean all && «microdnf install» -y b\n',
      errors: [{ messageId: 'yumCache', data: { tool: 'microdnf' } }],
      output: null,
    },
    { name: 'dnf in', code: 'FROM fedora:40\nRUN «dnf in» -y mariadb\n', errors: [{ messageId: 'yumCache', data: { tool: 'dnf' } }], output: null },
    {
      name: 'a cache mount elsewhere does not help',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt «apt-get install» -y curl\n',
      errors: [{ messageId: 'aptLists' }],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'zypper and yarn',
      code: 'FROM opensuse/leap:15.6\nRUN «zypper install» -y x && «yarn install» --frozen-lockfile\n',
      errors: [
        { messageId: 'yumCache', data: { tool: 'zypper' } },
        { messageId: 'yumCache', data: { tool: 'yarn' } },
      ],
      output: null,
    },
    { name: 'dnf without clean', code: 'FROM fedora:40\nRUN «dnf install» -y git\n', errors: [{ messageId: 'yumCache', data: { tool: 'dnf' } }], output: null },
  ],
});
