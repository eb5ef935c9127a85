import rule from '../../../server/src/engine/rules/dockerfile/no-update-without-install';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'FROM alpine:3.20\nRUN apk update && apk add curl\n',
    { name: 'zypper refresh and install together', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive refresh && zypper --non-interactive install -y curl\n' },
    { name: 'pacman refreshes and installs in one operation', code: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm curl\nRUN pacman -Sy --noconfirm git\n' },
    { name: "zypper update upgrades packages (DF022's), it is not an index refresh", code: 'FROM opensuse/leap:15.6\nRUN zypper update -y\n' },
    { name: 'no update at all', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN «apt-get update»\nRUN apt-get install -y curl\n',
      errors: [{ messageId: 'updateAlone', data: { tool: 'apt-get', action: 'update' } }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    { name: 'no later install: reported, no edit', code: 'FROM debian:12\nRUN «apt-get update» -q\n', errors: [{ messageId: 'updateAlone' }], output: null },
    {
      name: 'the next install is a heredoc script: the update cannot be put in front of it, no edit',
      code: 'FROM debian:12\nRUN «apt-get update»\nRUN <<EOF\napt-get install -y curl\nEOF\n',
      errors: [{ messageId: 'updateAlone' }],
      output: null,
    },
    {
      name: 'zypper refresh',
      code: 'FROM opensuse/leap:15.6\nRUN «zypper --non-interactive refresh»\nRUN zypper --non-interactive install -y curl\n',
      errors: [{ messageId: 'updateAlone', data: { tool: 'zypper', action: 'refresh' } }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive refresh && zypper --non-interactive install -y curl\n',
    },
    {
      name: 'pacman -Sy alone (a partial upgrade later)',
      code: 'FROM archlinux:base\nRUN «pacman -Sy»\nRUN pacman -S --noconfirm curl\n',
      errors: [{ messageId: 'updateAlone', data: { tool: 'pacman', action: '-Sy' } }],
      output: 'FROM archlinux:base\nRUN pacman -Sy && pacman -S --noconfirm curl\n',
    },
    { name: 'apk, with options', code: 'FROM alpine:3.20\nRUN set -e; «apk -q update»\n', errors: [{ messageId: 'updateAlone', data: { tool: 'apk' } }] },
  ],
});
