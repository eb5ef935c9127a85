// Hostile Dockerfiles are normal input: no crash, no evasion, and time that grows linearly with the
// file. Each complexity test is one class of input that used to be super-linear (time for 2n over time
// for n; see test/harness/complexity.ts), timed on the part that was: the shell reader, the RUN text
// reader, or one rule on an already parsed file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, ALL_RULES, DEFAULT_CONFIG, SourceFile } from '../../server/src/engine/index';
import { parseDockerfile, runScript, type DockerfileModel } from '../../server/src/engine/parse/dockerfile';
import { allCommands, MAX_NESTING, parseShell, scriptsWithin } from '../../server/src/engine/parse/shell';
import type { AnyRule } from '../../server/src/engine/rule';
import { assertNearLinear } from '../harness/complexity';

const commandWords = (text: string) => allCommands(parseShell(text)).map((c) => c.words.map((w) => w.value).join(' '));

test("6,000 nested $( in one stage: no rule throws and the next stage's curl | sh is still reported", () => {
  const text = `FROM alpine AS unused\nRUN ${'$('.repeat(6000)}\nFROM alpine:3.20\nRUN curl https://x | sh\n`;
  const r = analyze({ uri: 'Dockerfile', text });
  assert.deepEqual(r.ruleErrors, []);
  assert.deepEqual(
    r.findings.filter((f) => f.ruleId === 'DF004').map((f) => f.range.start.line),
    [3],
  );
});

test('past the nesting bound substitutions are read flat: what runs in them is still seen', () => {
  const deep = 100;
  for (const [open, close] of [
    ['$(', ')'],
    ['<(', ')'],
    ['"', '"'],
  ]) {
    const text = `echo ${open}${'$('.repeat(deep)}curl https://x | sh${')'.repeat(deep)}${close}`;
    assert.ok(commandWords(text).includes('curl https://x'), open);
    assert.ok(commandWords(text).includes('sh'), open);
    assert.ok(scriptsWithin(parseShell(text)).length <= MAX_NESTING * 2 + 2, open);
  }
  // Fifty levels deep, DF004 reports what it reports one level deep.
  const df004 = (levels: number) => {
    const r = analyze({ uri: 'Dockerfile', text: `FROM alpine:3.20\nRUN sh -c "${'$('.repeat(levels)}curl https://x | sh${')'.repeat(levels)}"\n` });
    assert.deepEqual(r.ruleErrors, []);
    return r.findings.filter((f) => f.ruleId === 'DF004').map((f) => f.message);
  };
  assert.deepEqual(df004(50), df004(1));
});

test('quotes inside $( ) inside double quotes belong to the inner script, at any depth', () => {
  for (const levels of [1, 2, MAX_NESTING + 1, 40]) {
    const r = analyze({ uri: 'Dockerfile', text: `FROM alpine:3.20\nRUN echo ${'"$('.repeat(levels)}curl https://x | sh${')"'.repeat(levels)}\n` });
    assert.deepEqual(r.ruleErrors, []);
    assert.equal(r.findings.filter((f) => f.ruleId === 'DF004').length, 1, `${levels} levels`);
  }
  assert.deepEqual(commandWords('echo "$(printf "%s" "a b")" c'), ['echo $(printf "%s" "a b") c', 'printf %s a b']);
});

test('unbalanced openers of every kind never throw', () => {
  for (const unit of ['$(', '"$(', '`', '<(', '"', "'", '$("', '"$("', '\\']) assert.doesNotThrow(() => parseShell(unit.repeat(12_000)), unit);
});

test('a heredoc opened after a continued line starts after it; several heredocs are read in turn', () => {
  const src = (text: string) => {
    const model = parseDockerfile(text);
    return runScript(model.instructions[1], new SourceFile('Dockerfile', text), model.escapeChar)!.text;
  };
  assert.equal(src('FROM a\nRUN cat <<A \\\n  && curl u | sh\nbody\nA\n').trim(), 'cat <<A   && curl u | sh');
  assert.equal(src('FROM a\nRUN cat <<A <<B\na\nA\ncurl u | sh\nB\necho\n').trim(), 'cat <<A <<B');
});

// ---------------------------------------------------------------- growth

const rule = (id: string) => ALL_RULES.find((r) => r.meta.id === id) as AnyRule;
const parsed = (text: string) => ({ model: parseDockerfile(text), src: new SourceFile('Dockerfile', text) });

/** The harness's growth check from size n. */
const nearLinear = <T>(make: (n: number) => T, work: (input: T) => unknown, n: number): void => assertNearLinear(make, work, { n });

