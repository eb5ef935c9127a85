// .dockerignore matching as BuildKit does it (moby/patternmatcher, fsutil), without a RegExp: the
// lines `**/`×25 + `x` (catastrophic backtracking in @balena/dockerignore's RegExp), `[z-a]` and
// `logs/(` (it threw "Range out of order", "Unterminated group") are read in linear time and never throw.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDockerIgnore } from '../../server/src/engine/parse/dockerIgnore';
import { analyze, memoryHost } from '../../server/src/engine/index';
import { assertNearLinear } from '../harness/complexity';

/** [.dockerignore text, path, whether the builder leaves the path out] */
type Row = [string, string, boolean];

function check(rows: Row[]): void {
  const wrong = rows.filter(([text, path, expected]) => parseDockerIgnore(text).ignores(path) !== expected);
  assert.deepEqual(wrong, []);
}

test('patterns: Go filepath.Match within a segment, ** across directories (cases of patternmatcher_test.go)', () => {
  check([
    ['*', 'fileutils.go', true],
    ['*.go', 'fileutils.go', true],
    ['*.go', 'src/fileutils.go', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a/*.txt', 'a/dir/file.txt', false],
    ['a/*.txt', 'a/file.txt', true],
    ['abc?def', 'abcZdef', true],
    ['abc?def', 'abcdef', false],
    ['a?b', 'a/b', false],
    ['a?c', 'aéc', true],
    ['a[b-d]e', 'ace', true],
    ['a[b-d]e', 'aae', false],
    ['a[^b-d]e', 'aze', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a\\\\', 'a\\', true],
    ['**', 'dir/file', true],
    ['**/', 'file', true],
    ['**/**', 'dir/file', true],
    ['dir/**', 'dir/dir2/file', true],
    ['abc/**', 'abc', false],
    ['abc/**', 'abc/def/ghi', true],
    ['**/dir', 'dir', true],
    ['**/dir', 'dir/file', true],
    ['**/dir2/*', 'dir/dir2/file', true],
    ['**/dir2/**', 'dir/dir2/dir3/file', true],
    ['**/foo/bar', 'foo/bar', true],
    ['**/foo/bar', 'dir/dir2/foo/bar', true],
    ['**/*.txt', 'file.txt', true],
    ['**/**/*.txt', 'dir/dir/file.txt', true],
    ['**/**/*.txt2', 'dir/dir/file.txt', false],
    ['**/file*.txt*', 'dir/dir/file.txt', true],
    ['**/.foo', '.foo', true],
    ['**/.foo', 'bar.foo', false],
    ['a**/*.txt', 'a/dir/dir/file.txt', true],
    ['a/*.txt**', 'a/file.txt', true],
    // A leading `**` before a literal rest is a suffix (patternmatcher's suffixMatch); before a wildcard it is `**/`.
    ['**file', 'dir/dir/file', true],
    ['**.pyc', 'app/cache/mod.pyc', true],
    ['**.pyc', 'app/cache/mod.py', false],
    ['**x*', 'a/bx', false],
    ['**x*', 'a/xb', true],
    // Characters a RegExp would read are plain; so is a `/` inside the pattern.
    ['.*', '.foo', true],
    ['.*', 'foo', false],
    ['abc.def', 'abcZdef', false],
    ['a(b)c/def', 'a(b)c/def', true],
    ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
    ['logs/(', 'logs/(', true],
    ['^a*', 'abc', false],
    // A class may match `/`, as in Go (filepath.Match checks no separator in a class).
    ['a[^x]b', 'a/b', true],
    // Intended differences: BuildKit's RegExp translation leaves `|`, `{`, `}` and letter escapes to Go's
    // RegExp (`*.log|b` would be an alternation, `\\b` a word boundary); here they are plain characters,
    // as in filepath.Match, which BuildKit uses to check the pattern.
    ['*.log|b', 'x.log|b', true],
    ['*.log|b', 'x.log', false],
    ['a\\b*', 'ab', true],
    ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
    // Case counts, as on Linux.
    ['.ENV', '.env', false],
  ]);
});

test('reading: comments, blanks, spaces, BOM, CRLF, cleaning and a leading / as ignorefile.ReadAll does', () => {
  check([
    ['# .env\n', '.env', false],
    [' # .env\n', '# .env', true],
    ['\uFEFF.env\n', '.env', true],
    ['\n\n  .env  \r\n\n', '.env', true],
    ['/.env', '.env', true],
    ['//secrets//', 'secrets/key', true],
    ['./config/../.env', '.env', true],
    ['secrets/', 'secrets/key', true],
    ['secrets/.', 'secrets/key', true],
    ['.', 'anything', false],
    ['../.env', '.env', false],
    ['.env', '', false],
    // Paths are cleaned too, and never climb above the context.
    ['.env', './app/../.env', true],
    ['.env', '../.env', true],
  ]);
});

test('applying: patterns in order, exceptions, and what a matched directory holds for what is under it', () => {
  check([
    ['!fileutils.go\n*.go', 'fileutils.go', true],
    ['*.go\n!fileutils.go', 'fileutils.go', false],
    ['docs\n!docs/README.md', 'docs/README.md', false],
    ['docs\n!docs/README.md', 'docs/other.md', true],
    ['docs/*\n!docs/README.md', 'docs/README.md', false],
    ['*.md\n!README*.md\nREADME-secret.md', 'README-secret.md', true],
    ['*.md\n!README*.md\nREADME-secret.md', 'README.md', false],
    ['**\n!util/docker/web', 'util/docker/web/foo', false],
    ['**\n!util/docker/web\nutil/docker/web/foo', 'util/docker/web/foo', true],
    ['config\n!config/app.yaml', 'config/app.yaml', false],
    ['config/\n!config/keep/', 'config/keep/a/b', false],
    // The walk tests an exception on a directory only once that directory is excluded: `!b` is
    // skipped at `b` (nothing excluded it), and `b/c` is excluded below it and does not match `b`.
    ['?/**\n!b', 'b/c', true],
    ['?/**\n!b/c', 'b/c', false],
    // Open, which reads each listed file, lets a pattern match any parent: `a` matched `a` after the
    // exception, so `a/b` is listed by the walk but its content is refused (it reaches the builder empty).
    ['a\n!a/b\na', 'a/b', true],
  ]);
});

test('lines BuildKit rejects are listed with their reason, exclude nothing, and leave the other lines working', () => {
  const text = '.env\n[z-a]\nlogs/(\n[abc\n!\n !/\nkeys\\\n[]\n' + `${'x'.repeat(70_000)}\n` + 'secret.pem\n';
  const matcher = parseDockerIgnore(text);
  assert.deepEqual(
    matcher.invalid.map(({ line, reason }) => [line, reason]),
    [
      [2, 'backwardRange'],
      [4, 'syntax'],
      [5, 'loneExclamation'],
      [6, 'loneExclamation'],
      [7, 'syntax'],
      [8, 'syntax'],
      [9, 'tooLong'],
    ],
  );
  assert.equal(matcher.invalid[0].text, '[z-a]');
  for (const path of ['z', 'a', '[abc', 'keys\\', 'x'.repeat(70_000)]) assert.equal(matcher.ignores(path), false, path);
  for (const path of ['.env', 'logs/(', 'secret.pem']) assert.equal(matcher.ignores(path), true, path);
  // A line of 64 KiB - 1 bytes is still read (UTF-8 bytes count, not characters).
  assert.deepEqual(parseDockerIgnore(`${'x'.repeat(65_535)}`).invalid, []);
  assert.equal(parseDockerIgnore(`${'é'.repeat(32_768)}`).invalid[0]?.reason, 'tooLong');
});

test('** repeated before a deep path is answered at once, and correctly', () => {
  const matcher = parseDockerIgnore(`${'**/'.repeat(25)}x`);
  assert.equal(matcher.ignores(`${'a/'.repeat(30)}y`), false);
  assert.equal(matcher.ignores(`${'a/'.repeat(30)}x`), true);
  assert.equal(matcher.ignores(`${'a/'.repeat(30)}x/y`), true);
});

test('matching time grows linearly with the pattern and with the path, however the stars are arranged', () => {
  // A new path each time: the matcher remembers its answers.
  let calls = 0;
  const fresh = (matcher: ReturnType<typeof parseDockerIgnore>, path: string) => matcher.ignores(`${path}/${calls++}`);
  const deep = `${'a/'.repeat(1_000)}y`;
  assertNearLinear(
    (n) => parseDockerIgnore(`${'**/a/'.repeat(n)}x`),
    (m) => fresh(m, deep),
    { n: 500 },
  );
  const globs = parseDockerIgnore(`${'**/'.repeat(25)}x\n${'**/a/'.repeat(50)}x\n${'*a'.repeat(25)}*b/**/x`);
  assertNearLinear(
    (n) => `${'a/'.repeat(n)}y`,
    (path) => fresh(globs, path),
    { n: 5_000 },
  );
  const stars = parseDockerIgnore(`${'*a'.repeat(200)}*b`);
  assertNearLinear(
    (n) => 'a'.repeat(n),
    (name) => fresh(stars, name),
    { n: 5_000 },
  );
});

test('a pattern longer than the path costs no more than the path allows: runs of stars fold into one loop', () => {
  const path = `${'a/'.repeat(100)}y`;
  let calls = 0;
  assertNearLinear(
    (n) => parseDockerIgnore(`${'**/*/'.repeat(n)}z\n${'*'.repeat(2 * n)}z`),
    (m) => m.ignores(`${path}/${calls++}`),
    { n: 6_000, maxRatio: 1.6 },
  );
});

test('XF001/XF002/XF011 on contexts whose .dockerignore hangs or broke the old matcher: no rule error, the rest still judged', { timeout: 20_000 }, () => {
  const deep = `${'a/'.repeat(30)}.env`;
  const text = 'FROM alpine:3.20\nCOPY config/app.yaml /etc/\nCOPY . /app/\nUSER 10001\n';
  for (const hostile of [`${'**/'.repeat(25)}x`, '[z-a]\nlogs/(']) {
    const workspace = memoryHost(
      {
        '/ws/.dockerignore': `${hostile}\nconfig/\n`,
        '/ws/.env': 'API_TOKEN=x\n',
        [`/ws/${deep}`]: 'API_TOKEN=x\n',
        '/ws/config/app.yaml': 'a: 1\n',
      },
      '/ws',
    );
    const r = analyze({ uri: 'file:///ws/Dockerfile', text, workspace });
    assert.deepEqual(r.ruleErrors, [], hostile);
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId.startsWith('XF')).map((f) => `${f.ruleId}:${f.range.start.line}`),
      hostile.startsWith('[') ? ['XF001:1', 'XF011:1', 'XF002:2'] : ['XF001:1', 'XF002:2'],
      hostile,
    );
    assert.match(r.findings.find((f) => f.ruleId === 'XF002')!.message, /\.env, a\/a\/a/, hostile);
  }
});
