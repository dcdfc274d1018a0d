/** Line primitives of the document text: the one place that knows where lines start and where their content ends. */

/**
 * A document's line starts: an array, or an Int32Array when the LSP server's copy of an open document gave them
 * (document-lines.ts: a typed array's elements live outside V8's heap, so the copy a keystroke makes of real6k's
 * 6,500 offsets is not 52 KB of young allocation; docs/performance.md, Round 20: key20). Read by index and length only.
 */
export type LineStarts = ArrayLike<number>;

/**
 * Line starts an adapter already has for a text: the LSP server's copy of an open document keeps them up to date
 * edit by edit, which saves a keystroke the scan of the whole text (server/src/document-lines.ts). One slot, taken by
 * the next parse of that same text (parseIni); the adapter clears it when the parse it was meant for is done.
 */
let known: { text: string; starts: LineStarts } | undefined;

/** Offers `starts` (the same offsets computeLineStarts(text) would return, owned by the taker) for the next parse of `text`. */
export function offerLineStarts(text: string, starts: LineStarts | undefined): void {
  known = starts ? { text, starts } : undefined;
}

/** The line starts offered for `text` (offerLineStarts), taken once; undefined when none were offered for it. */
export function takeOfferedLineStarts(text: string): LineStarts | undefined {
  if (known === undefined || known.text !== text) return undefined;
  const given = known.starts;
  known = undefined;
  return given;
}

/**
 * Offsets where lines start; a line ends at \n, \r\n or a lone \r (Python's universal newlines).
 * Jumps between line breaks with indexOf (native search) instead of testing every character.
 */
export function computeLineStarts(text: string): number[] {
  let n = text.indexOf('\n');
  let r = text.indexOf('\r');
  if (r < 0) {
    // The common case: \n only.
    const starts = newLineStarts(text.length);
    let k = 1;
    for (; n >= 0; n = text.indexOf('\n', n + 1)) starts[k++] = n + 1;
    starts.length = k;
    return starts;
  }
  const starts = [0];
  while (n >= 0 || r >= 0) {
    if (r >= 0 && (n < 0 || r < n)) {
      const next = text.charCodeAt(r + 1) === 10 ? r + 2 : r + 1;
      starts.push(next);
      if (next === r + 2) n = text.indexOf('\n', next);
      r = text.indexOf('\r', next);
    } else {
      starts.push(n + 1);
      n = text.indexOf('\n', n + 1);
    }
  }
  return starts;
}

/**
 * A line-start array (holding the first line's 0) made at a guessed size, to be filled and then cut to the count
 * (`length = n`): real configs average 30-40 characters a line, so there is no garbage from growing the array line by
 * line; a text with shorter lines grows it past the guess.
 */
export function newLineStarts(textLength: number): number[] {
  const starts = new Array<number>((textLength >> 5) + 16);
  starts[0] = 0;
  return starts;
}

/** End of line content (before the line break) for the line starting at lineStarts[i]. */
export function lineContentEnd(text: string, lineStarts: LineStarts, i: number): number {
  let end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
  if (end > lineStarts[i] && text.charCodeAt(end - 1) === 10) end--;
  if (end > lineStarts[i] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** The LSP position of a document offset (clamped to the text): binary search over the line starts. */
export function positionOf(text: string, lineStarts: LineStarts, offset: number): { line: number; character: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  // An offset inside a \r\n pair belongs to the end of the line.
  return { line: lo, character: o - lineStarts[lo] };
}

/** The document offset of an LSP position; a character past the end of its line means the line's end (as LSP says). */
export function offsetOf(text: string, lineStarts: LineStarts, p: { line: number; character: number }): number {
  if (p.line < 0) return 0;
  if (p.line >= lineStarts.length) return text.length;
  const start = lineStarts[p.line];
  return Math.max(start, Math.min(start + Math.max(0, p.character), lineContentEnd(text, lineStarts, p.line)));
}
