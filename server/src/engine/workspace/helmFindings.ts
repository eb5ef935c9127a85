// Findings on a rendered Helm template, moved back to the template the user edits: a place in the
// template's own text maps exactly, a place in what an action printed maps to the action, and a value
// that came from a values file names that file and key (related information at its line). A fix keeps
// its edits where they land in the template's own text, and becomes an edit of the values file where
// they change a value an action printed from there.
import type { FileEdit, Finding, Fix, Range, RelatedInfo, TextEdit } from '../model';
import type { SourceFile } from '../source';
import type { RenderedPiece } from '../parse/helmRender';
import { keepsTemplate } from '../edits/template';
import { relativePath } from './paths';
import { valuesFileEdits, type ValueBlock, type ValuesSource } from './helmValuesFix';

interface Placed {
  piece: RenderedPiece;
  /** Offset of the piece in the rendered text. */
  at: number;
}

export class RenderedMap {
  private readonly placed: Placed[] = [];
  /** Where actions printed a whole values value, in the rendering. */
  private readonly blocks: Array<ValueBlock & { action: RenderedPiece['action'] }> = [];

  constructor(
    pieces: readonly RenderedPiece[],
    private readonly rendered: SourceFile,
    private readonly template: SourceFile,
    private readonly chartDir: string,
    private readonly values: ValuesSource,
  ) {
    let at = 0;
    for (const piece of pieces) {
      this.placed.push({ piece, at });
      const block = this.blocks[this.blocks.length - 1];
      // The pieces of one action's output share its action object.
      if (piece.valuePath && block?.action === piece.action && block.end === at) block.end += piece.text.length;
      else if (piece.valuePath) this.blocks.push({ start: at, end: at + piece.text.length, path: piece.valuePath, action: piece.action });
      at += piece.text.length;
    }
    for (const block of this.blocks) {
      const text = rendered.text.slice(block.start, block.end);
      block.end = block.start + text.trimEnd().length;
      block.start += text.length - text.trimStart().length;
    }
  }

