// The Dockerfile reader gives what dockerfile-ast 0.7.1 (which it replaced) gives, instruction by
// instruction, so that no finding changes: keyword, extents, arguments, flags, exec-form strings,
// properties, FROM's image and stage, ONBUILD's trigger. dockerfile-ast is the oracle here only.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import type { Copy, From, Instruction as AstInstruction, JSONInstruction, ModifiableInstruction, Onbuild, PropertyInstruction } from 'dockerfile-ast';
import type { Arg } from 'dockerfile-ast/lib/instructions/arg';
import { SourceFile } from '../../server/src/engine/source';
import { readDockerfile } from '../../server/src/engine/parse/dockerfileReader';
import type { Instruction } from '../../server/src/engine/parse/dockerfileInstruction';
import type { Range } from '../../server/src/engine/model';

const orUndefined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** What the rules can ask of an instruction, from dockerfile-ast. */
function theirView(ins: AstInstruction): object {
  const keyword = ins.getKeyword();
  const flags = (ins as Partial<ModifiableInstruction>).getFlags?.() ?? [];
  const arg = keyword === 'ARG' ? (ins as Arg).getProperty() : null;
  const trigger = keyword === 'ONBUILD' ? (ins as Onbuild).getTriggerInstruction() : null;
  return {
    keyword,
    name: ins.getInstruction(),
    range: ins.getRange(),
    keywordRange: ins.getInstructionRange(),
    arguments: ins.getArguments().map((a) => [a.getValue(), a.getRange()]),
    argumentsRange: orUndefined(ins.getArgumentsRange()),
    raw: orUndefined(ins.getRawArgumentsContent()),
    text: orUndefined(ins.getArgumentsContent()),
    flags: flags.map((f) => [f.getName(), orUndefined(f.getValue()), f.getRange(), orUndefined(f.getValueRange())]),
    json: ((ins as Partial<JSONInstruction>).getJSONStrings?.() ?? []).map((s) => [s.getJSONValue(), s.getRange()]),
    properties: ((ins as Partial<PropertyInstruction>).getProperties?.() ?? []).map((p) => [p.getName(), orUndefined(p.getValue()), p.getRange(), p.getNameRange()]),
    argProperty: arg ? [arg.getName(), orUndefined(arg.getValue())] : undefined,
    from: keyword === 'FROM' ? [orUndefined((ins as From).getImage()), orUndefined((ins as From).getImageRange()), orUndefined((ins as From).getBuildStage())] : undefined,
    fromFlag: keyword === 'COPY' ? orUndefined((ins as Copy).getFromFlag()?.getValue()) : undefined,
    trigger: trigger ? theirView(trigger) : undefined,
  };
}

/** The same, from the reader. */
function ourView(ins: Instruction): object {
  const keyword = ins.keyword;
  const arg = ins.argProperty;
  const trigger = ins.trigger;
  const range = (r: Range | undefined) => r;
  return {
    keyword,
    name: ins.name,
    range: ins.range,
    keywordRange: ins.keywordRange,
    arguments: ins.arguments.map((a) => [a.value, a.range]),
    argumentsRange: range(ins.argumentsRange),
    raw: ins.rawArguments,
    text: ins.argumentsText,
    flags: ins.flags.map((f) => [f.name, f.value, f.range, f.valueRange]),
    json: ins.jsonArguments.map((s) => [s.value, s.range]),
    properties: ins.properties.map((p) => [p.name, p.value, p.range, p.nameRange]),
    argProperty: arg ? [arg.name, arg.value] : undefined,
    from: keyword === 'FROM' ? [ins.image, ins.imageRange, ins.stageName] : undefined,
    fromFlag: keyword === 'COPY' ? ins.fromFlag?.value : undefined,
    trigger: trigger ? ourView(trigger) : undefined,
  };
}

function assertSameReading(text: string): void {
  const ast = DockerfileParser.parse(text);
  const ours = readDockerfile(new SourceFile('Dockerfile', text));
  assert.equal(ours.file.escapeChar, ast.getEscapeCharacter(), `escape character of ${JSON.stringify(text)}`);
  assert.deepEqual(ours.instructions.map(ourView), ast.getInstructions().map(theirView));
}

