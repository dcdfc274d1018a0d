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

export interface ListItem {
  text: string;
  span: Span;
}

/** Per entry, its items and their index by document start offset (entries are immutable once parsed). */
const itemsCache = new WeakMap<Entry, { items: readonly ListItem[]; byStart: Map<number, number> }>();
function cachedItems(e: Entry): { items: readonly ListItem[]; byStart: Map<number, number> } {
  let c = itemsCache.get(e);
  if (!c) {
    const items = splitListPieces(e.value)
      .filter((p) => p.itemEnd > p.itemStart)
      .map((p) => ({ text: p.text, span: e.map.spanToDoc(p.itemStart, p.itemEnd) }));
    const byStart = new Map<number, number>();
    items.forEach((it, i) => byStart.set(it.span.start, i));
    itemsCache.set(e, (c = { items, byStart }));
  }
  return c;
}

/**
 * Items of a ListOpt entry's value with their document spans (empty items left out). Read once per entry:
 * a fix per item (thousands of unknown filters on one line) must not split the whole list again each time.
 */
export function listItems(e: Entry): readonly ListItem[] {
  return cachedItems(e).items;
}

/** The index of the item of `e` spanning exactly [start, end), or -1. */
export function listItemIndex(e: Entry, start: number, end: number): number {
  const c = cachedItems(e);
  const i = c.byStart.get(start);
  return i !== undefined && c.items[i].span.end === end ? i : -1;
}
