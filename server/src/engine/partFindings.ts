// Rules that judge a file part by part (a manifest's documents, a Dockerfile's instructions) run only on
// the parts that changed since the file's previous version: each part's findings are kept per rule
// (documentFindings.ts) and reused while its text and what else it was judged under are unchanged.
import type { Finding, Severity } from './model';
import type { AnyRule } from './rule';
import type { WorkspaceFacts } from './workspace/facts';
import { beginVersion, forgetDocumentFindings, type RuleFindings } from './documentFindings';

/** A part of the file: its text, and what besides it and the file's key its findings depend on. */
export interface Part {
  text: string;
  /**
   * What around the part the findings of `contextRules` read: a document's neighbours' parse errors, how
   * many of the file's declarations come before an instruction. Together with the file's `contextKey`.
   */
  context: string;
  /** The line the part starts at: its kept findings move with it. */
  startLine: number;
}

export interface PartsInput<Model> {
  uri: string;
  /** What every part's findings were computed under besides its text and context (settings, line break…). */
  fileKey: string;
  /** What the `contextRules` read of the file besides each part's context (a Dockerfile's declarations). */
  contextKey?: string;
  /** The rules whose findings in a part depend on its context too; undefined: all of them. */
  contextRules?: ReadonlySet<string>;
  parts: Part[];
  /** The active rules that judge one part at a time, in the order they run. */
  rules: Array<{ rule: AnyRule; severity: Severity }>;
  workspace?: WorkspaceFacts;
  /** At most this many findings per rule in the file, as `runRule` counts them. */
  maxFindings: number;
  /** The model of the parts at `indices` (ascending) alone. */
  modelOf(indices: number[]): Model;
  /** The part a finding lies in, -1 when it lies in none (the rule then reads more than one part). */
  partOf(f: Finding): number;
  /** Runs a rule on a model, its findings added to `out`: what `runRule` returns. */
  run(rule: AnyRule, severity: Severity, model: Model, workspace: WorkspaceFacts | undefined, out: Finding[]): { error: unknown } | 'stopped' | undefined;
  /** Whether the parts' fixes are built before they are kept (else when first reused: see documentFindings). */
  buildFixes?: boolean;
}

/** What the part-by-part rules found in the whole file. */
export interface PartsOutcome {
  /** What the rules report run on the whole file, once sorted (a rule's findings in one part keep their order). */
  findings: Finding[];
  /** The rules these findings are of; the others (one failed, reached the limit or reported outside a part) run on the whole file instead. */
  ruleIds: Set<string>;
}

/**
 * The most parts a file is judged part by part in: keeping each part's findings costs about 10 µs a part
 * on a new file, more than the rules save on files of many tiny parts (a 2 MB file of 250,000 `ENV` lines
 * took 3 s instead of 0.6). Real files stay far below: the largest corpus Dockerfile has a few hundred
 * instructions, a large manifest a few hundred documents.
 */
export const MAX_PARTS = 5000;

/** Whether a file of `count` parts is judged whole; its kept findings, if any, are then dropped. */
export function tooManyParts(uri: string, count: number): boolean {
  if (count <= MAX_PARTS) return false;
  forgetDocumentFindings(uri);
  return true;
}

/** A part whose findings (some or all rules') are computed in this analysis. */
interface Pending {
  part: Part;
  /** Rules to run on it: all, or those whose findings were not kept. */
  rules: ReadonlySet<string> | 'all';
  byRule: RuleFindings;
  rerun: string[];
}

/**
 * The rules' findings, reused for unchanged parts and computed on the others: each rule runs once over
 * the parts that need it, its findings shared out by part.
 */
