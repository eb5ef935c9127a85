// Dockerfile rules that judge each instruction by its own text run instruction by instruction, their
// findings reused while the instruction's lines are unchanged (partFindings.ts): a keystroke re-runs them
// on the edited instruction only, not on the 1,500 others of a large file.
import type { Finding, Range, Severity } from './model';
import type { SourceFile } from './source';
import type { AnyRule } from './rule';
import type { EngineConfig } from './config';
import type { DockerfileModel, Instruction } from './parse/dockerfile';
import { TEMPLATE_MASK } from './parse/templates';
import type { WorkspaceFacts } from './workspace/facts';
import { perPartFindings, tooManyParts, type PartsOutcome } from './partFindings';

/**
 * Whether a rule may run instruction by instruction (`meta.scope`). A rule without the scope (a new one
 * too) runs on the whole file every time; test/engine/incrementalDockerfile.test.ts checks the scope of
 * every Dockerfile rule on edited files.
 */
export function judgesOneInstruction(rule: AnyRule): boolean {
  return rule.meta.scope === 'instruction' || readsDeclarations(rule);
}

/** Whether a rule's findings in an instruction also read the file's declarations (`meta.scope`). */
function readsDeclarations(rule: AnyRule): boolean {
  return rule.meta.scope === 'instructionAndDeclarations';
}

/**
 * The instructions that set what another instruction means: its stage and the stage names (FROM), the
 * variables it sees (ARG, ENV), its user and shell. A rule of scope 'instructionAndDeclarations' reads
 * nothing else of the file.
 */
const DECLARATIONS = new Set(['FROM', 'ARG', 'ENV', 'USER', 'SHELL']);

export interface PerInstructionInput {
  src: SourceFile;
  dockerfile: DockerfileModel;
  /** The active per-instruction rules, in the order they run. */
  rules: Array<{ rule: AnyRule; severity: Severity }>;
  config: EngineConfig;
  workspace?: WorkspaceFacts;
  /** At most this many findings per rule in the file, as `runRule` counts them. */
  maxFindings: number;
  /** A rule run on a model of some instructions, its findings added to `out`: what `runRule` returns. */
  run(rule: AnyRule, severity: Severity, model: { dockerfile: DockerfileModel; workspace?: WorkspaceFacts }, out: Finding[]): { error: unknown } | 'stopped' | undefined;
}

/** The lines of one instruction, or of several when they share a line: the unit whose findings are kept. */
interface Segment {
  first: number;
  last: number;
  instructions: Instruction[];
}

/**
 * The per-instruction rules' findings, reused for unchanged instructions and computed on the others.
 * Undefined when the file is judged as a whole: it holds a template or a template mask, which a finding
 * reads as the whole file's text says (see `readable` and `keepsTemplate`), or too many instructions.
 */
export function perInstructionFindings(input: PerInstructionInput): PartsOutcome | undefined {
  const { src, dockerfile } = input;
  if (src.hasTemplates || src.text.includes(TEMPLATE_MASK)) return undefined;
  // Counted before the segments are made: making 250,000 of them cost more than their rules.
  if (tooManyParts(src.uri, dockerfile.instructions.length)) return undefined;
  const segments = segmentsOf(dockerfile.instructions);
  const lineStart = (line: number) => src.offsetAt({ line, character: 0 });
  // The declarations, and how many come before each segment: with equal declarations, an instruction of
  // the same text after as many of them means the same (same stage, user, shell and variables before it).
  const declarations: string[] = [];
  const before = segments.map((s) => {
    const count = declarations.length;
    for (const ins of s.instructions) if (DECLARATIONS.has(ins.keyword)) declarations.push(src.text.slice(ins.start, ins.end));
    return count;
  });
  return perPartFindings<DockerfileModel>({
    uri: src.uri,
    // Besides its lines, what an instruction's findings and fixes read of the file.
    fileKey: JSON.stringify(['dockerfile', input.config, src.eol, dockerfile.escapeChar, input.workspace !== undefined]),
    contextKey: JSON.stringify(declarations),
    contextRules: new Set(input.rules.filter(({ rule }) => readsDeclarations(rule)).map(({ rule }) => rule.meta.id)),
    // Whole lines with their line break (an instruction at the end of the file differs from one before
    // another), after the count of declarations before them: the same text in two stages is two parts.
    parts: segments.map((s, i) => ({ text: `${before[i]}:${src.text.slice(lineStart(s.first), lineStart(s.last + 1))}`, context: '', startLine: s.first })),
    rules: input.rules,
    workspace: input.workspace,
    maxFindings: input.maxFindings,
    // All of them: the file's own model, whose parsed RUNs the whole-file rules then share.
    modelOf: (indices) => (indices.length === segments.length ? dockerfile : { ...dockerfile, instructions: indices.flatMap((i) => segments[i].instructions) }),
    partOf: (f) => segmentOf(segments, f),
    run: (rule, severity, model, workspace, out) => input.run(rule, severity, { dockerfile: model, workspace }, out),
    // A kept fix would otherwise hold the whole version it was reported on (its text and model).
    buildFixes: true,
  });
}

function segmentsOf(instructions: Instruction[]): Segment[] {
  const out: Segment[] = [];
  let current: Segment | undefined;
  for (const ins of instructions) {
    if (current && ins.startLine <= current.last) {
      current.instructions.push(ins);
      current.last = Math.max(current.last, ins.endLine);
    } else {
      out.push((current = { first: ins.startLine, last: ins.endLine, instructions: [ins] }));
    }
  }
  return out;
}

/** The segment whose lines hold the finding and the places it relates to; -1 when no one segment does. */
function segmentOf(segments: Segment[], f: Finding): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].first <= f.range.start.line) lo = mid + 1;
    else hi = mid;
  }
  const index = lo - 1;
  const segment = segments[index];
  const within = (r: Range) => segment && r.start.line >= segment.first && r.end.line <= segment.last;
  return within(f.range) && (f.related ?? []).every((r) => r.path !== undefined || within(r.range)) ? index : -1;
}
