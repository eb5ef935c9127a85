// Inline suppressions: `# bulkhead-ignore ID[,ID] -- reason` (next instruction/line, or its own line when
// trailing), `# bulkhead-ignore-file ID -- reason`, and the peers' own comments for the rules that alias
// them (`# hadolint ignore=DLxxxx`, `# hadolint global ignore=…`, `# checkov:skip=CKV_…`, BuildKit's
// `# check=skip=Rule`), so teams
// migrate with their suppressions intact.
import type { Alias, FileKind, Finding, Range, RuleMeta, TextEdit } from './model';
import type { SourceFile } from './source';
import { insertLinesBefore } from './edits/text';
import type { K8sModel, K8sObject } from './parse/kubernetes';
import type { Node } from './parse/yaml';

export type SuppressionSource = 'bulkhead' | 'hadolint' | 'checkov' | 'buildkit' | 'kube-linter';

export interface Suppression {
  source: SuppressionSource;
  /** Ids as written (ours or the peer's). */
  ids: string[];
  /** Range of the comment, for unused/unknown reports. */
  range: Range;
  /** Lines covered, inclusive; whole file when undefined. */
  lines?: [number, number];
  used: Set<string>;
}

const DIRECTIVE = /(?:^|\s)#\s*(bulkhead-ignore-file|bulkhead-ignore|hadolint\s+global\s+ignore=|hadolint\s+ignore=|checkov:skip=|check\s*=\s*skip=)\s*(.*)$/;

export interface SuppressionScope {
  kind: FileKind;
  /** Line ranges of Dockerfile instructions (for "next instruction"). */
  instructionLines?: Array<[number, number]>;
  /** Line ranges of YAML documents (checkov skips cover their resource). */
  documentLines?: Array<[number, number]>;
}

export function parseSuppressions(src: SourceFile, scope: SuppressionScope): Suppression[] {
  const out: Suppression[] = [];
  // Only lines holding a `#` can hold a directive: go from one to the next without reading the others.
  for (let hash = src.text.indexOf('#'); hash !== -1;) {
    const line = src.positionAt(hash).line;
    hash = line + 1 < src.lineCount ? src.text.indexOf('#', src.offsetAt({ line: line + 1, character: 0 })) : -1;
    const text = src.lineText(line);
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const hashAt = text.indexOf('#', m.index);
    const range = { start: { line, character: hashAt }, end: { line, character: text.length } };
    const trailing = text.slice(0, hashAt).trim() !== '';
    if (trailing && scope.kind === 'dockerfile') continue; // `#` after an instruction is shell text, not a comment
    const directive = m[1].replace(/\s+/g, ' ');
    const body = m[2];
    if (directive === 'bulkhead-ignore-file' || directive === 'bulkhead-ignore') {
      const ids = splitIds(body.split(/\s+--\s*|\s--$/)[0]);
      const lines = directive === 'bulkhead-ignore-file' ? undefined : trailing ? ([line, line] as [number, number]) : nextTarget(src, line, scope);
      out.push({ source: 'bulkhead', ids, range, lines, used: new Set() });
    } else if (/^check\s*=/.test(directive)) {
      // BuildKit's `# check=skip=Rule1,Rule2` parser directive: the whole Dockerfile.
      if (scope.kind !== 'dockerfile') continue;
      out.push({ source: 'buildkit', ids: splitIds(body.split(/[;\s]/)[0]), range, used: new Set() });
    } else if (directive.startsWith('hadolint')) {
      const ids = splitIds(body.split(/\s/)[0]);
      const lines = directive.includes('global') ? undefined : nextTarget(src, line, scope);
      out.push({ source: 'hadolint', ids, range, lines, used: new Set() });
    } else {
      const ids = splitIds(body.split(/[:\s]/)[0]);
      const doc = scope.documentLines?.find(([a, b]) => line >= a && line <= b);
      out.push({ source: 'checkov', ids, range, lines: scope.kind === 'dockerfile' ? undefined : doc, used: new Set() });
    }
  }
  return out;
}

/** `ignore-check.kube-linter.io/<check>` and `checkov.io/skipN: <CHECK>=<reason>` annotations. */
const KUBE_LINTER_ANNOTATION = /^ignore-check\.kube-linter\.io\/(.+)$/;
const CHECKOV_ANNOTATION = /^checkov\.io\/skip\d+$/;

/**
 * The peers' annotation suppressions of each Kubernetes object (on the object or its pod template):
 * they cover the whole object, as in kube-linter and checkov.
 */
