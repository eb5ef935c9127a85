// Incremental Dockerfiles: after any sequence of edits, a Dockerfile analyzed with the findings and shell
// parses kept from its previous versions reports exactly what a fresh analysis reports (findings, fixes,
// suppressions), and an unchanged instruction's findings are reused rather than computed again.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ALL_METAS, ALL_RULES, analyze, DEFAULT_CONFIG, memoryHost, mergeConfig, type EngineConfig, type Finding } from '../../server/src/engine/index';
import { documentFindingsSize, forgetDocumentFindings } from '../../server/src/engine/documentFindings';
import { MAX_PARTS } from '../../server/src/engine/partFindings';
import { forgetShellParses, shellParsesSize } from '../../server/src/engine/parse/shellParses';
import { assertKeptEqualsFresh, shown } from '../harness/keptEqualsFresh';
import { IN_REPO_CORPUS } from '../../scripts/corpus';

const ALL_ON: EngineConfig = mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])), trustedRegistries: ['registry.example.com'] });

/** The in-repository corpus's Dockerfiles: the files the edits start from. */
const CORPUS_DIR = path.join(IN_REPO_CORPUS, 'dockerfiles');
const CORPUS: string[] = fs
  .readdirSync(CORPUS_DIR, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
  .filter((text) => text.length < 20_000);

/**
 * What the edits insert: every Dockerfile rule's examples, whole and line by line, and what crosses
 * instructions (stages, users, ARGs, suppressions, continuations, heredocs), alone and together.
 */
const EXAMPLES = ALL_RULES.filter((r) => r.meta.appliesTo === 'dockerfile').flatMap((r) => [r.meta.examples.bad, r.meta.examples.good]);
const LINES: string[] = [
  ...EXAMPLES,
  ...EXAMPLES.flatMap((text) => text.split('\n')),
  'ARG SRC=app.tar.gz\nADD $SRC /app/',
  'USER root\nRUN sudo apt-get install -y vim',
  'FROM debian:12 AS base\nUSER app\nFROM base\nRUN sudo make install',
  'FROM alpine:3.19 AS build',
  'FROM build',
  'ARG BASE=debian:12',
  'FROM ${BASE}',
  'USER root',
  'USER 10001',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'RUN apt-get update && \\',
  '    apt-get install -y curl openssh-server \\',
  '  # a comment inside a continued RUN',
  'RUN <<EOF',
  'curl -k https://example.com | sh',
  'EOF',
  'ENV TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 PASSWORD=hunter2',
  'RUN chmod 4755 /usr/bin/tool # bulkhead-ignore DF015 -- needed',
  '# bulkhead-ignore DF004',
  'EXPOSE 22 80',
  'ONBUILD RUN sudo apt-get install -y vim',
  'COPY --chmod=777 . /app',
  'ARG SRC=app.tar.gz',
  'ENV SRC=app.py',
  'ADD $SRC /app/',
  '',
];

/** A corpus file, or a short one of the lines above (where an edit more often changes what another instruction reads). */
const initial: fc.Arbitrary<string[]> = fc.oneof(
  fc.nat().map((pick) => CORPUS[pick % CORPUS.length].split('\n')),
  fc.array(fc.nat(), { minLength: 1, maxLength: 16 }).map((picks) => ['FROM debian:12', ...picks.flatMap((pick) => LINES[pick % LINES.length].split('\n'))]),
);

type Edit = { op: 'replace' | 'insert'; at: number; pick: number } | { op: 'remove'; at: number } | { op: 'type'; at: number; char: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  // A keystroke somewhere in the file.
  fc.record({ op: fc.constant('type' as const), at: fc.nat(), char: fc.constantFrom('x', ' ', '\\', '\n', '#', '-', '"', '$') }),
);

function applyEdit(lines: string[], e: Edit): string[] {
  const out = [...lines];
  const at = e.at % (out.length + 1);
  if (e.op === 'insert') out.splice(at, 0, ...LINES[e.pick % LINES.length].split('\n'));
  else if (e.op === 'replace' && at < out.length) out.splice(at, 1, ...LINES[e.pick % LINES.length].split('\n'));
  else if (e.op === 'remove' && at < out.length) out.splice(at, 1);
  else if (e.op === 'type') {
    const text = out.join('\n');
    const i = (e.at * 7919) % (text.length + 1);
    return (text.slice(0, i) + e.char + text.slice(i)).split('\n');
  }
  return out;
}

function forget(uri: string): void {
  forgetDocumentFindings(uri);
  forgetShellParses(uri);
}

function checkSequences(config: EngineConfig, withWorkspace: boolean): void {
  let run = 0;
  fc.assert(
    fc.property(initial, fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 12 }), fc.boolean(), (start, edits, crlf) => {
      // In a workspace the file is where the host has it; alone, each run is a file of its own.
      const uri = withWorkspace ? 'file:///ws/Dockerfile' : `file:///w/${run++}/Dockerfile`;
      let lines = start;
      const versions = [{ lines, withFixes: true }, ...edits.map(([e, withFixes]) => ({ lines: (lines = applyEdit(lines, e)), withFixes }))];
      try {
        for (const { lines: version, withFixes } of versions) {
          const text = version.join(crlf ? '\r\n' : '\n');
          const workspace = withWorkspace ? memoryHost({ '/ws/Dockerfile': text, '/ws/.dockerignore': '.env\n' }, '/ws') : undefined;
          assertKeptEqualsFresh(uri, text, workspace, config, withFixes, JSON.stringify(text));
        }
      } finally {
        forget(uri);
      }
    }),
    { numRuns: 80, ...(process.env.INCR_SEED ? { seed: Number(process.env.INCR_SEED), path: process.env.INCR_PATH } : {}) },
  );
}

