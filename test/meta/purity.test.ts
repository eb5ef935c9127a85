// The engine is pure TypeScript: no vscode, no Node I/O, no network. The server, CLI and tests call it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/generated';

const ALLOWED = new Set(['yaml', 'ignore', 'dockerfile-ast', 'vscode-languageserver-types', 'vscode-languageserver-textdocument']);

function* tsFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

test('engine modules import only pure dependencies', () => {
  const offenders: string[] = [];
  for (const file of tsFiles(path.join(REPO_ROOT, 'server/src/engine'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) continue;
      if (!ALLOWED.has(spec)) offenders.push(`${path.relative(REPO_ROOT, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the purity check itself catches a forbidden import', () => {
  const sample = "import * as fs from 'node:fs';\nimport { x } from 'vscode';";
  const specs = [...sample.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]).filter((s) => !ALLOWED.has(s));
  assert.deepEqual(specs, ['node:fs', 'vscode']);
});