export function annotationSuppressions(model: K8sModel): Suppression[] {
  const out: Suppression[] = [];
  const templates = new Map<K8sObject, Node[]>();
  for (const podSpec of model.podSpecs) templates.set(podSpec.object, [...(templates.get(podSpec.object) ?? []), podSpec.template]);
  for (const object of model.objects) {
    const { doc } = object;
    const objectRange = doc.rangeOf(object.node);
    const lines: [number, number] = [objectRange.start.line, objectRange.end.line];
    const holders = [object.node, ...(templates.get(object) ?? [])].map((holder) => doc.get(holder, 'metadata', 'annotations'));
    for (const holder of new Set(holders)) {
      for (const { key, pair } of doc.entries(holder)) {
        const range = doc.rangeOf(pair.key as never);
        const kubeLinter = KUBE_LINTER_ANNOTATION.exec(key);
        if (kubeLinter) out.push({ source: 'kube-linter', ids: [kubeLinter[1]], range, lines, used: new Set() });
        else if (CHECKOV_ANNOTATION.test(key)) {
          const id = String(doc.scalar(pair.value) ?? '')
            .split('=')[0]
            .trim();
          if (id) out.push({ source: 'checkov', ids: [id], range, lines, used: new Set() });
        }
      }
    }
  }
  return out;
}

