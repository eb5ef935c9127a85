// The properties every input must keep, checked against the engine (issue 9: hostile input is normal
// input). For a document, with its workspace when it has one:
//   - analyze() and fixAll(['safe','unsafe']) never throw, and no rule throws (no ruleErrors);
//   - the fixed text re-analyzes without throwing or rule errors;
//   - a file that parsed (no BH001) still parses after fixing, and keeps its kind;
//   - fixing never makes a file larger than the engine analyzes (maxFileBytes);
//   - fixing is a fixed point: fixAll of the fixed text changes nothing more.
// Time and heap are measured per input; they are reported by the runner, never asserted here.
import { performance } from 'node:perf_hooks';
import {
  ALL_METAS,
  analyze,
  applyEdits,
  buildFixes,
  fixAll,
  forgetDocumentFindings,
  forgetParses,
  memoryHost,
  mergeConfig,
  type AnalysisDetails,
  type AnalysisInput,
  type EngineConfig,
  type Finding,
} from '../../server/src/engine/index';

/** One fuzz input: a document and the workspace around it. */
export interface FuzzCase {
  /** Path of the document, relative to the workspace root; its name decides how it is analyzed. */
  document: string;
  /** Texts by path relative to the workspace root, the document's included. Other files make it a workspace run. */
  files: Record<string, string>;
  /** Settings over "every rule on", for the rules that read them. */
  config?: Partial<Pick<EngineConfig, 'podSecurityLevel' | 'podSecurityVersion' | 'trustedRegistries'>>;
}

/** `slow` and `memory` come from the isolated runner: an input stopped at its time limit or memory cap. */
export type FailureKind = 'throw' | 'rule-error' | 'fix-breaks-parse' | 'fix-too-large' | 'fix-not-idempotent' | 'slow' | 'memory';

export interface Failure {
  kind: FailureKind;
  /** Which call: analyze, fixAll, re-analyze (the fixed text), fix-again; `check` for the whole input (slow, memory). */
  stage: 'analyze' | 'fixAll' | 're-analyze' | 'fix-again' | 'check';
  /** What went wrong, for people: an error with its first engine stack frame, the rules involved. */
  detail: string;
  /** Stable across inputs that hit the same bug: kind, stage, rule or frame, message without numbers. */
  signature: string;
}

export interface Outcome {
  failures: Failure[];
  /** Wall time of every engine call for this input. */
  ms: number;
  /** Heap in use after the input, in bytes. */
  heapUsed: number;
  /** Peak process RSS while the input ran, when the runner sampled it (the isolated runner does). */
  peakRss?: number;
}

/** The engine entry points the oracle calls; tests plant bugs by wrapping them. */
export interface Engine {
  analyze: typeof analyze;
  fixAll: typeof fixAll;
}
export const realEngine: Engine = { analyze, fixAll };

const ROOT = '/ws';
const ALLOWED: Array<'safe' | 'unsafe'> = ['safe', 'unsafe'];

/** Every rule on (the off-by-default ones too), with a trusted registry so the registry rules run. */
export function fuzzConfig(c: FuzzCase): EngineConfig {
  return mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])), trustedRegistries: ['registry.example.com'] }, c.config);
}

export function inputOf(c: FuzzCase): AnalysisInput {
  const workspace = Object.keys(c.files).length > 1 ? memoryHost(Object.fromEntries(Object.entries(c.files).map(([p, t]) => [`${ROOT}/${p}`, t])), ROOT) : undefined;
  return { uri: `file://${ROOT}/${c.document}`, text: c.files[c.document] ?? '', workspace };
}

/** Frames of the engine or a library it calls into; fast-check's own frames depend on who called. */
const ENGINE_FRAME = /server[\\/]src[\\/]engine|node_modules[\\/](?!fast-check)/;

