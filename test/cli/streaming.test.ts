// The report streams: a file's findings are written as soon as it and the files before it are analyzed,
// not when the whole scan ends, and the streamed JSON is byte for byte the document written at once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { main } from '../../server/src/cli/main';
import { jsonWriter } from '../../server/src/cli/format/json';
import { formatReport, type ScanReport } from '../../server/src/cli/report';
import { META_BY_ID, type Finding } from '../../server/src/engine/index';

process.env.BULKHEAD_TODAY = '2025-01-01';
const tempTree = tempTrees('bulkhead-stream-');

const NON_ROOT = 'FROM alpine:3.20\nUSER 10001\n';
const ROOT = 'FROM alpine:3.20\nUSER root\n';

test('the first file is reported before the last one is read: the last file, changed once output starts, is reported as changed', async () => {
  const dir = tempTree({ 'a/Dockerfile': NON_ROOT, 'z/Dockerfile': NON_ROOT });
  let out = '';
  const io = {
    out: (s: string) => {
      // Before the scan reaches z/: had the report waited for the whole scan, z/ would be judged as it was.
      if (!out) fs.writeFileSync(path.join(dir, 'z', 'Dockerfile'), ROOT);
      out += s;
    },
    err: () => undefined,
    colors: false,
  };
  const code = await main(['scan', dir, '--jobs', '1', '--fail-on', 'warning'], io);
  assert.match(out, /z\/Dockerfile:2:6 +warning +DF001/, out);
  assert.doesNotMatch(out, /a\/Dockerfile:2/, out);
  assert.equal(code, 1, 'the finding of the file changed during the scan fails it');
});

const finding = (ruleId: string, line: number): Finding => ({
  ruleId,
  messageId: 'x',
  data: {},
  severity: 'warning',
  message: `a "quoted"\nmessage on ${line}`,
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  fixes: [{ title: 'fix it', applicability: 'safe', edits: [] }],
});

test('streamed JSON is the document JSON.stringify writes for the whole report, with and without results', () => {
  const reports: ScanReport[] = [
    { files: [], errors: [], metas: META_BY_ID, version: '1.2.3', cwd: '/' },
    {
      files: [
        { file: 'a/Dockerfile', findings: [finding('DF001', 1), finding('DF006', 3)] },
        { file: 'b/compose.yaml', findings: [] },
        { file: 'c/k8s.yaml', findings: [finding('NOPE1', 0)] },
      ],
      errors: [{ file: 'd/Dockerfile', message: 'skipped: binary content' }],
      metas: META_BY_ID,
      version: '1.2.3',
      cwd: '/',
    },
  ];
  for (const report of reports) {
    const results = report.files.flatMap(({ file, findings }) =>
      findings.map((f) => {
        const meta = META_BY_ID.get(f.ruleId);
        return {
          file,
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          range: f.range,
          aliases: meta?.aliases.map((a) => a.id) ?? [],
          threat: meta?.threat ?? null,
          fix: { title: f.fixes[0].title, applicability: f.fixes[0].applicability },
        };
      }),
    );
    const whole = JSON.stringify({ tool: { name: 'bulkhead', version: '1.2.3' }, results, errors: report.errors }, null, 2) + '\n';
    assert.equal(
      formatReport(
        jsonWriter('1.2.3', () => META_BY_ID),
        report,
      ),
      whole,
    );
  }
});