function splitIds(s: string): string[] {
  return s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The lines a comment-line suppression covers: the next instruction, or the next YAML line and its block. */
function nextTarget(src: SourceFile, line: number, scope: SuppressionScope): [number, number] {
  if (scope.instructionLines) return nextInstruction(scope.instructionLines, line) ?? [line + 1, line + 1];
  let first = line + 1;
  while (first < src.lineCount && /^\s*(#.*)?$/.test(src.lineText(first))) first++;
  const indent = indentOf(src.lineText(first));
  let last = first;
  for (let l = first + 1; l < src.lineCount; l++) {
    const t = src.lineText(l);
    if (/^\s*(#.*)?$/.test(t)) continue;
    if (indentOf(t) <= indent) break;
    last = l;
  }
  return [first, last];
}

/**
 * The first instruction starting after `line`, by binary search (instructions are in file order): a
 * file with a suppression comment before each of its many instructions stays linear.
 */
function nextInstruction(instructionLines: Array<[number, number]>, line: number): [number, number] | undefined {
  let lo = 0;
  let hi = instructionLines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instructionLines[mid][0] > line) hi = mid;
    else lo = mid + 1;
  }
  return instructionLines[lo];
}

function indentOf(line: string): number {
  const m = /^(\s*)(- +)?/.exec(line)!;
  return m[1].length + (m[2] ? m[2].length - 0.5 : 0); // a `- ` item owns the lines indented under its keys
}

export interface SuppressionOutcome {
  kept: Finding[];
  unused: Suppression[];
  unknown: Array<{ s: Suppression; id: string }>;
}

const peerIdsOf = new WeakMap<ReadonlyMap<string, RuleMeta>, Map<string, string[]>>();

/** Our rule ids by each peer id they alias, upper-cased (built once per rule table: every analysis asks). */
function peerIds(metas: ReadonlyMap<string, RuleMeta>): Map<string, string[]> {
  let peerToOurs = peerIdsOf.get(metas);
  if (!peerToOurs) {
    peerToOurs = new Map<string, string[]>();
    for (const meta of metas.values()) {
      for (const a of meta.aliases) {
        const list = peerToOurs.get(a.id.toUpperCase()) ?? [];
        list.push(meta.id);
        peerToOurs.set(a.id.toUpperCase(), list);
      }
    }
    peerIdsOf.set(metas, peerToOurs);
  }
  return peerToOurs;
}

/**
 * The suppressions naming one rule, to find the first (in file order) that covers a line without
 * visiting the others: a file with a suppression per instruction and a finding per instruction stays
 * near-linear. Whole-file ones cover every line. `accepts` narrows a peer's id to the findings of its
 * check (a peer's profiling check suppresses that flag's finding, not the rule's other flags).
 */
class RuleSuppressions {
  private fileWide: number[] = [];
  /** Line-scoped ones by first line, with the largest last line among each prefix: a backward scan stops below it. */
  private scoped: Array<{ index: number; first: number; last: number }> = [];
  private reachOfPrefix: number[] = [];

  constructor(private readonly all: Suppression[]) {}

  add(index: number): void {
    const lines = this.all[index].lines;
    if (!lines) this.fileWide.push(index);
    else this.scoped.push({ index, first: lines[0], last: lines[1] });
  }

  /** Sorts the line-scoped ones once all are added. */
  seal(): this {
    this.scoped.sort((a, b) => a.first - b.first || a.index - b.index);
    let reach = -Infinity;
    this.reachOfPrefix = this.scoped.map((s) => (reach = Math.max(reach, s.last)));
    return this;
  }

  /** The first suppression in file order that covers `line` and `accepts`. */
  first(line: number, accepts: (s: Suppression) => boolean): Suppression | undefined {
    let best = this.fileWide.find((i) => accepts(this.all[i])) ?? Infinity;
    let lo = 0;
    let hi = this.scoped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.scoped[mid].first <= line) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && this.reachOfPrefix[i] >= line; i--) {
      const s = this.scoped[i];
      if (s.last >= line && s.index < best && accepts(this.all[s.index])) best = s.index;
    }
    return best === Infinity ? undefined : this.all[best];
  }
}

function suppressionsByRule(suppressions: Suppression[], resolve: (s: Suppression, id: string) => string[]): Map<string, RuleSuppressions> {
  const byRule = new Map<string, RuleSuppressions>();
  suppressions.forEach((s, index) => {
    const rules = new Set(s.ids.flatMap((id) => resolve(s, id)));
    for (const rule of rules) {
      let list = byRule.get(rule);
      if (!list) byRule.set(rule, (list = new RuleSuppressions(suppressions)));
      list.add(index);
    }
  });
  for (const list of byRule.values()) list.seal();
  return byRule;
}

/** Whether a finding of the alias's rule is the alias's peer check. */
export function aliasCovers(alias: Alias, finding: Pick<Finding, 'check'>): boolean {
  return alias.checks === undefined || (finding.check !== undefined && alias.checks.includes(finding.check));
}

/**
 * Drops suppressed findings. `metaById` resolves our ids; peer ids resolve through each rule's aliases,
 * and suppress only the findings their check covers (a peer's profiling check, not the rule's other flags).
 * Unknown ids are reported only for our own directive (a hadolint comment may name its style rules).
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], metas: ReadonlyMap<string, RuleMeta>, activeRuleIds: Set<string>): SuppressionOutcome {
  if (suppressions.length === 0) return { kept: findings, unused: [], unknown: [] };
  const peerToOurs = peerIds(metas);
  const resolve = (s: Suppression, id: string): string[] => (s.source === 'bulkhead' ? (metas.has(id.toUpperCase()) ? [id.toUpperCase()] : []) : (peerToOurs.get(id.toUpperCase()) ?? []));
  const byRule = suppressionsByRule(suppressions, resolve);
  const suppresses = (s: Suppression, id: string, f: Finding): boolean =>
    s.source === 'bulkhead' ? id.toUpperCase() === f.ruleId : (metas.get(f.ruleId)?.aliases.some((a) => a.id.toUpperCase() === id.toUpperCase() && aliasCovers(a, f)) ?? false);
  const kept = findings.filter((f) => {
    const s = byRule.get(f.ruleId)?.first(f.range.start.line, (s) => s.ids.some((id) => suppresses(s, id, f)));
    if (!s) return true;
    s.used.add(s.ids.find((id) => suppresses(s, id, f))!);
    return false;
  });
  const unknown: Array<{ s: Suppression; id: string }> = [];
  const unused: Suppression[] = [];
  for (const s of suppressions) {
    if (s.source !== 'bulkhead') continue;
    for (const id of s.ids) if (!metas.has(id.toUpperCase())) unknown.push({ s, id });
    const known = s.ids.filter((id) => metas.has(id.toUpperCase()) && activeRuleIds.has(id.toUpperCase()));
    if (known.length > 0 && known.some((id) => !s.used.has(id))) unused.push(s);
  }
  return { kept, unused, unknown };
}

/** The edit behind "Ignore <ID> for this line": a comment above the finding's instruction or line. */
export function suppressionEdit(src: SourceFile, finding: Finding, instructionStartLine?: number): TextEdit {
  const line = instructionStartLine ?? finding.range.start.line;
  const indent = /^\s*/.exec(src.lineText(line))![0];
  return insertLinesBefore(src, line, [`${indent}# bulkhead-ignore ${finding.ruleId} -- <reason>`]);
}
