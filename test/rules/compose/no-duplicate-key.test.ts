import rule from '../../../server/src/engine/rules/compose/no-duplicate-key';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, buildFixes, mergeConfig } from '../../../server/src/engine/index';
import { dedent, ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    dedent`
      services:
        web:
          image: nginx:1.27
          privileged: false
    `,
    {
      name: 'the same key in two maps',
      code: dedent`
        services:
          web:
            image: nginx:1.27
          db:
            image: postgres:17
      `,
    },
    {
      name: 'a key a merged map also sets is an override, not a repeat',
      code: dedent`
        x-base: &base
          privileged: true
        services:
          web:
            <<: *base
            image: nginx:1.27
            privileged: false
      `,
    },
  ],
  invalid: [
    {
      name: 'privileged: false above privileged: true: the copy read is the last, and no fix picks a value',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            «privileged»: false
            read_only: true
            privileged: true
      `,
      errors: [{ messageId: 'repeated', data: { key: 'privileged', line: '6' } }],
    },
    {
      name: 'a copy written as the one read is removed',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            «read_only»: true
            privileged: false
            read_only: true
      `,
      errors: [{ messageId: 'repeated', data: { key: 'read_only', line: '6' } }],
      output: dedent`
        services:
          web:
            image: nginx:1.27
            privileged: false
            read_only: true
      `,
    },
    {
      name: 'three copies written alike: each but the last is removed',
      code: dedent`
        services:
          web:
            «user»: "10001"
            image: nginx:1.27
            «user»: "10001"
            user: "10001"
      `,
      errors: [
        { messageId: 'repeated', data: { key: 'user', line: '6' } },
        { messageId: 'repeated', data: { key: 'user', line: '6' } },
      ],
      output: dedent`
        services:
          web:
            image: nginx:1.27
            user: "10001"
      `,
    },
    {
      name: 'a block value written twice',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            «ports»:
              - "8080:80"
            ports:
              - "8080:80"
      `,
      errors: [{ messageId: 'repeated', data: { key: 'ports', line: '6' } }],
      output: dedent`
        services:
          web:
            image: nginx:1.27
            ports:
              - "8080:80"
      `,
    },
    {
      name: 'a service defined twice',
      code: dedent`
        services:
          «web»:
            image: nginx:1.27
          web:
            image: nginx:1.27
            privileged: true
      `,
      errors: [{ messageId: 'repeated', data: { key: 'web', line: '4' } }],
    },
    {
      name: 'in a flow map',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            environment: {«MODE»: "prod", MODE: "prod"}
      `,
      errors: [{ messageId: 'repeated', data: { key: 'MODE', line: '4' } }],
      output: dedent`
        services:
          web:
            image: nginx:1.27
            environment: {MODE: "prod"}
      `,
    },
    {
      name: 'a copy carrying an anchor is not removed: an alias may name it',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            «labels»: &labels {tier: web}
            labels: &labels {tier: web}
      `,
      errors: [{ messageId: 'repeated', data: { key: 'labels', line: '5' } }],
    },
    {
      name: 'with a template expression in the file the first copy is read, and Compose renders none: every other copy counts',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            privileged: false
            healthcheck:
              test: ["CMD", "docker", "inspect", "--format", "{{.State.Status}}", "web"]
            «privileged»: true
      `,
      errors: [{ messageId: 'repeated', data: { key: 'privileged', line: '4' } }],
    },
  ],
});

test('of copies written differently, only the one written as the copy read is fixed', () => {
  const text = dedent`
    services:
      web:
        user: root
        image: nginx:1.27
        user: "10001"
        user: "10001"
  `;
  const { findings } = analyze({ uri: 'file:///ws/compose.yaml', text }, mergeConfig({}));
  buildFixes(findings);
  const own = findings.filter((f) => f.ruleId === rule.meta.id);
  assert.deepEqual(
    own.map((f) => [f.range.start.line, f.fixes.map((fix) => fix.edits.length)]),
    [
      [2, []],
      [4, [1]],
    ],
  );
});
