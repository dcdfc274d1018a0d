/**
 * oslo.config's ListOpt splitting (oslo_config/types.py, List.__call__): the value
 * is split on commas and each item is stripped the way Python's str.strip() does.
 * The one place that splits a list option's text; callers keep the offsets.
 */
import type { Entry, Span } from '../model';
import { pyIsSpace } from '../python/whitespace';

export interface ListPiece {
  /** The segment between commas, [start, end) in value offsets. */
  start: number;
  end: number;
  /** The stripped item inside the segment, [itemStart, itemEnd). */
  itemStart: number;
  itemEnd: number;
  /** The stripped item text. */
  text: string;
}

/** Every comma-separated segment of `value`, empty ones included (a value with no comma is one segment). */
export function splitListPieces(value: string): ListPiece[] {
  const out: ListPiece[] = [];
  let segStart = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value.charCodeAt(i) === 44) {
      let a = segStart;
      let b = i;
      while (a < b && pyIsSpace(value.charCodeAt(a))) a++;
      while (b > a && pyIsSpace(value.charCodeAt(b - 1))) b--;
      out.push({ start: segStart, end: i, itemStart: a, itemEnd: b, text: value.slice(a, b) });
      segStart = i + 1;
    }
  }
  return out;
}

/** The pieces oslo gives Nova: empty items between commas kept (`A,,B`), trailing empty ones dropped (`A,B,`). */
export function osloListPieces(value: string): ListPiece[] {
  const pieces = splitListPieces(value);
  while (pieces.length && pieces[pieces.length - 1].text === '') pieces.pop();
  return pieces;
}

/** The list's items as oslo gives them to Nova: stripped, trailing commas dropped; an empty value is an empty list. */
export function splitList(value: string): string[] {
  return osloListPieces(value).map((p) => p.text);
}

/** Items of a ListOpt entry's value with their document spans (empty items left out). */
export function listItems(e: Entry): { text: string; span: Span }[] {
  return splitListPieces(e.value)
    .filter((p) => p.itemEnd > p.itemStart)
    .map((p) => ({ text: p.text, span: e.map.spanToDoc(p.itemStart, p.itemEnd) }));
}