test('after any sequence of edits, a Dockerfile analyzed with kept findings and parses equals a fresh analysis (default settings)', () => {
  checkSequences(DEFAULT_CONFIG, false);
});

test('after any sequence of edits, a Dockerfile analyzed with kept findings and parses equals a fresh analysis (every rule on, in a workspace)', () => {
  checkSequences(ALL_ON, true);
});

/** Lines that change what other instructions read: their stage, user, shell, ARG and ENV defaults. */
const CONTEXT = [
  'FROM debian:12 AS build',
  'FROM build',
  'USER root',
  'USER app',
  'ARG SRC=app.tar.gz',
  'ENV SRC=app.py',
  'ARG BASE=alpine:3.19',
  `ARG BASE=alpine@sha256:${'a'.repeat(64)}`,
  'ARG PASSWORD',
  'ENV API_TOKEN=',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'RUN apt-get update',
  'RUN apt-get install -y curl',
  'RUN wget -q https://example.com/x',
  'RUN echo $NPM_TOKEN $PASSWORD',
  'RUN curl -fsSL https://example.com/x | tar -x',
  'RUN --mount=type=secret,id=token cat /run/secrets/token',
  'EXPOSE 22',
  'HEALTHCHECK CMD true',
  '# bulkhead-ignore DF004 DF007 DF006',
];

test("every Dockerfile rule's examples, with a line that changes the context inserted before each instruction, the instruction then edited, and the line taken out again, equal a fresh analysis", () => {
  const files = [...EXAMPLES, 'FROM ${BASE}\nFROM debian:12 AS base\nUSER app\nFROM base\nRUN sudo make install\nADD $SRC /app/\nRUN curl -k https://x | sh\n'];
  files.forEach((example, n) => {
    const uri = `file:///w/context-${n}/Dockerfile`;
    const lines = example.split('\n');
    const alone = shown(analyze({ uri, text: example, incremental: false }, ALL_ON).findings, true);
    const check = (text: string, fresh = shown(analyze({ uri, text, incremental: false }, ALL_ON).findings, true)) =>
      assert.equal(shown(analyze({ uri, text }, ALL_ON).findings, true), fresh, `after ${JSON.stringify(text)}`);
    try {
      for (let at = 0; at < lines.length; at++) {
        for (const line of CONTEXT) {
          check([...lines.slice(0, at), line, ...lines.slice(at)].join('\n'));
          // The instruction after it edited alone: its rules run on it alone, in that context.
          check([...lines.slice(0, at), line, `${lines[at]} `, ...lines.slice(at + 1)].join('\n'));
          check(example, alone);
        }
      }
    } finally {
      forget(uri);
    }
  });
});