/** The first engine (or library) frame of a stack, as `function file` without line numbers. */
function topFrame(stack: string): string {
  const frame =
    stack
      .split('\n')
      .slice(1)
      .find((l) => ENGINE_FRAME.test(l)) ?? '';
  const m = /at (?:(\S+) )?\(?.*?((?:server[\\/]src[\\/]engine|node_modules)[\\/][^:)]+)/.exec(frame);
  return m ? `${m[1] ?? '<anonymous>'} ${m[2].replace(/\\/g, '/')}` : 'unknown frame';
}

/**
 * Signatures name the error's class and where it was thrown, never its message: messages quote the
 * input (`Invalid regular expression: /^[app(/`), so one bug would otherwise count once per input.
 */
const errorName = (message: string): string => /^\s*([A-Za-z]*Error)\b/.exec(message)?.[1] ?? 'Error';

const errorFailure = (stage: Failure['stage'], e: unknown): Failure => {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const frame = topFrame(e instanceof Error ? (e.stack ?? '') : '');
  return { kind: 'throw', stage, detail: `${message.split('\n')[0].slice(0, 300)} (at ${frame})`, signature: `throw/${stage}/${errorName(message)}/${frame}` };
};

/** Rule errors are `ID name: stack`; the rule id, the error class and the throwing frame make the signature. */
const ruleErrorFailures = (stage: Failure['stage'], errors: string[]): Failure[] =>
  errors.map((error) => {
    const [head] = error.split('\n');
    const ruleId = head.split(' ')[0];
    const frame = topFrame(error);
    return { kind: 'rule-error' as const, stage, detail: `${head.slice(0, 300)} (at ${frame})`, signature: `rule-error/${ruleId}/${errorName(head.slice(head.indexOf(':') + 1))}/${frame}` };
  });

const parseErrors = (r: AnalysisDetails): Finding[] => r.findings.filter((f) => f.ruleId === 'BH001');
const fixable = (r: { findings: Finding[] }): Finding[] => r.findings.filter((f) => f.fixes.some((x) => x.applicability !== 'display-only' && x.edits.length > 0));
/**
 * Rules that stopped at their findings limit (BH005 tooManyFindings): fixAll fixes what they reported,
 * at most MAX_FIX_PASSES times, so on a file of more than ten times the limit the next run fixes more.
 */
const capped = (r: { findings: Finding[] }): Set<string> => new Set(r.findings.filter((f) => f.messageId === 'tooManyFindings').map((f) => f.data.id));
const ids = (fs: Finding[]): string => [...new Set(fs.map((f) => f.ruleId))].sort().join(',') || 'none';
/**
 * One rule of a list for the signature, so the same bug reached along with other fixes stays one
 * failure; fixes that only break a file together are one failure per file kind (`combined-K8S`).
 */
const firstId = (list: string): string => (list.startsWith('combined:') ? `combined-${list.slice(9).split(',')[0].replace(/\d+$/, '')}` : list.split(',')[0]);

/** Rules whose fix is tried alone by the culprit search: each try analyzes the whole file again (seconds at 2 MB). */
const MAX_CULPRIT_TRIES = 12;

/**
 * The rules whose fix alone, applied to `text`, makes a parsing file fail to parse: names the culprit.
 * One fix per rule, for at most MAX_CULPRIT_TRIES rules: a 2 MB file with 6,000 fixes tried one by one
 * took minutes.
 */
function fixesBreakingParse(engine: Engine, input: AnalysisInput, config: EngineConfig, before: AnalysisDetails): string {
  const firstPerRule = fixable(before).filter((f, i, all) => all.findIndex((o) => o.ruleId === f.ruleId) === i);
  const culprits = firstPerRule.slice(0, MAX_CULPRIT_TRIES).filter((f) => {
    const fix = f.fixes.find((x) => x.applicability !== 'display-only' && x.edits.length > 0)!;
    try {
      return parseErrors(engine.analyze({ ...input, text: applyEdits(input.text, fix.edits) }, config)).length > 0;
    } catch {
      return false;
    }
  });
  return culprits.length ? ids(culprits) : `combined:${ids(fixable(before))}`;
}

/** The file was refused as larger than maxFileBytes (BH004 tooLarge): its analysis says nothing else. */
const tooLarge = (r: AnalysisDetails): boolean => r.findings.some((f) => f.messageId === 'tooLarge');

