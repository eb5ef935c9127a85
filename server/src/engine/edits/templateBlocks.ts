// The Go-template (Helm) structure of a file, as fixes need it: where control blocks ({{ if }}, with,
// range, define, block … {{ end }}) open and close, and which lines hold nothing but template actions.
// The engine analyzes a masked copy in which those lines are blank, so an edit placed by the YAML
// alone can land inside a conditional block or between a key and the `{{ toYaml … | nindent }}` line
// that fills it; edits/template.ts uses this to keep edits out of such places.
import type { SourceFile } from '../source';

const OPENS = /^(if|with|range|define|block)\b/;

type ActionKind = 'open' | 'else' | 'end' | 'comment' | 'output';

interface Action {
  start: number;
  end: number;
  kind: ActionKind;
  /** The innermost block open after this action (the index of its opening action), -1 for none. */
  inner: number;
}

/** What a line is to a fix: YAML content, nothing, a YAML comment, or only template actions (by their kind). */
export type LineKind = 'content' | 'blank' | 'comment' | 'control' | 'output' | 'template-comment';

function kindOf(body: string): ActionKind {
  const word = body.trim();
  if (OPENS.test(word)) return 'open';
  if (/^else\b/.test(word)) return 'else';
  if (/^end\b/.test(word)) return 'end';
  if (word.startsWith('/*')) return 'comment';
  return 'output';
}

export class TemplateBlocks {
  private readonly actions: Action[] = [];
  /** An `end` without its opening action, or a block never closed: no place in the file is known to be safe. */
  readonly malformed: boolean;

  constructor(private readonly src: SourceFile) {
    const open: number[] = [];
    const text = src.text;
    let malformed = false;
    // One pass with indexOf, not a lazy regex: an unclosed `{{` must not rescan the rest of the file for every `{{`.
    for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at)) {
      const close = text.indexOf('}}', at + 2);
      if (close < 0) {
        malformed = true;
        break;
      }
      const kind = kindOf(text.slice(at + 2, close).replace(/^-|-$/g, ''));
      if (kind === 'open') open.push(this.actions.length);
      else if (kind === 'end' && open.pop() === undefined) malformed = true;
      this.actions.push({ start: at, end: close + 2, kind, inner: open.length ? open[open.length - 1] : -1 });
      at = close + 2;
    }
    this.malformed = malformed || open.length > 0;
  }

  /** The last action starting before `offset`, or -1. */
  private lastBefore(offset: number): number {
    let lo = 0;
    let hi = this.actions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.actions[mid].start < offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * The innermost control block open at `offset` (the index of its opening action; -1 outside every
   * block), or undefined when `offset` is inside an action.
   */
  blockAt(offset: number): number | undefined {
    const i = this.lastBefore(offset);
    if (i < 0) return -1;
    if (offset < this.actions[i].end) return undefined;
    return this.actions[i].inner;
  }

  /**
   * Whether the text in [start, end) closes no block opened before it and leaves none of its own open.
   * Block ids are unique and a closed block never reopens, so the same innermost block at both ends says it.
   */
  balanced(start: number, end: number): boolean {
    const outer = this.blockAt(start);
    return outer !== undefined && this.blockAt(end) === outer;
  }

  private readonly kinds: LineKind[] = [];

  /** What line `line` holds, template actions spanning several lines included (remembered: fixes ask again and again). */
  lineKind(line: number): LineKind {
    return (this.kinds[line] ??= this.classify(line));
  }

  private classify(line: number): LineKind {
    const text = this.src.lineText(line);
    const start = this.src.offsetAt({ line, character: 0 });
    let rest = '';
    let cursor = start;
    const kinds = new Set<ActionKind>();
    for (let i = Math.max(0, this.lastBefore(start)); i < this.actions.length && this.actions[i].start < start + text.length; i++) {
      const a = this.actions[i];
      if (a.end <= start) continue;
      rest += this.src.text.slice(cursor, Math.max(cursor, a.start));
      cursor = Math.max(cursor, a.end);
      kinds.add(a.kind);
    }
    rest += this.src.text.slice(cursor, Math.max(cursor, start + text.length));
    const trimmed = rest.trim();
    if (kinds.size && trimmed === '') {
      if (kinds.has('open') || kinds.has('else') || kinds.has('end')) return 'control';
      return kinds.has('output') ? 'output' : 'template-comment';
    }
    if (trimmed === '') return 'blank';
    return trimmed.startsWith('#') ? 'comment' : 'content';
  }
}

const cache = new WeakMap<SourceFile, TemplateBlocks>();

/** The file's template structure, computed once per text; undefined for a file without `{{`. */
export function templateBlocks(src: SourceFile): TemplateBlocks | undefined {
  if (!src.hasTemplates) return undefined;
  let blocks = cache.get(src);
  if (!blocks) cache.set(src, (blocks = new TemplateBlocks(src)));
  return blocks;
}
