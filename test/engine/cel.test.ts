// The CEL environment: the Kubernetes library subset, static problems at their offsets, and the cost
// budget that stops a pathological expression.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileExpression, evaluate } from '../../server/src/engine/policy/cel/compile';
import { celNative, celValueOfPlain } from '../../server/src/engine/policy/cel/values';
import { parseQuantity, compareQuantities } from '../../server/src/engine/policy/cel/quantity';

const object = celValueOfPlain({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 3, containers: [{ name: 'web', image: 'registry.example.com/web:1.2', resources: { limits: { memory: '512Mi', cpu: '500m' } } }] },
});
const run = (text: string) => evaluate(compileExpression(text, ['object']), { object });

test('standard, strings, lists and quantity functions evaluate as in the API server', () => {
  const table: Array<[string, unknown]> = [
    ['object.spec.replicas <= 5', true],
    ['object.spec.replicas + 1', 4n],
    ["object.spec.containers.all(c, c.image.startsWith('registry.example.com/'))", true],
    ["object.spec.containers.map(c, c.name).join(',')", 'web'],
    ["'Web'.lowerAscii() + 'x'.upperAscii()", 'webX'],
    ["'a,b'.split(',').size()", 2n],
    ["object.metadata.name.matches('^[a-z]+$')", true],
    ['has(object.metadata.labels.app) && !has(object.metadata.labels.team)', true],
    ['[3, 1, 2].isSorted()', false],
    ['[1, 2, 3].sum()', 6n],
    ['[4, 9, 2].max() - [4, 9, 2].min()', 7n],
    ['[1, 2, 2].lastIndexOf(2)', 2n],
    ["quantity('1.5Gi') == quantity('1536Mi')", true],
    ["quantity(object.spec.containers[0].resources.limits.memory).isLessThan(quantity('1Gi'))", true],
    ["quantity('500m').add(quantity('1.5')).compareTo(quantity('2'))", 0n],
    ["quantity('2k').asInteger()", 2000n],
    ["isQuantity('12Zi')", false],
    ["quantity('0.1').add(quantity('0.2')) == quantity('300m')", true],
  ];
  for (const [text, expected] of table) assert.deepEqual(run(text), { value: expected }, text);
});

test('quantities are exact rationals', () => {
  assert.equal(compareQuantities(parseQuantity('1Ki')!, parseQuantity('1024')!), 0);
  assert.equal(compareQuantities(parseQuantity('1e3')!, parseQuantity('1k')!), 0);
  assert.equal(compareQuantities(parseQuantity('-1m')!, parseQuantity('0')!), -1);
  assert.equal(parseQuantity('1.2.3'), undefined);
  assert.equal(parseQuantity('Gi'), undefined);
});

test('static problems carry their offset into the expression', () => {
  const problems = (text: string, vars = ['object']) => compileExpression(text, vars).problems.map((p) => [p.kind, p.offset]);
  assert.deepEqual(problems('object.spec.replicas <= '), [['syntax', 21]]);
  assert.deepEqual(problems('object.spec.x == params.max'), [['unknownVariable', 17]]);
  assert.deepEqual(problems('object.spec.x == params.max', ['object', 'params']), []);
  assert.deepEqual(problems('object.items.all(i, i.x == 1)'), []);
  assert.deepEqual(problems("authorizer.group('apps').resource('deployments').check('create').allowed()")[0]?.[0], 'unsupported');
  assert.deepEqual(problems("object.metadata.name.find('[0-9]+') == '1'"), []);
  assert.deepEqual(problems('object.items.optMap(i, i)')[0], ['unsupported', 13]);
  assert.deepEqual(problems('object.metadata.?labels.orValue({})'), [['unsupported', 15]]);
  assert.deepEqual(problems('nosuch(object)'), [['unknownVariable', 0]]);
});

test('runtime errors point into the expression', () => {
  const outcome = run('object.spec.missing == 1');
  assert.ok('error' in outcome && /missing/.test(outcome.error) && outcome.offset === 11, JSON.stringify(outcome));
});

test('the url library reads URLs as the API server (Go ParseRequestURI) does', () => {
  const table: Array<[string, unknown]> = [
    ["url('https://user@example.com:8443/a%20b/c?x=1&x=2&y=z+w').getScheme()", 'https'],
    ["url('https://user@example.com:8443/a%20b/c').getHost()", 'example.com:8443'],
    ["url('https://example.com:8443/').getHostname()", 'example.com'],
    ["url('https://example.com:443/').getPort()", '443'],
    ["url('https://example.com/').getPort()", ''],
    ["url('https://[::1]:80/').getHostname()", '::1'],
    ["url('https://[::1]:80/').getHost()", '[::1]:80'],
    ["url('https://example.com/a%20b/c').getEscapedPath()", '/a%20b/c'],
    ["url('/absolute/path').getScheme() + url('/absolute/path').getEscapedPath()", '/absolute/path'],
    ["url('https://example.com/?x=1&x=2&y=z+w').getQuery()['x'] == ['1', '2'] && url('https://example.com/?y=z+w').getQuery()['y'] == ['z w']", true],
    ["isURL('https://example.com') && isURL('/p') && !isURL('relative/path') && !isURL('https://exa mple.com') && !isURL('https://h:port/')", true],
    ["url('https://example.com') == url('https://example.com')", true],
    ["'héllo'.reverse()", 'olléh'],
  ];
  for (const [text, expected] of table) assert.deepEqual(run(text), { value: expected }, text);
  const bad = run("url('relative/path')");
  assert.ok('error' in bad && /absolute URI or an absolute path/.test(bad.error), JSON.stringify(bad));
});