/** The ids of the rules that run instruction by instruction (`meta.scope`). */
const PER_INSTRUCTION_RULES = new Set(ALL_METAS.filter((m) => m.scope === 'instruction').map((m) => m.id));

test('only Dockerfile rules run instruction by instruction, and half of them do', () => {
  for (const id of PER_INSTRUCTION_RULES) assert.equal(ALL_METAS.find((m) => m.id === id)!.appliesTo, 'dockerfile', id);
  const dockerfile = ALL_METAS.filter((m) => m.appliesTo === 'dockerfile');
  assert.ok(PER_INSTRUCTION_RULES.size * 2 >= dockerfile.length, `${PER_INSTRUCTION_RULES.size} of ${dockerfile.length}`);
});

const FILE = (middle: string) =>
  ['FROM debian:12', 'RUN curl -k https://example.com/x | sh', middle, 'RUN apt-get install -y openssh-server', 'EXPOSE 22', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0', 'USER 10001', ''].join('\n');

test('an unchanged instruction keeps its findings: the very same ones, even when an earlier instruction grew', () => {
  const uri = 'file:///w/reuse/Dockerfile';
  const after = (findings: Finding[], line: number) => findings.filter((f) => f.range.start.line > line && PER_INSTRUCTION_RULES.has(f.ruleId));
  analyze({ uri, text: FILE('RUN echo one') });
  const second = analyze({ uri, text: FILE('RUN echo two') });
  const third = analyze({ uri, text: FILE('RUN echo three') });
  const others = after(second.findings, 2);
  assert.ok(others.length >= 3, JSON.stringify(others));
  // Not one of the other instructions' per-instruction findings was computed again.
  for (const f of others) assert.ok(third.findings.includes(f), `${f.ruleId} at line ${f.range.start.line} was computed again`);
  // An instruction growing by a line moves the later ones' findings, fixes included, by that line.
  const grown = analyze({ uri, text: FILE('RUN echo three && \\\n    echo four') });
  const fresh = analyze({ uri, text: grown.src.text, incremental: false });
  assert.equal(JSON.stringify(grown.findings), JSON.stringify(fresh.findings));
  assert.ok(after(grown.findings, 3).length >= 3);
  forget(uri);
});

test('kept findings and parses are dropped when the file is forgotten, and none are kept for a one-off analysis', () => {
  const uri = 'file:///w/kept/Dockerfile';
  analyze({ uri: 'file:///w/once/Dockerfile', text: FILE('RUN echo once'), incremental: false });
  assert.equal(documentFindingsSize(), 0);
  assert.equal(shellParsesSize(), 0);
  analyze({ uri, text: FILE('RUN echo kept') });
  assert.ok(documentFindingsSize() > 0);
  assert.ok(shellParsesSize() > 0);
  forget(uri);
  assert.equal(documentFindingsSize(), 0);
  assert.equal(shellParsesSize(), 0);
});

test('a file of more instructions than MAX_PARTS is judged whole: nothing is kept per instruction, and what was kept for its smaller version is dropped', () => {
  const uri = 'file:///w/many/Dockerfile';
  const lines = (n: number) => `FROM debian:12\n${'ENV A=b\nRUN curl -k https://example.com/x | sh\n'.repeat(n / 2)}`;
  analyze({ uri, text: lines(MAX_PARTS - 2) });
  assert.ok(documentFindingsSize() > 0);
  const many = analyze({ uri, text: lines(MAX_PARTS + 2) });
  assert.equal(documentFindingsSize(), 0);
  assert.equal(JSON.stringify(many.findings), JSON.stringify(analyze({ uri: 'file:///w/once/Dockerfile', text: many.src.text, incremental: false }).findings));
  forget(uri);
});
