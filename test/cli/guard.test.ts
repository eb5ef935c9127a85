// The CLI when the analysis fails on a file, when file names or messages carry terminal controls, and when
// the config file names rules that do not exist: every file still reported, every failure visible.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { main } from '../../server/src/cli/main';
import { textWriter } from '../../server/src/cli/format/text';
import { formatReport } from '../../server/src/cli/report';
import { META_BY_ID } from '../../server/src/engine/index';
import * as dockerfileParser from '../../server/src/engine/parse/dockerfile';
import { THROWN, THROWN_LINE, throwingRule, withExport, withRules } from '../harness/throwingRule';

const workspace = tempTrees('bulkhead-guard-');

async function scan(args: string[], colors = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['scan', ...args], { out: (s) => (out += s), err: (s) => (err += s), colors });
  return { code, out, err };
}

const ADD_DOCKERFILE = 'FROM alpine:3.20\nADD app.py /app/\n';
const PRIVILEGED_COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const ruleFailed = `Rule DF900 (always-throws) failed on this file, so its checks were skipped: ${THROWN_LINE}.`;

interface JsonResult {
  file: string;
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number } };
}

test('a rule that throws is a BH005 in text, JSON and SARIF, and the scan goes on', async () => {
  const dir = workspace({ Dockerfile: ADD_DOCKERFILE, 'compose.yaml': PRIVILEGED_COMPOSE });
  await withRules([throwingRule('dockerfile')], async () => {
    const text = await scan([dir]);
    assert.equal(text.code, 1);
    assert.equal(text.err, '', 'the failure is a finding, not an "internal error" line');
    const lines = text.out.split('\n');
    assert.ok(lines.includes(`${path.join(dir, 'Dockerfile')}:1:1  warning  BH005   ${ruleFailed}`), text.out);
    assert.ok(lines.some((l) => l.includes('DC001')) && lines.some((l) => l.includes('DF006')), 'the other checks still report');
    assert.match(text.out, /; 1 file not fully analyzed \(BH005\)\n$/);

    const json = JSON.parse((await scan([dir, '--format', 'json'])).out);
    assert.deepEqual(
      json.results.filter((r: JsonResult) => r.ruleId === 'BH005').map((r: JsonResult) => [path.basename(r.file), r.message]),
      [['Dockerfile', ruleFailed]],
    );
    assert.deepEqual(json.errors, []);

    const sarif = JSON.parse((await scan([dir, '--format', 'sarif'])).out).runs[0];
    assert.ok(sarif.results.some((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'BH005' && r.message.text === ruleFailed));
    assert.ok(sarif.tool.driver.rules.some((r: { id: string }) => r.id === 'BH005'));
    const [invocation] = sarif.invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n: Record<string, unknown>) => ({ ...n, locations: undefined })),
      [
        {
          level: 'error',
          message: { text: `${path.join(dir, 'Dockerfile').split(path.sep).join('/')}: ${ruleFailed}` },
          associatedRule: { id: 'DF900' },
          locations: undefined,
        },
      ],
    );
    assert.deepEqual(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });
  const clean = JSON.parse((await scan([dir, '--format', 'sarif'])).out).runs[0];
  assert.equal(clean.invocations[0].executionSuccessful, true);
  assert.deepEqual(clean.invocations[0].toolExecutionNotifications, []);
});

