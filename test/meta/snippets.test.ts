// The bundled snippets are hardened starting points: expanded with their defaults, they have no
// finding but the reminder to fill in placeholders the user must supply (the base image digest).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/index';
import { REPO_ROOT } from '../../scripts/generated';

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

/** Expands `${1:default}` to its default and bare tab stops to nothing, as the editor does before typing. */
export function expandSnippet(body: string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 3; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  return text.replace(/\$\{?\d+\}?/g, '');
}

/** Findings a snippet's placeholders are expected to raise until the user fills them in. */
const PLACEHOLDER_REMINDERS = new Set(['DF030/badDigest']);

const CASES: Array<[string, string, (body: string) => string]> = [
  ['dockerfile.json', 'Dockerfile', (b) => b],
  [
    'compose.json',
    'compose.yaml',
    (b) =>
      'services:\n' +
      b
        .split('\n')
        .map((l) => (l ? '  ' + l : l))
        .join('\n') +
      'secrets:\n  db_password:\n    file: ./db_password.txt\n',
  ],
  ['kubernetes.json', 'deployment.yaml', (b) => b],
];

for (const [file, uri, wrap] of CASES) {
  test(`snippets/${file} analyze clean`, () => {
    const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'snippets', file), 'utf8'));
    assert.ok(Object.keys(snippets).length > 0);
    for (const [name, snippet] of Object.entries(snippets)) {
      const result = analyze({ uri, text: wrap(expandSnippet(snippet.body)) });
      assert.notEqual(result.kind, 'unknown', name);
      const left = result.findings.filter((f) => !PLACEHOLDER_REMINDERS.has(`${f.ruleId}/${f.messageId}`));
      assert.deepEqual(
        left.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        name,
      );
    }
  });
}

test('expandSnippet uses defaults and drops bare tab stops', () => {
  assert.equal(expandSnippet(['a ${1:x} $2 ${3} ${4:y}']), 'a x   y');
});
