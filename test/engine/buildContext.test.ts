import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceFile } from '../../server/src/engine/source';
import { parseDockerfile } from '../../server/src/engine/parse/dockerfile';
import { memoryHost } from '../../server/src/engine/workspace/host';
import { WorkspaceFacts } from '../../server/src/engine/workspace/facts';
import { buildContextOf } from '../../server/src/engine/rules/cross/context';
import type { DockerfileContext } from '../../server/src/engine/rule';

const text = 'FROM alpine:3.20\nCOPY config/app.yaml src/ /app/\n';
const files = { '/ws/Dockerfile': text, '/ws/.dockerignore': 'config/\n' };

const contextWith = (dockerfile: ReturnType<typeof parseDockerfile>, workspace: WorkspaceFacts) => ({ dockerfile, workspace }) as unknown as DockerfileContext;

test('the build context is read once per Dockerfile model and workspace facts: the three rules that ask share it', () => {
  const dockerfile = parseDockerfile(text, new SourceFile('file:///ws/Dockerfile', text));
  const facts = new WorkspaceFacts(memoryHost(files, '/ws'), '/ws/Dockerfile');
  const first = buildContextOf(contextWith(dockerfile, facts));
  assert.ok(first);
  assert.deepEqual(
    first.sources.map((s) => s.path),
    ['config/app.yaml', 'src'],
  );
  assert.equal(buildContextOf(contextWith(dockerfile, facts)), first);
  // Other facts (another analysis of the same model) read it again.
  const other = buildContextOf(contextWith(dockerfile, new WorkspaceFacts(memoryHost(files, '/ws'), '/ws/Dockerfile')));
  assert.notEqual(other, first);
  assert.deepEqual(
    other?.sources.map((s) => s.path),
    ['config/app.yaml', 'src'],
  );
});
