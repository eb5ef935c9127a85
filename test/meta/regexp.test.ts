// No workspace text reaches a regular-expression constructor: a name or path from a file the user opened,
// compiled as a pattern, either throws (`[abc`, `a(`) or matches what it should not, and a crafted one can
// backtrack for minutes. Every pattern in the engine is written in its source; workspace strings are
// compared with string operations or the COPY pattern matcher.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../../scripts/generated';

/** String methods that compile a string argument into a RegExp. */
const COMPILING_METHODS = new Set(['match', 'matchAll', 'search']);

function* tsFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

const isLiteral = (node: ts.Node | undefined): boolean => !!node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node));

/** Names of the file's `const X = /literal/` declarations: safe arguments for `match`/`search`. */
function regexConstants(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const d of node.declarations) if (ts.isIdentifier(d.name) && d.initializer && ts.isRegularExpressionLiteral(d.initializer)) names.add(d.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** Each place in `source` where a RegExp is built from something other than a literal in the code. */
export function dynamicPatterns(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const constants = regexConstants(file);
  const out: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 80)}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      if (!isLiteral(node.arguments?.[0])) out.push(where(node));
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && COMPILING_METHODS.has(node.expression.name.text)) {
      const arg = node.arguments[0];
      const safe = isLiteral(arg) || (arg && ts.isIdentifier(arg) && constants.has(arg.text));
      if (!safe) out.push(where(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

test('no RegExp is built from a non-literal anywhere in the engine', () => {
  const offenders: string[] = [];
  for (const file of tsFiles(path.join(REPO_ROOT, 'server/src/engine'))) {
    offenders.push(...dynamicPatterns(path.relative(REPO_ROOT, file), fs.readFileSync(file, 'utf8')));
  }
  assert.deepEqual(offenders, []);
});

test('the check catches every way a string becomes a pattern, and allows literals', () => {
  const sample = [
    'const A = new RegExp(name);',
    'const B = RegExp(`^${x}$`);',
    "const C = new RegExp('a' + b, 'g');",
    'const D = text.match(word);',
    'const E = text.search(`${w}`);',
    'const F = [...text.matchAll(pattern)];',
    "const ok1 = new RegExp('^a$', 'i');",
    'const ok2 = new RegExp(/x/);',
    'const ok3 = text.match(/a|b/);',
    'const WORD = /w+/;',
    'const ok4 = text.search(WORD);',
    '// new RegExp(inAComment) is not code',
  ].join('\n');
  assert.deepEqual(
    dynamicPatterns('sample.ts', sample).map((s) => s.split(': ')[0]),
    [1, 2, 3, 4, 5, 6].map((n) => `sample.ts:${n}`),
  );
});