test('the ip and cidr libraries read addresses as the API server (Go netip) does', () => {
  const table: Array<[string, unknown]> = [
    ["ip('192.168.0.1').family()", 4n],
    ["ip('2001:DB8::1').family()", 6n],
    ["string(ip('2001:0db8:0:0:0:0:0:1'))", '2001:db8::1'],
    ["string(ip('1:0:0:2:0:0:0:3'))", '1:0:0:2::3'],
    ["string(ip('::'))", '::'],
    ["ip('::1') == ip('0:0:0:0:0:0:0:1')", true],
    ["ip('127.0.0.1').isLoopback() && ip('::1').isLoopback() && !ip('10.0.0.1').isLoopback()", true],
    ["ip('0.0.0.0').isUnspecified() && ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()", true],
    ["ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast() && !ip('ff05::1').isLinkLocalMulticast()", true],
    ["ip('10.0.0.1').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast() && !ip('224.1.1.1').isGlobalUnicast()", true],
    ["isIP('1.2.3.4') && !isIP('1.2.3') && !isIP('01.2.3.4') && !isIP('1.2.3.256') && !isIP('::ffff:1.2.3.4') && !isIP('fe80::1%eth0') && isIP('64:ff9b::1.2.3.4')", true],
    ["cidr('10.0.0.0/8').containsIP(ip('10.1.2.3')) && cidr('10.0.0.0/8').containsIP('10.255.0.1') && !cidr('10.0.0.0/8').containsIP('11.0.0.1')", true],
    ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.1.0.0/16').containsCIDR(cidr('10.0.0.0/8'))", true],
    ["!cidr('::/0').containsIP('1.2.3.4')", true],
    ["string(cidr('10.1.2.3/8').masked()) + ' ' + string(cidr('10.1.2.3/8').ip()) + ' ' + string(cidr('10.1.2.3/8').prefixLength())", '10.0.0.0/8 10.1.2.3 8'],
    ["isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0') && isCIDR('2001:db8::/32')", true],
  ];
  for (const [text, expected] of table) assert.deepEqual(run(text), { value: expected }, text);
  const mapped = run("ip('::ffff:1.2.3.4')");
  assert.ok('error' in mapped && /IPv4-mapped/.test(mapped.error), JSON.stringify(mapped));
});

test('an object is converted to CEL values once, whatever number of expressions read it', () => {
  // Every policy reads the same conversion: the evaluator wraps nothing again on a read.
  assert.equal(celNative(object), celNative(object));
  const bindings = { object };
  for (const text of ['object.metadata.name', 'object.spec.containers[0].image', "has(object.metadata.labels.app) && object.metadata.labels.app == 'web'"]) {
    const compiled = compileExpression(text, ['object']);
    assert.deepEqual(evaluate(compiled, bindings), evaluate(compiled, bindings));
  }
  // A comprehension variable read like a declared one; a map key that looks like a qualified name is still a key.
  assert.deepEqual(run("object.spec.containers.exists(c, c.resources.limits.memory == '512Mi')"), { value: true });
  assert.deepEqual(evaluate(compileExpression("object['a.b'] + object.a.b", ['object']), { object: celValueOfPlain({ 'a.b': 'x', a: { b: 'y' } }) }), { value: 'xy' });
});

test('a regular expression is compiled once and a bad one is an error of the evaluation', () => {
  assert.deepEqual(run("object.metadata.name.matches('^w') && object.metadata.name.matches('^w')"), { value: true });
  const bad = run("object.metadata.name.matches('(')");
  assert.ok('error' in bad, JSON.stringify(bad));
});

test('a pathological expression is stopped by the budget, not left to run', () => {
  const list = `[${Array.from({ length: 20 }, (_, i) => i).join(',')}]`;
  let text = `${list}.exists(z, false)`;
  for (const v of 'abcdef') text = `${list}.map(${v}, ${text})`;
  const outcome = run(text);
  assert.ok('exceeded' in outcome, JSON.stringify(outcome).slice(0, 200));
  // Variables chaining `x + x` would double a string forty times: its size is charged.
  const doubled = evaluate(compileExpression('object.metadata.name + object.metadata.name', ['object']), { object: celValueOfPlain({ metadata: { name: 'x'.repeat(20_000_000) } }) });
  assert.ok('exceeded' in doubled);
});
