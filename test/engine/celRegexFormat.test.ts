// The Kubernetes regex library (`find`, `findAll` with and without a limit: Go's FindString and
// FindAllString over RE2) and format library (`format.<name>()`, `format.named`, `validate` with the API
// server's error strings, optionals), evaluated as the API server does, statically checked, and bounded.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileExpression, evaluate, type Outcome } from '../../server/src/engine/policy/cel/compile';
import { celValueOfPlain } from '../../server/src/engine/policy/cel/values';
import { CostBudget } from '../../server/src/engine/policy/cel/budget';
import fc from 'fast-check';
import { assertNearLinear } from '../harness/complexity';

const run = (text: string, object: unknown = {}): Outcome => evaluate(compileExpression(text, ['object']), { object: celValueOfPlain(object) });
/** The value of `text` as plain data (lists as arrays), or the outcome when it is not a value. */
function valueOf(text: string, object?: unknown): unknown {
  const outcome = run(text, object);
  if (!('value' in outcome)) return outcome;
  const plain = (v: unknown): unknown => (typeof v === 'object' && v !== null && Symbol.iterator in v && typeof v !== 'string' ? [...(v as Iterable<unknown>)].map(plain) : v);
  return plain(outcome.value);
}

test('find and findAll return what Go FindString and FindAllString return (leftmost-first, empty matches)', () => {
  const table: Array<[string, unknown]> = [
    ["'abc 123'.find('[0-9]+')", '123'],
    // An empty match at the start is the leftmost match (the library's doc comment says '123'; Go says '').
    ["'abc 123'.find('[0-9]*')", ''],
    ["'abc 123'.find('xyz')", ''],
    ["'123 abc 456'.findAll('[0-9]+')", ['123', '456']],
    ["'123 abc 456'.findAll('[0-9]+', 1)", ['123']],
    ["'123 abc 456'.findAll('[0-9]+', 0)", []],
    ["'123 abc 456'.findAll('[0-9]+', -1)", ['123', '456']],
    ["'123 abc 456'.findAll('xyz')", []],
    // No empty match right after a match; one per position elsewhere.
    ["'123 abc 456'.findAll('[0-9]*')", ['123', '', '', '', '', '456']],
    ["'aaa'.findAll('a*?')", ['', '', '', '']],
    // Alternatives in order, not the longest.
    ["'abab'.findAll('a|ab')", ['a', 'a']],
    ["'abab'.findAll('ab|a')", ['ab', 'ab']],
    ["'aaa'.find('a+?')", 'a'],
    ["'aaa'.find('a{2}')", 'aa'],
    // Assertions see the whole text, not the rest after the previous match.
    ["'ab ab'.findAll('^ab')", ['ab']],
    ["'foo bar'.find('\\\\bbar')", 'bar'],
    ["'foobar'.find('\\\\bbar')", ''],
    ["'x\\ny'.findAll('(?m)^.')", ['x', 'y']],
    ["'Hello World'.findAll('(?i)[a-z]+')", ['Hello', 'World']],
    ["'héllo wörld 😀x'.findAll('[^ ]+')", ['héllo', 'wörld', '😀x']],
    ["'😀😀'.findAll('.')", ['😀', '😀']],
    ["'registry.example.com/web:1.2'.find('[^/]+$')", 'web:1.2'],
    ["'a-b_c'.findAll('[[:alpha:]]')", ['a', 'b', 'c']],
  ];
  for (const [text, expected] of table) assert.deepEqual(valueOf(text), expected, text);
});

test('an invalid pattern: a constant one is refused with the policy, one built at evaluation is an error', () => {
  const problems = compileExpression("object.name.find('(')", ['object']).problems;
  assert.deepEqual(
    problems.map((p) => [p.kind, p.offset, p.message]),
    [['syntax', 17, 'Illegal regex: error parsing regexp: missing closing ): `(`']],
  );
  assert.equal(compileExpression("object.name.matches('[z-a]')", ['object']).problems[0]?.kind, 'syntax');
  assert.equal(compileExpression("matches(object.name, '[')", ['object']).problems[0]?.kind, 'syntax');
  const dynamic = run('object.name.findAll(object.pattern).size() == 0', { name: 'x', pattern: '(' });
  assert.ok('error' in dynamic && dynamic.error.startsWith('Illegal regex: '), JSON.stringify(dynamic));
  assert.deepEqual(valueOf('object.name.find(object.pattern)', { name: 'web-1', pattern: '[0-9]+' }), '1');
});