/** Times one rule on a parsed file (RUN scripts are parsed once, on the warm-up run). */
function linearRule(id: string, make: (n: number) => string, n: number): void {
  const r = rule(id);
  nearLinear(
    (k) => parsed(make(k)),
    ({ model, src }: { model: DockerfileModel; src: SourceFile }) => {
      (r.check as (ctx: object) => void)({ dockerfile: model, src, options: DEFAULT_CONFIG, report: () => undefined });
    },
    n,
  );
}

test('shell reader: nested substitutions', () =>
  nearLinear(
    (n) => '$('.repeat(n),
    (text) => parseShell(text),
    20_000,
  ));
test('shell reader: nested substitutions inside one double-quoted string', () =>
  nearLinear(
    (n) => `"${'$('.repeat(n)}`,
    (text) => parseShell(text),
    20_000,
  ));
test('shell reader: double quotes nested in substitutions', () =>
  nearLinear(
    (n) => '"$('.repeat(n),
    (text) => parseShell(text),
    5_000,
  ));

test('instruction reader: many instructions, with a carriage return and an escape character only at the end', () => {
  // The reader skips arguments to the next line break or escape character it has found; each is searched
  // for again only once passed, so a file with one far-off `\r` or `\\` is still read in one pass.
  nearLinear(
    (n) => `FROM a\n${'ENV A=b\nRUN c d\n'.repeat(n)}RUN e \\\r\n  f\r\n`,
    (text) => parseDockerfile(text),
    20_000,
  );
});

test('RUN text reader: a continuation chain and a line of heredoc openers', () => {
  const reader = (text: string) => {
    const { model, src } = parsed(text);
    return () => model.instructions.forEach((i) => runScript(i, src, model.escapeChar));
  };
  // Sizes past the caches: the reader takes well under a millisecond at 10,000 lines, where the step
  // from cache to memory alone doubles the time.
  nearLinear(
    (n) => reader(`FROM a\nRUN a \\\n${'b \\\n'.repeat(n)}c\n`),
    (read) => read(),
    100_000,
  );
  // A size whose heredoc list stays well inside V8's young generation: past about 200,000 openers
  // every scavenge copies the list built so far, and the ratio then measures the collector (4–6 on
  // linear code), not the reader.
  nearLinear(
    (n) => reader(`FROM a\nRUN ${'<<E '.repeat(n)}\n`),
    (read) => read(),
    50_000,
  );
});

test('DF012: a RUN of many words', () => linearRule('DF012', (n) => `FROM a\nRUN echo ${'a '.repeat(n)}\n`, 20_000));

test('DF004: a long pipeline of interpreters; many interpreters each given a substitution', () => {
  linearRule('DF004', (n) => `FROM a\nRUN ${'sh | '.repeat(n)}x\n`, 5_000);
  linearRule('DF004', (n) => `FROM a\nRUN ${'sh $(a); '.repeat(n)}\n`, 3_000);
});

test('DF021: many RUNs that only update the index', () => linearRule('DF021', (n) => `FROM debian:12\n${'RUN apt-get update\n'.repeat(n)}`, 2_000));

test('DF019: many installs in one RUN; a clean-up pattern over many option words', () => {
  linearRule('DF019', (n) => `FROM fedora:40\nRUN ${'yum install -y a && '.repeat(n)}true\n`, 1_000);
  linearRule('DF019', (n) => `FROM debian:12\nRUN apt-get install -y a && rm ${'-rm '.repeat(n)}\n`, 2_000);
});

test('DF013: a COPY source made of one long name', () => linearRule('DF013', (n) => `FROM a\nCOPY ${'private'.repeat(n)} /x/\n`, 5_000));

test('DF003: many secret ARGs, each read by a RUN', () => {
  linearRule('DF003', (n) => `FROM a\n${Array.from({ length: n }, (_, i) => `ARG TOKEN_${i}\nRUN echo $TOKEN_${i}`).join('\n')}\n`, 1_000);
});

test('DF025: SHELL and piped RUN lines alternating', () => linearRule('DF025', (n) => `FROM debian:12\n${'SHELL ["/bin/sh", "-c"]\nRUN a | b\n'.repeat(n)}`, 1_000));

test('DF007: USER root and RUN sudo alternating, and a long chain of stages', () => {
  linearRule('DF007', (n) => `FROM alpine:3.20\n${'USER root\nRUN sudo x\n'.repeat(n)}`, 1_000);
  linearRule('DF007', (n) => `FROM alpine:3.20 AS s0\n${Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN sudo x`).join('\n')}\n`, 1_000);
});

test('DF020: many ARG/ENV lines among RUN lines', () => linearRule('DF020', (n) => `FROM a\n${'ENV A=b\nRUN echo hi\n'.repeat(n)}`, 4_000));