test('a file that cannot be parsed does not abort the scan: it is a BH005 and the other files are reported', async () => {
  const dir = workspace({ 'a/Dockerfile': '# hostile\nFROM alpine:3.20\n', 'b/Dockerfile': ADD_DOCKERFILE, 'compose.yaml': PRIVILEGED_COMPOSE });
  const original = dockerfileParser.parseDockerfile;
  const failOnHostile: typeof original = (text) => {
    if (text.includes('hostile')) throw THROWN;
    return original(text);
  };
  const r = await withExport(dockerfileParser, 'parseDockerfile', failOnHostile, () => scan([dir, '--format', 'json']));
  assert.equal(r.code, 1, r.err);
  const results: JsonResult[] = JSON.parse(r.out).results;
  const idsOf = (rel: string) => results.filter((x) => path.relative(dir, x.file) === rel).map((x) => x.ruleId);
  assert.deepEqual(idsOf(path.join('a', 'Dockerfile')), ['BH005']);
  assert.ok(idsOf(path.join('b', 'Dockerfile')).includes('DF006'));
  assert.ok(idsOf('compose.yaml').includes('DC001'));
  assert.equal(results.find((x) => x.ruleId === 'BH005')!.message, `Analysis failed, so no rule checked this file: ${THROWN_LINE}.`);
});

const ESC_NAME = '\x1b]0;pwned\x07\x1b[2J.Dockerfile';

/** What a terminal would act on, once our own colour codes are set aside. */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const withoutOurColours = (s: string) => s.replace(/\x1b\[\d+m/g, '');

test('text output escapes control and bidi characters of file names and messages; our colours stay', () => {
  const finding = {
    ruleId: 'DF006',
    messageId: 'x',
    data: {},
    severity: 'warning' as const,
    message: 'quotes "\x1b[2Jx\ry\u202egnp.exe\u0085": done.',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    fixes: [],
  };
  const report = { files: [{ file: `dir/${ESC_NAME}\nforged:1:1`, findings: [finding] }], errors: [], metas: META_BY_ID, version: '0', cwd: '/' };
  for (const colors of [false, true]) {
    const out = formatReport(textWriter(colors), report);
    assert.doesNotMatch(withoutOurColours(out), CONTROLS);
    assert.equal(out.split('\n').length, 4, 'one finding line, a blank line, the summary and the final newline');
    assert.ok(out.includes('dir/\\x1b]0;pwned\\x07\\x1b[2J.Dockerfile\\x0aforged:1:1:1:1'), out);
    assert.ok(out.includes('quotes "\\x1b[2Jx\\x0dy\\u202egnp.exe\\x85": done.'), out);
  }
  assert.match(formatReport(textWriter(true), report), /\x1b\[33mwarning/);
});

test('file names with control characters reach neither stdout nor stderr raw', async () => {
  const dir = workspace({ [ESC_NAME]: ADD_DOCKERFILE, '\x1b[31mred.Dockerfile': Buffer.from([0x46, 0, 1]) });
  const r = await scan([dir]);
  assert.doesNotMatch(r.out + r.err, CONTROLS);
  assert.ok(r.out.includes('\\x1b]0;pwned\\x07\\x1b[2J.Dockerfile:2:1'), r.out);
  assert.ok(r.err.includes('\\x1b[31mred.Dockerfile: skipped: binary content'), r.err);
});

test('unknown rule ids in the config file are BH002 findings at their key, not a failed scan; --rule still rejects them', async () => {
  const dir = workspace({ '.bulkhead.yaml': 'rules:\n  DF006: off\n  DF999: off\n', 'sub/.bulkhead.json': '{"rules": {"XF999": "error"}}', Dockerfile: ADD_DOCKERFILE });
  const r = await scan([dir, '--format', 'json', '--fail-on', 'never']);
  assert.equal(r.code, 0, r.err);
  const results: JsonResult[] = JSON.parse(r.out).results;
  assert.deepEqual(
    results.filter((x) => x.ruleId === 'BH002').map((x) => [path.relative(dir, x.file), x.ruleId, x.message, x.range.start.line, x.range.start.character]),
    [
      ['.bulkhead.yaml', 'BH002', 'Unknown rule id "DF999" in the configuration: this setting has no effect.', 2, 2],
      [path.join('sub', '.bulkhead.json'), 'BH002', 'Unknown rule id "XF999" in the configuration: this setting has no effect.', 0, 11],
    ],
  );
  assert.equal((await scan([dir, '--rule', 'DF999=off'])).code, 2);
});