/** Hand-picked shapes where dockerfile-ast has particular behaviour. */
const SAMPLES = [
  'FROM alpine:3.20 AS build\nRUN apk add --no-cache curl \\\n    && curl -fsSL https://x | sh\nCOPY --from=build /a /b\nUSER 10001\n',
  '# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\nENV A=b `\n  C=d\n',
  '\uFEFFFROM a\r\nRUN echo a \\\r\n  b\r\nENV X "a b" \r\n',
  'FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<-A <<B /x\n\tbody\n\tA\nB\nRUN echo done\n',
  'FROM a\nONBUILD RUN <<E cat\nx\nE\nONBUILD COPY --chown=1 a b\nONBUILD\n',
  'ARG V=1\nARG A B\nFROM img:$V AS s1\nFROM s1\nENV A=1 B="two words" C=\'x\'\\ y\nENV D e f g\nLABEL "k"="v" k2=v2\n',
  'FROM a\nRUN --mount=type=secret,id=x --network=none cat /run/secrets/x\nRUN a--b --c x\nHEALTHCHECK --interval=5s CMD curl x\nHEALTHCHECK NONE\n',
  'FROM a\nCMD ["node", "s.js"]\nENTRYPOINT ["a\\"b", "c\\\\d", "e\\nf"]\nSHELL ["/bin/bash", \\\n  "-c"]\nVOLUME ["/data"]\nCMD []\nCMD [ ]\nCMD ["a" "b"]\n',
  'FROM a\nRUN echo a \\\n# comment\n  b \\\n\n  c\nUSER \\\n  app\nWORKDIR /a \\ b\nEXPOSE 80 443/tcp\n',
  'FROM a\nRUN echo \\$HOME \\\\ a\\ b "q \\" x"\nENV P=a\\ b Q=c\\\\d R="e\\"f" S=\'g\\h\'\nARG X\nARG Y=\n',
  'FROM a\nENV A=b \\\n  \\\n  C=d\nENV E=${F:-a b} G=h\nENV I="unterminated\nENV J= K\n',
  'fRoM a as B\nrun echo\nR\\\nUN echo\nRU\\ N x\n   \t\nFROM\nRUN\nENV\nARG\n',
  'FROM a\nRUN echo a \\  \n  b\nCOPY a\\ b c \\\n  d/\nADD --chmod=644 http://x /y\n',
  'FROM a\nRUN echo \\\r\n  # c\r\n  b\r\nRUN <<EOF\r\nx\r\nEOF\r\nENV A=1 \\\r\n  B=2\r\n',
  '# escape=\\\n# directive=x\nFROM a\n# escape=`\nRUN a `\n b\n',
  'FROM a\rRUN b\rENV C d\r',
  // Heredoc openers whose two `<` an escape or a continuation separates, beside plain `<` that open none.
  "FROM a\nRUN <\\\n<EOF cat\nbody\nEOF\nRUN \\<<A <\\<B x\nA\nB\nRUN pip install 'wheel<0.46' < /dev/null\nRUN <\\\n# c\n<E x\nE\n",
  '# escape=`\nFROM a\nRUN <`\n<EOF cat\nEOF\nRUN <\\<X\nX\n',
];

test('the reader reads hand-picked Dockerfiles as dockerfile-ast does', () => {
  for (const text of SAMPLES) assertSameReading(text);
});

/** Fragments that exercise the reader's branches: keywords, blanks, line breaks, escapes, quotes, flags, heredocs. */
const FRAGMENTS = [
  'FROM',
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'LABEL',
  'ONBUILD',
  'HEALTHCHECK',
  'CMD',
  'ENTRYPOINT',
  'SHELL',
  'VOLUME',
  'USER',
  'WORKDIR',
  'EXPOSE',
  'run',
  'AS',
  'NONE',
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\\',
  '\\',
  '`',
  '"',
  "'",
  '#',
  '=',
  '--',
  '--from=b',
  '--mount=type=cache,target=/x',
  '[',
  ']',
  ',',
  '<',
  '<<',
  '<<-',
  'EOF',
  'E',
  '$',
  '{',
  '}',
  '${A}',
  'a',
  'b',
  'x=y',
  'a b',
  '\\\n',
  ' \\\n',
  '\\ ',
  '# c\n',
  '\n\n',
  '\uFEFF',
  'é',
];
const dockerfiles = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 50 }).map((parts) => parts.join(''));
const withDirective = fc.tuple(fc.constantFrom('', '# escape=`\n', '# escape=\\\n', '#syntax=x\n# escape = `\n'), dockerfiles).map(([d, body]) => d + body);

test('the reader reads generated Dockerfiles as dockerfile-ast does', () => {
  fc.assert(
    fc.property(withDirective, (text) => assertSameReading(text)),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
});
