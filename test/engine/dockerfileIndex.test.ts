// The per-model index rules read instructions and commands from: every list in file order, whatever
// the number of keywords or names asked for, each command once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SourceFile } from '../../server/src/engine/source';
import { parseDockerfile } from '../../server/src/engine/parse/dockerfile';
import { commandsNamed, commandsWrappedBy, instructionsOf, packageCommandsOr, runPackageCommands } from '../../server/src/engine/parse/dockerfileIndex';

const TEXT = [
  'FROM alpine:3.20 AS build',
  'RUN chmod 755 /a && curl -k https://x && chmod +x /b',
  'COPY a /a',
  'ADD b /b',
  'ONBUILD COPY c /c',
  'FROM debian:12',
  'RUN sudo sudo -E apt-get install -y curl; go install x@latest; wget -q https://y',
  'ADD d /d',
  'COPY --from=build /a /a',
  'RUN pip install requests',
  '',
].join('\n');

function model() {
  const src = new SourceFile('file:///w/Dockerfile', TEXT);
  return { src, dockerfile: parseDockerfile(TEXT, src) };
}

const lineOf = (src: SourceFile, offset: number) => src.positionAt(offset).line;

test('instructions of several keywords come in file order', () => {
  const { dockerfile, src } = model();
  const lines = instructionsOf(dockerfile, ['ADD', 'COPY', 'ONBUILD']).map((i) => lineOf(src, i.start));
  assert.deepEqual(lines, [2, 3, 4, 7, 8]);
  assert.deepEqual(instructionsOf(dockerfile, ['VOLUME']), []);
});

test('a list of several keywords is merged once per model, whatever order the keywords are asked in', () => {
  const { dockerfile, src } = model();
  const copies = instructionsOf(dockerfile, ['COPY', 'ADD']);
  assert.deepEqual(
    copies.map((i) => lineOf(src, i.start)),
    [2, 3, 7, 8],
  );
  assert.equal(instructionsOf(dockerfile, ['ADD', 'COPY']), copies);
  assert.notEqual(instructionsOf(model().dockerfile, ['COPY', 'ADD']), copies);
});

test('commands of several names come in file order, each with its RUN', () => {
  const { dockerfile, src } = model();
  const found = commandsNamed(dockerfile, src, ['wget', 'chmod', 'curl']).map(({ run, command }) => [lineOf(src, run.instruction.start), command.words[0].value]);
  assert.deepEqual(found, [
    [1, 'chmod'],
    [1, 'curl'],
    [1, 'chmod'],
    [6, 'wget'],
  ]);
});

test('a command run through the same wrapper twice is listed once under it', () => {
  const { dockerfile, src } = model();
  const wrapped = commandsWrappedBy(dockerfile, src, 'sudo');
  assert.equal(wrapped.length, 1);
  assert.equal(wrapped[0].command.head?.wrappers.length, 2);
});

test('package-manager invocations and named commands merge in file order', () => {
  const { dockerfile, src } = model();
  assert.deepEqual(
    runPackageCommands(dockerfile, src).map((p) => p.package.tool),
    ['apt-get', 'pip'],
  );
  const merged = packageCommandsOr(dockerfile, src, ['go']).map((e) => ('package' in e ? e.package.tool : e.command.words[0].value));
  assert.deepEqual(merged, ['apt-get', 'go', 'pip']);
});