export function perPartFindings<Model>(input: PartsInput<Model>): PartsOutcome {
  const { workspace } = input;
  const version = beginVersion(input.uri, input.fileKey, input.contextKey);
  const { contextRules } = input;
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  const wholeFile = new Set<string>();
  const add = (id: string, found: Finding[]): void => {
    if (found.length === 0) return;
    findings.push(...found);
    counts.set(id, (counts.get(id) ?? 0) + found.length);
  };
  // By index in input.parts.
  const pending = new Map<number, Pending>();
  input.parts.forEach((part, index) => {
    const kept = version.reuse(part.text, part.startLine);
    const moved = kept && (version.contextChanged || kept.context !== part.context);
    // The usual case, without copies: a part whose every finding is kept (most parts of a file being typed into).
    if (kept && !moved && kept.rerun.length === 0) {
      for (const [id, found] of kept.byRule) add(id, found);
      return;
    }
    // In another context, the findings of the rules that read it are computed again.
    const reused = moved && !contextRules ? undefined : kept;
    const rerun = reused ? [...reused.rerun, ...(moved ? contextRules! : [])] : [];
    const byRule = new Map(reused?.byRule);
    if (moved && reused) for (const id of contextRules!) byRule.delete(id);
    for (const [id, found] of byRule) add(id, found);
    if (!reused || rerun.length) pending.set(index, { part, rules: reused ? new Set(rerun) : 'all', byRule, rerun: [] });
  });
  // Whether the rule running now read the workspace: its findings may change with any file, so they are not kept.
  let readWorkspace = false;
  const watched = workspace && watchReads(workspace, () => (readWorkspace = true));
  // One model per set of parts a rule runs on: usually one set (the new parts) for every rule.
  const models = new Map<string, Model>();
  // When every pending part runs every rule (a new file), that set is computed once, not per rule:
  // per rule and part work made a stream of a thousand documents cost a hundred thousand steps more.
  const everyRule = [...pending.values()].every((p) => p.rules === 'all');
  const allPending = [...pending.keys()];
  for (const { rule, severity } of input.rules) {
    const id = rule.meta.id;
    const indices = everyRule ? allPending : allPending.filter((index) => runsRule(pending.get(index)!, id));
    if (indices.length === 0) continue;
    const set = everyRule ? 'all' : indices.join(',');
    let model = models.get(set);
    if (!model) models.set(set, (model = input.modelOf(indices)));
    const found: Finding[] = [];
    readWorkspace = false;
    if (input.run(rule, severity, model, watched, found)) wholeFile.add(id);
    const ranOn: { has(index: number): boolean } = everyRule ? pending : new Set(indices);
    const byPart = new Map<number, Finding[]>();
    for (const f of found) {
      const index = input.partOf(f);
      // A finding outside the parts the rule ran on: the rule is not one of a part alone.
      if (!ranOn.has(index)) {
        wholeFile.add(id);
        continue;
      }
      const own = byPart.get(index);
      if (own) own.push(f);
      else byPart.set(index, [f]);
    }
    if (readWorkspace || wholeFile.has(id)) for (const index of indices) pending.get(index)!.rerun.push(id);
    else for (const [index, own] of byPart) pending.get(index)!.byRule.set(id, own);
    add(id, found);
  }
  for (const p of pending.values()) version.keep(p.part.text, p.part.context, p.part.startLine, { byRule: p.byRule, rerun: p.rerun }, input.buildFixes);
  version.end();
  for (const [id, count] of counts) if (count > input.maxFindings) wholeFile.add(id);
  const ruleIds = new Set(input.rules.map(({ rule }) => rule.meta.id).filter((id) => !wholeFile.has(id)));
  return { findings: wholeFile.size ? findings.filter((f) => ruleIds.has(f.ruleId)) : findings, ruleIds };
}

/** Whether rule `id` runs on a pending part: all do on a new one, those whose findings were not kept on the others. */
function runsRule(p: Pending, id: string): boolean {
  return p.rules === 'all' || p.rules.has(id);
}

/** The workspace, telling `read` whenever a rule asks it anything. */
function watchReads(workspace: WorkspaceFacts, read: () => void): WorkspaceFacts {
  return new Proxy(workspace, {
    get(target, property, receiver) {
      read();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
