// Findings on a rendered Helm template, moved back to the template the user edits: a place in the
// template's own text maps exactly, a place in what an action printed maps to the action, and a value
// that came from a values file names that file and key (related information at its line).
import type { Finding, Fix, Range, RelatedInfo, TextEdit } from '../model';
import type { SourceFile } from '../source';
import type { RenderedPiece } from '../parse/helmRender';

interface Placed {
  piece: RenderedPiece;
  /** Offset of the piece in the rendered text. */
  at: number;
}

export class RenderedMap {
  private readonly placed: Placed[] = [];

  constructor(
    pieces: readonly RenderedPiece[],
    private readonly rendered: SourceFile,
    private readonly template: SourceFile,
    private readonly chartDir: string,
  ) {
    let at = 0;
    for (const piece of pieces) {
      this.placed.push({ piece, at });
      at += piece.text.length;
    }
  }

  /** The piece holding a rendered offset (at a boundary, the one that starts there). */
  private pieceAt(offset: number): Placed | undefined {
    let lo = 0;
    let hi = this.placed.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.placed[mid].at <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.placed[lo];
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
    const first = this.placed.indexOf(this.pieceAt(start)!);
    for (let i = Math.max(first, 0); i < this.placed.length && this.placed[i].at < end; i++) if (this.placed[i].piece.origin) return this.placed[i].piece.origin;
    return undefined;
  }

  finding(f: Finding): Finding {
    const { range } = this.range(f.range);
    const origin = this.origin(f.range);
    const related: RelatedInfo[] = (f.related ?? []).map((r) => (r.path === undefined ? { ...r, range: this.range(r.range).range } : r));
    let message = f.message;
    if (origin) {
      const file = origin.path.startsWith(`${this.chartDir}/`) ? origin.path.slice(this.chartDir.length + 1) : origin.path;
      message = `${f.message} (value of ${origin.key} in ${file})`;
      related.unshift({ path: origin.path, range: { start: { line: origin.line, character: 0 }, end: { line: origin.line, character: 0 } }, message: `${origin.key} is set here` });
    }
    return { ...f, message, range, fixes: f.fixes.map((fix) => this.fix(fix)), ...(related.length ? { related } : {}) };
  }

  /** A fix keeps its edits only where they all land in the template's own text. */
  private fix(fix: Fix): Fix {
    const edits: TextEdit[] = [];
    for (const e of fix.edits) {
      const mapped = this.range(e.range);
      if (!mapped.exact) return { ...fix, edits: [] };
      edits.push({ range: mapped.range, newText: e.newText });
    }
    return { ...fix, edits };
  }
}
