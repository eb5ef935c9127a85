// What runs after the YAML parse of a large Compose file or manifest stream stays linear in the file:
// the models' lookups that every finding or every rule repeats.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SourceFile } from '../../server/src/engine/index';
import { inPartialObject, parseKubernetes } from '../../server/src/engine/parse/kubernetes';
import { assertNearLinear } from '../harness/complexity';

const uri = 'file:///ws/tasks.yaml';

test('whether a finding falls in a partial object takes time linear in the stream, asked once per object', () => {
  // runRule asks it of every finding about a missing setting: a scan of every object per finding was quadratic.
  const streamOf = (n: number) =>
    parseKubernetes(
      new SourceFile(uri, Array.from({ length: n }, (_, i) => `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t${i}\nspec:\n  steps: [{name: s, image: alpine}]\n`).join('---\n')),
    );
  const k8s = streamOf(3);
  assert.ok(k8s.objects.every((o) => o.partial && inPartialObject(k8s, o.doc.rangeOf(o.node))));
  assert.ok(!inPartialObject(k8s, { start: { line: 100, character: 0 }, end: { line: 100, character: 1 } }));
  assertNearLinear(
    streamOf,
    (model) => {
      for (const object of model.objects) inPartialObject(model, object.doc.rangeOf(object.node));
    },
    { n: 3000, runs: 3 },
  );
});
