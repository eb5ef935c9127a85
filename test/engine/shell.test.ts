// The shell reader on its own: words, quoting, operators, substitutions and offsets; wrappers in front
// of commands; and the RUN text it is given (continuations, heredocs, JSON form) mapped back to the file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { allCommands, commandHead, commandName, parseShell, type ShellScript } from '../../server/src/engine/parse/shell';
import { parseDockerfile, parsedRuns, runScript } from '../../server/src/engine/parse/dockerfile';
import { SourceFile } from '../../server/src/engine/source';

/** Each pipeline as a list of commands, each command as its word values. */
const shape = (script: ShellScript) => script.pipelines.map((p) => p.commands.map((c) => c.words.map((w) => w.value)));
const firstCommand = (text: string) => parseShell(text).pipelines[0].commands[0];

test('splits lists and pipelines on &&, ||, ;, newlines and |', () => {
  assert.deepEqual(shape(parseShell('a 1 && b | c 2; d || e\nf |& g')), [[['a', '1']], [['b'], ['c', '2']], [['d']], [['e']], [['f'], ['g']]]);
  assert.deepEqual(shape(parseShell('a & b')), [[['a']], [['b']]]);
});

test('quotes and escapes join words and hide operators', () => {
  assert.deepEqual(shape(parseShell(`echo "a | b" 'c && d' e\\|f g"h"'i'`)), [[['echo', 'a | b', 'c && d', 'e|f', 'ghi']]]);
  const [echo, dq] = firstCommand('echo "x"').words;
  assert.equal(echo.quoted, false);
  assert.equal(dq.quoted, true);
  assert.deepEqual(shape(parseShell('echo "say \\"hi\\" \\$HOME"')), [[['echo', 'say "hi" $HOME']]]);
});

test('comments run to the end of the line; a backslash-newline continues it', () => {
  assert.deepEqual(shape(parseShell('a # b | c\nd \\\n e')), [[['a']], [['d', 'e']]]);
});

test('word offsets point at the source text, quotes included', () => {
  const text = `curl  "https://x.io/a b" | sh`;
  const words = parseShell(text).pipelines[0].commands.flatMap((c) => c.words);
  assert.deepEqual(
    words.map((w) => text.slice(w.start, w.end)),
    ['curl', '"https://x.io/a b"', 'sh'],
  );
  const nested = parseShell('x $(y z)', 100).substitutions[0];
  assert.deepEqual([nested.start, nested.end], [102, 108]);
  assert.equal(nested.script.pipelines[0].commands[0].words[1].start, 106);
});

test('command and process substitutions are scripts of their own, also inside double quotes', () => {
  const script = parseShell('sh -c "$(curl -s u)" && bash <(wget -qO- v) && echo `id -u` && echo \'$(not run)\'');
  assert.deepEqual(
    script.substitutions.map((s) => [s.kind, shape(s.script)]),
    [
      ['$(', [[['curl', '-s', 'u']]]],
      ['<(', [[['wget', '-qO-', 'v']]]],
      ['`', [[['id', '-u']]]],
    ],
  );
  assert.deepEqual(
    allCommands(script).map((c) => c.words[0].value),
    ['sh', 'curl', 'bash', 'wget', 'echo', 'id', 'echo'],
  );
});

test('subshells and reserved words are not commands', () => {
  assert.deepEqual(shape(parseShell('(cd /x && make)')), [[['cd', '/x']], [['make']]]);
  assert.deepEqual(shape(parseShell('if test -f a; then curl u | sh; else ! false; fi')), [[['test', '-f', 'a']], [['curl', 'u'], ['sh']], [['false']]]);
  assert.deepEqual(shape(parseShell('{ a | b; }')), [[['a'], ['b']]]);
  assert.deepEqual(shape(parseShell('while read l; do echo "$l"; done < f')), [[['read', 'l']], [['echo', '$l']], [['<', 'f']]]);
  // Quoted, they are plain words.
  assert.deepEqual(shape(parseShell('echo then "if"')), [[['echo', 'then', 'if']]]);
});

test('unterminated quotes and substitutions never throw', () => {
  for (const text of ['echo "abc', "echo 'abc", 'echo $(a', 'echo `a', 'a <(b', ')(', '\\']) assert.doesNotThrow(() => parseShell(text), text);
});

test('commandName skips assignments and wrappers with their options', () => {
  const name = (text: string) => commandName(firstCommand(text))?.name;
  assert.equal(name('DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install x'), 'apt-get');
  assert.equal(name('sudo -E -u root apt-get update'), 'apt-get');
  assert.equal(name('sudo -iu app make'), 'make');
  assert.equal(name('sudo --user app make'), 'make');
  assert.equal(name('sudo --user=app A=1 make'), 'make');
  assert.equal(name('env -u HOME A=1 B=2 python3 x.py'), 'python3');
  assert.equal(name('timeout -s KILL 30 curl u'), 'curl');
  assert.equal(name('xargs -n1 -I{} sh -c x'), 'sh');
  assert.equal(name('nice -n 10 ionice make'), 'ionice');
  assert.equal(name('sudo -- rm -rf /x'), 'rm');
  assert.equal(name('sudo -s'), undefined);
  assert.equal(name('"A=1" cmd'), 'A=1');
});

