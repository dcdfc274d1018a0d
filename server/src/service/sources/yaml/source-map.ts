/**
 * A virtual nova.conf text assembled from pieces of a YAML file, with a map from
 * every virtual offset back to a YAML offset. A piece is either characters of a
 * YAML scalar's value (exact: one virtual character per value character, each
 * with its own source offset) or text a renderer adds (`[pci]`, ` = `, JSON
 * punctuation), which maps to the YAML span that caused it.
 */
import { MappedScalar, encodeForStyle } from './scalar';

export interface YamlSpan {
  start: number;
  end: number;
}

export interface Piece {
  /** Virtual offset and length. */
  v: number;
  len: number;
  /** Characters [si, si + len) of this scalar's value, when the piece is exact. */
  scalar?: MappedScalar;
  si?: number;
  /** The YAML span a synthesised piece stands for. */
  src: YamlSpan;
}

export class SourceMap {
  constructor(readonly pieces: readonly Piece[]) {}

  private find(v: number, preferEnd: boolean): Piece | undefined {
    const ps = this.pieces;
    if (ps.length === 0) return undefined;
    let lo = 0;
    let hi = ps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ps[mid].v <= v) lo = mid;
      else hi = mid - 1;
    }
    let p = ps[lo];
    // At a boundary, an end position belongs to the piece that ends there.
    if (preferEnd && lo > 0 && p.v === v && ps[lo - 1].v + ps[lo - 1].len === v) p = ps[lo - 1];
    // Skip empty pieces forward for a start position.
    while (!preferEnd && p.len === 0 && lo + 1 < ps.length && ps[lo + 1].v === v) p = ps[++lo];
    return p;
  }

  /** YAML offset of virtual offset `v`, as the start (or end) of a range. */
  toSource(v: number, side: 'start' | 'end' = 'start'): number {
    const p = this.find(v, side === 'end');
    if (!p) return 0;
    const rel = Math.max(0, Math.min(v - p.v, p.len));
    if (p.scalar?.offsets && p.si !== undefined) {
      const offs = p.scalar.offsets;
      const i = p.si + rel;
      if (side === 'end' && rel > 0) {
        // The end of the last character: right after its source (an escape ends where the next starts).
        return i < offs.length ? Math.max(offs[i], offs[i - 1] + 1) : offs[offs.length - 1];
      }
      return offs[Math.min(i, offs.length - 1)];
    }
    return side === 'end' && rel > 0 ? p.src.end : p.src.start;
  }

  toSourceSpan(vs: number, ve: number): YamlSpan {
    const start = this.toSource(vs, 'start');
    let end = ve > vs ? this.toSource(ve, 'end') : start;
    if (end < start) end = start;
    if (end === start && ve > vs) {
      const p = this.find(vs, false);
      if (p) return { start: p.src.start, end: Math.max(p.src.end, p.src.start) };
    }
    return { start, end };
  }

  /** The virtual offset whose character comes from YAML offset `offset` (inside an exact piece), if any. */
  fromSource(offset: number): number | undefined {
    for (const p of this.pieces) {
      const offs = p.scalar?.offsets;
      if (!offs || p.si === undefined) continue;
      const first = offs[p.si];
      const last = offs[p.si + p.len];
      if (offset < first || offset > last) continue;
      let lo = p.si;
      let hi = p.si + p.len;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offs[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return p.v + (lo - p.si);
    }
    return undefined;
  }

  /**
   * A YAML edit that replaces virtual [vs, ve) by `text`: only inside one exact scalar piece,
   * re-encoded for the scalar's style. Undefined when the edit cannot be made in place.
   */
  editFor(vs: number, ve: number, text: string): { start: number; end: number; newText: string } | undefined {
    const p = this.find(vs, false);
    if (!p?.scalar?.offsets || p.si === undefined) return undefined;
    const q = p;
    if (ve > p.v + p.len) return undefined;
    const offs = q.scalar!.offsets!;
    const a = q.si! + (vs - q.v);
    const b = q.si! + (ve - q.v);
    if (a < 0 || b > offs.length - 1) return undefined;
    const newText = encodeForStyle(text, q.scalar!);
    if (newText === undefined) return undefined;
    return { start: offs[a], end: offs[b], newText };
  }
}

/** Builds a virtual text and its source map piece by piece. */
export class Builder {
  text = '';
  private pieces: Piece[] = [];

  /** Text a renderer writes itself, standing for `src` in the YAML. */
  synth(text: string, src: YamlSpan): this {
    if (text.length === 0) return this;
    this.pieces.push({ v: this.text.length, len: text.length, src });
    this.text += text;
    return this;
  }

  /** Characters [from, to) of a scalar's value, mapped one to one when the scalar could be mapped. */
  scalar(s: MappedScalar, from = 0, to = s.value.length): this {
    const text = s.value.slice(from, to);
    if (!s.offsets) return this.synth(text, { start: s.start, end: s.end });
    this.pieces.push({ v: this.text.length, len: text.length, scalar: s, si: from, src: { start: s.start, end: s.end } });
    this.text += text;
    return this;
  }

  build(): { text: string; map: SourceMap } {
    return { text: this.text, map: new SourceMap(this.pieces) };
  }
}