test('find over a long text is linear and charged to the budget', () => {
  const text = (n: number) => `${'ab '.repeat(n)}end`;
  const object = (n: number) => celValueOfPlain({ s: text(n) });
  const compiled = compileExpression("object.s.findAll('[a-z]+b').size()", ['object']);
  assert.deepEqual(evaluate(compiled, { object: object(1000) }), { value: 1000n });
  // A budget per run: the limit of one evaluation is not what is measured.
  assertNearLinear(object, (o) => evaluate(compiled, { object: o }, new CostBudget(Number.MAX_SAFE_INTEGER, 60_000)), { n: 20_000 });
  const starved = evaluate(compiled, { object: object(20_000) }, new CostBudget(100));
  assert.ok('exceeded' in starved, 'a budget of 100 units does not cover 20,000 searches');
});

test('format validators return optional.none() for valid strings and the API server error strings otherwise', () => {
  const errors = (format: string, value: string) => valueOf(`format.${format}().validate(${JSON.stringify(value)}).orValue([])`);
  const dns1123 =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  const subdomain =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const dns1035 =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  const nameRegex =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const table: Array<[string, string, string[]]> = [
    ['dns1123Label', 'my-name', []],
    ['dns1123Label', 'My_Name', [dns1123]],
    ['dns1123Label', 'a.b', ['must not contain dots']],
    ['dns1123Label', 'a'.repeat(64), ['must be no more than 63 characters']],
    ['dns1123Label', '-a', [dns1123]],
    ['dns1123LabelPrefix', 'my-prefix-', []],
    ['dns1123Subdomain', 'apiextensions.k8s.io', []],
    ['dns1123Subdomain', 'Example.com', [subdomain]],
    ['dns1123SubdomainPrefix', 'mysubdomain.prefix.-', []],
    ['dns1035Label', 'my-label-name', []],
    ['dns1035Label', '1abc', [dns1035]],
    ['dns1035LabelPrefix', 'my-label-prefix-', []],
    ['qualifiedName', 'apiextensions.k8s.io/v1beta1', []],
    ['qualifiedName', 'MyName', []],
    ['qualifiedName', '/x', ['prefix part must be non-empty']],
    ['qualifiedName', 'a/-b', [nameRegex]],
    ['qualifiedName', 'a/b/c', [`a valid label key ${nameRegex.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    ['labelValue', '', []],
    ['labelValue', 'my_value.1', []],
    ['labelValue', 'x'.repeat(64), ['must be no more than 63 bytes']],
    ['uri', 'http://example.com', []],
    ['uri', '/path', []],
    ['uri', 'example.com', ['parse "example.com": invalid URI for request']],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', []],
    ['uuid', '123E4567E89B12D3A456426614174000', []],
    ['uuid', '123e4567', ['does not match the UUID format']],
    ['byte', 'aGVsbG8=', []],
    ['byte', 'aGVsbG8', ['invalid base64']],
    ['date', '2021-01-01', []],
    ['date', '2024-02-29', []],
    ['date', '2021-02-29', ['invalid date']],
    ['date', '2021-1-01', ['invalid date']],
    ['datetime', '2021-01-01T00:00:00Z', []],
    ['datetime', '2021-01-01t23:59:59.5+02:00', []],
    ['datetime', '2021-01-01T24:00:00Z', ['invalid datetime']],
    ['datetime', '2021-01-01', ['invalid datetime']],
  ];
  for (const [format, value, expected] of table) assert.deepEqual(errors(format, value), expected, `${format} ${value}`);
});

test('format.named and optional values', () => {
  const table: Array<[string, unknown]> = [
    ["format.named('dns1123Label').hasValue()", true],
    ["format.named('nope').hasValue()", false],
    ["format.named('labelValue').value().validate('ok').hasValue()", false],
    ["format.dns1123Label().validate('Bad').value().size()", 1n],
    ["format.dns1123Label().validate('Bad').value().join('; ').startsWith('a lowercase RFC 1123 label')", true],
    ['!format.dns1123Label().validate(object.metadata.name).hasValue()', true],
    ['optional.of(1).value()', 1n],
    ['optional.none().orValue(2)', 2n],
    ['optional.none() == optional.none()', true],
  ];
  for (const [text, expected] of table) assert.deepEqual(valueOf(text, { metadata: { name: 'web' } }), expected, text);
  const dereference = run('optional.none().value()');
  assert.ok('error' in dereference && dereference.error === 'optional.none() dereference', JSON.stringify(dereference));
});

test('the libraries are type-checked: unknown formats, result types, the optional macros still unsupported', () => {
  const problems = (text: string) => compileExpression(text, ['object']).problems.map((p) => [p.kind, p.offset, p.message]);
  assert.deepEqual(problems("format.dns1123Label().validate('x').hasValue()"), []);
  assert.deepEqual(problems("format.nope().validate('x')"), [['unknownVariable', 0, "undeclared reference to function 'format.nope'"]]);
  assert.deepEqual(problems("object.s.findAll('a', 2).size() > 0 && object.s.find('a') == 'a'"), []);
  assert.deepEqual(problems('object.x.optMap(v, v)')[0]?.[0], 'unsupported');
  const typeOf = (text: string) => compileExpression(text, ['object']).resultType;
  assert.equal(typeOf("object.s.find('a')"), 'string');
  assert.equal(typeOf("object.s.findAll('a')"), 'list');
  assert.equal(typeOf("format.dns1123Label().validate('x')"), 'optional');
  assert.equal(typeOf("format.dns1123Label().validate('x').hasValue()"), 'bool');
});

test('find agrees with a backtracking engine on patterns where leftmost-first is the same (property)', () => {
  // JavaScript's RegExp also prefers alternatives in order and greedy or lazy repetition as written: on
  // patterns without backreferences or nullable repetitions, its first match is Go's.
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', ' ', '\\b', '^', '$');
  const quantified = fc.tuple(fc.constantFrom('a', 'b', '.', '[ab]', '[^a]'), fc.constantFrom('', '*', '+', '?', '*?', '+?', '??', '{1,2}', '{2}')).map(([a, q]) => a + q);
  const sequence = fc.array(fc.oneof(atom, quantified), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
  const pattern = fc.array(sequence, { minLength: 1, maxLength: 3 }).map((alternatives) => (alternatives.length > 1 ? `(?:${alternatives.join('|')})` : alternatives[0]));
  const text = fc.stringMatching(/^[ab ]{0,12}$/);
  fc.assert(
    fc.property(pattern, text, (p, s) => {
      const expected = new RegExp(p).exec(s)?.[0] ?? '';
      assert.deepEqual(run(`object.s.find(${JSON.stringify(p)})`, { s }), { value: expected }, `${p} on ${JSON.stringify(s)}`);
    }),
    { numRuns: 2000 },
  );
});

test('ip.isCanonical, a function of the ip namespace', () => {
  const table: Array<[string, unknown]> = [
    ["ip.isCanonical('127.0.0.1')", true],
    ["ip.isCanonical('2001:db8::abcd')", true],
    ["ip.isCanonical('2001:DB8::ABCD')", false],
    ["ip.isCanonical('2001:db8::0:0:0:abcd')", false],
    ["ip('::1').family() == 6 && ip.isCanonical('::1')", true],
  ];
  for (const [text, expected] of table) assert.deepEqual(valueOf(text), expected, text);
  const invalid = run("ip.isCanonical('1.2.3')");
  assert.ok('error' in invalid, JSON.stringify(invalid));
});
