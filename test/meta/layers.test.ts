// The tree's layering, checked on the module graph the TypeScript compiler resolves (every import kind,
// relative ones included), and the engine's own build checked to have no Node or DOM types:
// - the engine imports only itself and pure packages, and its layers only downwards;
// - the server, language server, CLI and Node host reach the engine through engine/index.ts alone;
// - the client shares nothing with the server but shared/protocol.ts, which imports nothing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../../scripts/generated';
import { checkLayering, type Area, type KnownViolation, type Layer } from '../harness/layering';
import { moduleImports, readProject } from '../harness/moduleGraph';

const ENGINE = 'server/src/engine/';

/** The engine's layers, lowest first (paths relative to server/src/engine/): each imports only its own and those below. */
const ENGINE_LAYERS: Layer[] = [
  // The vocabulary: findings and rule metadata, text positions, file kinds, the host interface, path arithmetic.
  { name: 'model', paths: ['model.ts', 'source.ts', 'threats.ts', 'detect.ts', 'workspace/host.ts', 'workspace/paths.ts', 'latestVersionCache.ts', 'lazy.ts', 'order.ts'] },
  // Text to syntax: Dockerfile, shell, YAML, Compose and Kubernetes models. Knows no fix, rule or policy.
  { name: 'parse', paths: ['parse/'] },
  // The user's settings (.bulkhead.yaml, editor settings), read with the YAML parser.
  { name: 'config', paths: ['config.ts'] },
  // Security knowledge rules share: secrets, images, users, capabilities, host paths, Pod Security controls.
  { name: 'policy', paths: ['policy/'] },
  // Edit builders by format, where a Helm template lets an edit land, and applying fixes (the one fix loop).
  { name: 'edits', paths: ['edits/'] },
  // Facts about the other files of the workspace (build contexts, ignore files, manifests, Compose overrides).
  { name: 'workspace', paths: ['workspace/'] },
  { name: 'admission', paths: ['admission/'] },
  // The rule contract, and the secret-moving plan several rules' fixes share.
  { name: 'rule', paths: ['rule.ts', 'movedSecrets.ts'] },
  // One check per file, by family.
  { name: 'rules', paths: ['rules/'] },
  // Running it all: analysis, suppressions, the engine's own findings, the registry, fix-all, docs.
  {
    name: 'analysis',
    paths: [
      'analyze.ts',
      'partFindings.ts',
      'perDocumentRules.ts',
      'perInstructionRules.ts',
      'documentFindings.ts',
      'overlayFindings.ts',
      'podSpecPatchFindings.ts',
      'suppressions.ts',
      'diagnostics.ts',
      'registry.ts',
      'fixAll.ts',
      'fingerprint.ts',
      'docs/',
    ],
  },
  // Views over a whole file built from the rules (the Pod Security summary, Harden to restricted).
  { name: 'features', paths: ['features/'] },
  // The public surface.
  { name: 'surface', paths: ['index.ts'] },
];

/** Packages with no I/O and no Node or editor dependency: all the engine may import. */
const ENGINE_PACKAGES = ['yaml', 'dockerfile-ast', 'ignore', 'vscode-languageserver-types', 'vscode-languageserver-textdocument', '@bufbuild/cel', '@bufbuild/cel/ext', '@bufbuild/re2', 'rfc6902'];

const AREAS: Area[] = [
  { dir: ENGINE, imports: [], packages: ENGINE_PACKAGES, entry: `${ENGINE}index.ts`, layers: ENGINE_LAYERS },
  // The language server, CLI and Node host; package.json for their version.
  { dir: 'server/src/', imports: [ENGINE, 'shared/', 'package.json'] },
  // Bundled into the extension: nothing of the server may come with it.
  { dir: 'client/src/', imports: ['shared/'], packages: ['vscode', 'vscode-languageclient', 'node:fs', 'node:path'] },
  { dir: 'shared/', imports: [], packages: [] },
];

/**
 * Imports against the layering the tree still has, each with its reason (none today): the test fails on
 * any import not listed here, and on an entry that no longer occurs.
 */
const KNOWN: KnownViolation[] = [];

const project = (dir: string) => readProject(path.join(REPO_ROOT, dir, 'tsconfig.json'));

test('the tree keeps its layering: engine purity and layers, one front door, client apart from the server', () => {
  const engine = project(ENGINE);
  const root = project('.');
  const rootNames = [...engine.fileNames, ...root.fileNames];
  const { violations, stale } = checkLayering(moduleImports(rootNames, root.options), REPO_ROOT, AREAS, KNOWN);
  assert.deepEqual(violations, [], 'imports against the layering');
  assert.deepEqual(stale, [], 'known violations the tree no longer has: remove them from KNOWN');
});

