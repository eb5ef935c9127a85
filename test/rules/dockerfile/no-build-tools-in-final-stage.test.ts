import rule from '../../../server/src/engine/rules/dockerfile/no-build-tools-in-final-stage';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12 AS build\nRUN apt-get install -y gcc make\nFROM debian:12-slim\nRUN apt-get install -y --no-install-recommends ca-certificates\n',
    { name: 'single-stage builds are out of scope', code: 'FROM debian:12\nRUN apt-get install -y gcc\n' },
    {
      name: 'apk virtual packages are removed again',
      code: 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps\n',
    },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nFROM debian:12\nRUN apt-get install -y «git» curl «build-essential»\n',
      errors: [
        { messageId: 'buildTool', data: { package: 'git' } },
        { messageId: 'buildTool', data: { package: 'build-essential' } },
      ],
    },
    { name: 'apk', code: 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nRUN apk add --no-cache «gcc» «musl-dev»\n', errors: [{ messageId: 'buildTool' }, { messageId: 'buildTool' }] },
  ],
});