  /** Index of the piece holding a rendered offset (at a boundary, the one that starts there); -1 when there is none. */
  private indexAt(offset: number): number {
    let lo = 0;
    let hi = this.placed.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.placed[mid].at <= offset) lo = mid;
      else hi = mid - 1;
    }
    return hi < 0 ? -1 : lo;
  }

  private pieceAt(offset: number): Placed | undefined {
    return this.placed[this.indexAt(offset)];
  }

  /** The template offset of a rendered offset: in copied text exactly, else the start or end of the action. */
  private offset(offset: number, side: 'start' | 'end'): number {
    const p = this.pieceAt(offset);
    if (!p) return 0;
    if (p.piece.src !== undefined) return p.piece.src + Math.min(offset - p.at, p.piece.text.length);
    const action = p.piece.action;
    return action ? (side === 'start' ? action.start : action.end) : 0;
  }

  /** A rendered range in the template; `exact` when it lies in one stretch of the template's own text. */
  range(range: Range): { range: Range; exact: boolean } {
    const startAt = this.rendered.offsetAt(range.start);
    const endAt = this.rendered.offsetAt(range.end);
    const start = this.offset(startAt, 'start');
    const end = Math.max(start, this.offset(endAt, 'end'));
    const p = this.pieceAt(startAt);
    // An edit at the end of a line an action printed, or at the start of the next, joins that output
    // (whose indentation and presence the values decide).
    const text = this.rendered.text;
    const previous = startAt > 0 && text[startAt - 1] === '\n' ? startAt - 2 : startAt - 1;
    const joins = previous >= 0 && this.pieceAt(previous)?.piece.src === undefined;
    const exact = p?.piece.src !== undefined && endAt <= p.at + p.piece.text.length && !joins;
    return { range: this.template.rangeOf(start, end), exact };
  }

  /** The first values line the rendered range shows, if any. */
  private origin(range: Range): RenderedPiece['origin'] {
    const start = this.rendered.offsetAt(range.start);
    const end = Math.max(start + 1, this.rendered.offsetAt(range.end));
    const first = this.indexAt(start);
    for (let i = Math.max(first, 0); i < this.placed.length && this.placed[i].at < end; i++) if (this.placed[i].piece.origin) return this.placed[i].piece.origin;
    return undefined;
  }

  finding(f: Finding): Finding {
    const { range } = this.range(f.range);
    const origin = this.origin(f.range);
    const related: RelatedInfo[] = (f.related ?? []).map((r) => (r.path === undefined ? { ...r, range: this.range(r.range).range } : r));
    let message = f.message;
    if (origin) {
      // Relative to the chart: a parent chart's values file reads `../../values.yaml`.
      const file = relativePath(this.chartDir, origin.path);
      message = `${f.message} (value of ${origin.key} in ${file})`;
      related.unshift({ path: origin.path, range: { start: { line: origin.line, character: 0 }, end: { line: origin.line, character: 0 } }, message: `${origin.key} is set here` });
    }
    return { ...f, message, range, fixes: f.fixes.map((fix) => this.fix(fix)), ...(related.length ? { related } : {}) };
  }

  /**
   * A fix keeps its edits where they all land in the template's own text (and keep its template
   * intact); edits that all change one value an action printed from a values file become an edit of
   * that file; anything else is display-only. Built on first use, like the rules' own fixes.
   */
  private fix(fix: Fix): Fix {
    return deferredFix(fix, () => {
      const edits = fix.edits;
      const mapped = edits.map((e) => ({ ...this.range(e.range), newText: e.newText }));
      if (mapped.every((m) => m.exact)) {
        const own = mapped.map(({ range, newText }) => ({ range, newText }));
        return keepsTemplate(this.template, own) ? { edits: own, fileEdits: fix.fileEdits } : { edits: [] };
      }
      if (mapped.some((m) => m.exact) || fix.fileEdits?.length) return { edits: [] };
      return { edits: [], fileEdits: this.valuesEdits(edits) };
    });
  }

  /** The values file edits for rendering edits that all fall on the lines of one printed value. */
  private valuesEdits(edits: TextEdit[]): FileEdit[] | undefined {
    const src = this.rendered;
    const lineStart = (offset: number) => src.offsetAt({ line: src.positionAt(offset).line, character: 0 });
    const nextLine = (offset: number) => src.offsetAt({ line: src.positionAt(offset).line + 1, character: 0 });
    for (const block of this.blocks) {
      const [from, to] = [lineStart(block.start), nextLine(block.end)];
      const inside = edits.every((e) => from <= src.offsetAt(e.range.start) && src.offsetAt(e.range.end) <= to);
      const written = inside ? valuesFileEdits(src.text, block, edits, this.values) : undefined;
      if (written) return written;
    }
    return undefined;
  }
}

/**
 * A template's fix as the values file at `valuesPath` offers it: its edit of that file becomes the fix's
 * own edits; a fix that edits anything else is display-only there.
 */
export function fixInValuesFile(fix: Fix, valuesPath: string): Fix {
  return deferredFix(fix, () => {
    const files = fix.fileEdits ?? [];
    return fix.edits.length === 0 && files.length === 1 && files[0].path === valuesPath ? { edits: files[0].edits } : { edits: [] };
  });
}

/** A fix whose edits are mapped when first asked for (a mapped fix builds the rule's own edits). */
function deferredFix(fix: Fix, build: () => Pick<Fix, 'edits' | 'fileEdits'>): Fix {
  let built: Pick<Fix, 'edits' | 'fileEdits'> | undefined;
  const get = () => (built ??= build());
  // Accessors of an object literal are enumerable, as a fix's fields must be (hosts copy and serialize
  // fixes), and cost a fraction of Object.defineProperty: a chart template maps hundreds of fixes.
  return {
    title: fix.title,
    applicability: fix.applicability,
    get edits() {
      return get().edits;
    },
    get fileEdits() {
      return get().fileEdits;
    },
  };
}
