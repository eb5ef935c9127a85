// Real chart templates (../shared/corpus/k8s-helm-templates when present, and test/corpus's) judged
// inside a chart: each analyzes without an engine error (BH005, BH001 at error, a rule's stack), alone
// and as rendered. The corpus keeps templates without their values, so the chart's values are empty:
// every `.Values` lookup is then missing, the hardest case for the evaluator's unknown handling.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, memoryHost, mergeConfig } from '../../server/src/engine/index';
import { filesUnder, IN_REPO_CORPUS, SHARED_CORPUS } from '../../scripts/corpus';
import { CHART_YAML } from '../harness/helmChart';

const config = mergeConfig();

for (const corpus of [SHARED_CORPUS, IN_REPO_CORPUS]) {
  const dir = path.join(corpus, 'k8s-helm-templates');
  test(`every template of ${path.relative(process.cwd(), dir)} analyzes inside a chart without an engine error`, { skip: !fs.existsSync(dir) && 'corpus absent' }, () => {
    const problems: string[] = [];
    for (const file of filesUnder(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      const templatePath = `/ws/chart/templates/${path.basename(file)}`;
      const host = memoryHost({ '/ws/chart/Chart.yaml': CHART_YAML, '/ws/chart/values.yaml': '', [templatePath]: text }, '/ws');
      for (const workspace of [undefined, host]) {
        const r = analyze({ uri: templatePath, text, workspace }, config);
        const bad = r.findings.filter((f) => f.ruleId === 'BH005' || (f.ruleId === 'BH001' && f.severity === 'error'));
        if (bad.length || r.ruleErrors.length) problems.push(`${path.relative(dir, file)}${workspace ? ' (rendered)' : ''}: ${[...bad.map((f) => f.message), ...r.ruleErrors].join('; ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}