test('commandHead lists the wrappers, their options and where each hands over', () => {
  const head = commandHead(firstCommand('env A=1 sudo -Eu root -- make install'));
  assert.deepEqual(
    head.wrappers.map((w) => [w.name, w.index, w.options, w.next]),
    [
      ['env', 0, [], 1],
      ['sudo', 2, [{ flag: '-E' }, { flag: '-u', value: 'root' }], 6],
    ],
  );
  assert.deepEqual(head.command, { name: 'make', index: 6 });
  assert.deepEqual(commandHead(firstCommand('sudo --preserve-env=PATH --chdir /x ls')).wrappers[0].options, [
    { flag: '--preserve-env', value: 'PATH' },
    { flag: '--chdir', value: '/x' },
  ]);
});

/** The script of the first RUN, and each text character's document character (for readable asserts). */
function script(dockerfile: string): { text: string; mapped: string } {
  const model = parseDockerfile(dockerfile);
  const src = new SourceFile('Dockerfile', dockerfile);
  const run = model.instructions.find((i) => i.keyword === 'RUN')!;
  const s = runScript(run, src, model.escapeChar)!;
  return { text: s.text, mapped: Array.from({ length: s.text.length }, (_, i) => dockerfile[s.offsets.at(i)]).join('') };
}

test('runScript joins continuations and drops comment lines inside them', () => {
  const { text, mapped } = script('FROM a\nRUN a \\\n# note\n  && b\n');
  assert.equal(text, 'a   && b\n');
  assert.equal(mapped, text);
  assert.equal(script('# escape=`\nFROM a\nRUN a `\n  b\n').text, 'a   b\n');
});

test('runScript of many pieces, short and long, CRLF and non-ASCII among them: the same text and offsets as a few', () => {
  // Past its first pieces the script is copied a character at a time: every piece must keep its place.
  const long = `echo ${'é😀x'.repeat(20)}`;
  const lines = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? long : `c${i}`));
  for (const eol of ['\n', '\r\n']) {
    const { text, mapped } = script(`FROM a\nRUN ${lines.join(` \\${eol}`)}${eol}`);
    assert.equal(text, `${lines.join(' ')}\n`);
    assert.equal(mapped.slice(0, -1), text.slice(0, -1));
  }
  const body = Array.from({ length: 40 }, (_, i) => (i % 2 ? long : `b${i}`));
  const { text, mapped } = script(`FROM a\nRUN <<EOF\n${body.join('\n')}\nEOF\n`);
  assert.equal(text, `<<EOF\n${body.join('\n')}\n\n`);
  assert.equal(mapped, text);
});

test('runScript keeps heredoc scripts and drops heredoc data', () => {
  assert.equal(script('FROM a\nRUN <<EOF\nset -e\nb | c\nEOF\n').text.trim(), '<<EOF\nset -e\nb | c');
  assert.equal(script('FROM a\nRUN <<-EOT\n\tb\n\tEOT\n').text.trim(), '<<-EOT\n\tb');
  assert.equal(script('FROM a\nRUN cat <<EOF > /f\ncurl u | sh\nEOF\n').text.trim(), 'cat <<EOF > /f');
});

test('JSON-form RUN: the -c string with exact offsets, escapes decoded', () => {
  const { text, mapped } = script('FROM a\nRUN ["/bin/sh", "-c", "echo \\"hi\\" && b"]\n');
  assert.equal(text, 'echo "hi" && b');
  assert.equal(mapped, 'echo \\hi\\ && b'); // each decoded `"` maps to the backslash that starts its escape
  assert.equal(script('FROM a\nRUN ["bash", "-o", "pipefail", "-c", "x | y"]\n').text, 'x | y');
});

test('JSON-form RUN in exec form: words quoted, each mapped to its JSON string', () => {
  const doc = 'FROM a\nRUN ["sudo", "apt-get", \\\n  "it\'s"]\n';
  const { text, mapped } = script(doc);
  assert.equal(text, `'sudo' 'apt-get' 'it'\\''s'`);
  assert.equal(mapped, `"sudo" "apt-get" "it''''s"`);
  // Not a JSON array of strings: the builder runs it in a shell.
  assert.equal(script('FROM a\nRUN ["a", ]\n').text, '["a", ]\n');
  assert.equal(script('FROM a\nRUN [ -f /x ] || b\n').text, '[ -f /x ] || b\n');
});

test('parsedRuns maps script ranges back across lines', () => {
  const doc = 'FROM a\nRUN x && \\\n    curl u \\\n    | sh\n';
  const src = new SourceFile('Dockerfile', doc);
  const [run] = parsedRuns(parseDockerfile(doc), src);
  const [curl, sh] = run.script.pipelines[1].commands;
  const range = run.rangeOf(curl.words[0].start, sh.words[0].end);
  assert.deepEqual(range, { start: { line: 2, character: 4 }, end: { line: 3, character: 8 } });
});