test('the checker catches each kind of violation, however the import is written, and reports stale exceptions', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-layers-'));
  const files: Record<string, string> = {
    'engine/model.ts': 'export type Id = string;\n',
    'engine/fixer.ts': "import type { Id } from './model';\nexport const fix = (id: Id): Id => id;\n",
    'engine/parse/up.ts': "import { fix } from '../fixer';\nexport const up = fix('x');\n",
    'engine/parse/required.ts': "export const required: unknown = require('../fixer');\n",
    'engine/parse/node.ts': "import * as fs from 'node:fs';\nexport const node = fs;\n",
    'engine/parse/known.ts': "export * from '../fixer';\n",
    'engine/unlayered.ts': "export * from './model';\n",
    'engine/index.ts': "export * from './parse/up';\n",
    'server/main.ts': "import { up } from '../engine/index';\nimport { fix } from '../engine/fixer';\nexport const main = fix(up);\n",
    'server/lazy.ts': "export const lazy = () => import('../engine/parse/node.js');\n",
    'client/extension.ts': "import type { Id } from '../engine/model';\nimport { METHOD } from '../shared/protocol';\nexport const id: Id = METHOD;\n",
    'shared/protocol.ts': "export const METHOD = 'm';\n",
  };
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const areas: Area[] = [
      {
        dir: 'engine/',
        imports: [],
        packages: [],
        entry: 'engine/index.ts',
        layers: [
          { name: 'model', paths: ['model.ts'] },
          { name: 'parse', paths: ['parse/'] },
          { name: 'fixer', paths: ['fixer.ts'] },
          { name: 'surface', paths: ['index.ts'] },
        ],
      },
      { dir: 'server/', imports: ['engine/', 'shared/'] },
      { dir: 'client/', imports: ['shared/'] },
      { dir: 'shared/', imports: [], packages: [] },
    ];
    const known: KnownViolation[] = [
      { from: 'engine/parse/known.ts', to: 'engine/fixer.ts', why: 'listed' },
      { from: 'engine/parse/gone.ts', to: 'engine/fixer.ts', why: 'no longer in the tree' },
    ];
    const options: ts.CompilerOptions = { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, types: [] };
    const imports = moduleImports(
      Object.keys(files).map((rel) => path.join(root, rel)),
      options,
    );
    const { violations, stale } = checkLayering(imports, root, areas, known);
    assert.deepEqual(violations, [
      'client/extension.ts → engine/model.ts: client/ may not import engine/',
      'engine/parse/node.ts → node:fs: package not allowed in engine/',
      'engine/parse/required.ts → engine/fixer.ts: layer parse imports layer fixer above it',
      'engine/parse/up.ts → engine/fixer.ts: layer parse imports layer fixer above it',
      'engine/unlayered.ts: in no layer of engine/ (add it to the layer table)',
      'server/lazy.ts → engine/parse/node.ts: engine/ is imported through engine/index.ts only',
      'server/main.ts → engine/fixer.ts: engine/ is imported through engine/index.ts only',
    ]);
    assert.deepEqual(
      stale.map((k) => k.from),
      ['engine/parse/gone.ts'],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** Each line must fail to compile in the engine: Node and DOM globals and modules. */
const FORBIDDEN_IN_ENGINE = [
  "import * as fs from 'node:fs';",
  "Buffer.from('x');",
  'process.env;',
  "require('node:fs');",
  '__dirname;',
  "import('node:path');",
  'setTimeout(() => undefined, 1);',
  'console.log(1);',
  'document.title;',
  "fetch('https://example.invalid/');",
];
/** ...while ECMAScript itself compiles there, so the errors above are the globals' and not the probe's. */
const ALLOWED_IN_ENGINE = 'export const fine = [new Map<string, number>(), Promise.resolve(1), new Uint8Array(1), globalThis];';

test('the engine compiles without Node or DOM types: Buffer, process, require, node: modules, document are errors there', () => {
  const engine = project(ENGINE);
  // Served by the compiler host, never written: a file of the engine's program, beside its sources.
  const probe = path.join(REPO_ROOT, ENGINE, 'probe.ts');
  const text = [...FORBIDDEN_IN_ENGINE, ALLOWED_IN_ENGINE].join('\n');
  const host = ts.createCompilerHost(engine.options);
  const { getSourceFile, fileExists, readFile } = host;
  const isProbe = (name: string) => path.resolve(name) === probe;
  host.fileExists = (name) => isProbe(name) || fileExists.call(host, name);
  host.readFile = (name) => (isProbe(name) ? text : readFile.call(host, name));
  host.getSourceFile = (name, language, ...rest) => (isProbe(name) ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest));
  const program = ts.createProgram({ rootNames: [...engine.fileNames, probe], options: engine.options, host });
  // A dependency's `/// <reference types="node" />` would bring Node's globals back whatever `types` says.
  assert.deepEqual(
    program
      .getSourceFiles()
      .map((f) => f.fileName)
      .filter((f) => /[\\/]@types[\\/]node[\\/]/.test(f)),
    [],
    "Node's types are in the engine's program",
  );
  const file = program.getSourceFile(probe)!;
  const failing = new Set(program.getSemanticDiagnostics(file).map((d) => file.getLineAndCharacterOfPosition(d.start!).line));
  const compiles = [...FORBIDDEN_IN_ENGINE, ALLOWED_IN_ENGINE].map((line, i) => `${failing.has(i) ? 'error' : 'compiles'}: ${line}`);
  assert.deepEqual(compiles, [...FORBIDDEN_IN_ENGINE.map((line) => `error: ${line}`), `compiles: ${ALLOWED_IN_ENGINE}`]);
});
