/** Offset maps through a set of non-overlapping edits in O(log n) per offset (fix-all maps one offset per fix). */
import type { OffsetEdit } from './fix-types';

/** Edits sorted by position with the running length change before each: offset maps in O(log n). */
export class EditMap {
  readonly edits: OffsetEdit[];
  private readonly before: Float64Array;
  private readonly newStarts: Float64Array;

  constructor(edits: readonly OffsetEdit[]) {
    this.edits = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    this.before = new Float64Array(this.edits.length + 1);
    this.newStarts = new Float64Array(this.edits.length);
    for (let i = 0; i < this.edits.length; i++) {
      const e = this.edits[i];
      this.newStarts[i] = e.start + this.before[i];
      this.before[i + 1] = this.before[i] + e.text.length - (e.end - e.start);
    }
  }

  /** Index of the last i with key(i) < x (or <= x when `orEqual`), or -1. */
  private last(key: (i: number) => number, x: number, orEqual: boolean): number {
    let lo = 0;
    let hi = this.edits.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = key(mid);
      if (k < x || (orEqual && k === x)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** An offset of the old text in the new text (inside a replaced span: its start), as mapOffset in fixes/index.ts. */
  forward(offset: number): number {
    const k = this.last((i) => this.edits[i].start, offset, false);
    if (k < 0) return offset;
    const e = this.edits[k];
    if (offset < e.end) return e.start + this.before[k];
    return offset + this.before[k + 1];
  }

  /** An offset of the new text in the old text (inside inserted text: the edit's start). */
  backward(offset: number): number {
    const k = this.last((i) => this.newStarts[i], offset, true);
    if (k < 0) return offset;
    const e = this.edits[k];
    if (offset < this.newStarts[k] + e.text.length) return e.start;
    return offset - this.before[k + 1];
  }
}