/**
 * Drops what the engine keeps of the case's files for their next version (parses, per-document findings):
 * no later input is a next version of them. Kept, a run's large inputs filled those caches to their limits
 * (some 300 MB of heap that every later input ran beside: the long run's worker grew past 2.4 GB RSS), and
 * an input's outcome depended on the inputs before it.
 */
function forgetCase(c: FuzzCase): void {
  for (const p of Object.keys(c.files)) {
    forgetParses(`file://${ROOT}/${p}`);
    forgetDocumentFindings(`file://${ROOT}/${p}`);
  }
}

/** Runs every property on one input; never throws. */
export function checkCase(c: FuzzCase, engine: Engine = realEngine): Outcome {
  const failures: Failure[] = [];
  const config = fuzzConfig(c);
  const input = inputOf(c);
  const start = performance.now();
  const done = (): Outcome => {
    forgetCase(c);
    return { failures, ms: performance.now() - start, heapUsed: process.memoryUsage().heapUsed };
  };

  let before: AnalysisDetails;
  try {
    before = engine.analyze(input, config);
  } catch (e) {
    failures.push(errorFailure('analyze', e));
    return done();
  }
  // Fixes are built on first use; built now, a fix that throws is in ruleErrors like a rule that does.
  buildFixes(before.findings);
  failures.push(...ruleErrorFailures('analyze', before.ruleErrors));

  let fixed: string;
  try {
    fixed = engine.fixAll(input, config, ALLOWED).text;
  } catch (e) {
    failures.push(errorFailure('fixAll', e));
    return done();
  }
  if (fixed === input.text) return done();

  let after: AnalysisDetails;
  try {
    after = engine.analyze({ ...input, text: fixed }, config);
  } catch (e) {
    failures.push(errorFailure('re-analyze', e));
    return done();
  }
  buildFixes(after.findings);
  failures.push(...ruleErrorFailures('re-analyze', after.ruleErrors));
  if (tooLarge(after)) {
    // Not a parse failure: the engine no longer looks at the file, so nothing more can be checked.
    failures.push({
      kind: 'fix-too-large',
      stage: 're-analyze',
      detail: `fixes of ${ids(fixable(before))} grow the file from ${input.text.length} to ${fixed.length} characters, past the ${config.maxFileBytes} the engine analyzes`,
      signature: `fix-too-large/${before.kind}`,
    });
    return done();
  }
  if (parseErrors(before).length === 0 && (parseErrors(after).length > 0 || after.kind !== before.kind)) {
    const culprit = fixesBreakingParse(engine, input, config, before);
    const what = parseErrors(after).length > 0 ? `BH001 "${parseErrors(after)[0].message}"` : `kind ${before.kind} → ${after.kind}`;
    failures.push({
      kind: 'fix-breaks-parse',
      stage: 're-analyze',
      detail: `fixes of ${culprit} turn a parsing file into ${what}`,
      signature: `fix-breaks-parse/${firstId(culprit)}/${parseErrors(after).length ? 'BH001' : 'kind'}`,
    });
  }

  try {
    const again = engine.fixAll({ ...input, text: fixed }, config, ALLOWED).text;
    // The rules still offering a fix after fixAll converged (or gave up) are the ones that do not settle;
    // a rule at its findings limit, in the input or the fixed text, has more to fix than one run fixes
    // (10,546 apt installs: ten passes of 1,000 fixes leave 546, under the limit).
    const stopped = new Set([...capped(before), ...capped(after)]);
    const left = fixable(after);
    if (again !== fixed && !(left.length > 0 && left.every((f) => stopped.has(f.ruleId))))
      failures.push({
        kind: 'fix-not-idempotent',
        stage: 'fix-again',
        detail: `fixing the fixed text changes it again; fixes still offered by ${ids(left)}`,
        signature: `fix-not-idempotent/${firstId(ids(left))}`,
      });
  } catch (e) {
    failures.push(errorFailure('fix-again', e));
  }
  return done();
}
