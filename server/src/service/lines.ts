/** Line primitives of the document text: the one place that knows where lines start and where their content ends. */

/**
 * Offsets where lines start; a line ends at \n, \r\n or a lone \r (Python's universal newlines).
 * Jumps between line breaks with indexOf (native search) instead of testing every character.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let n = text.indexOf('\n');
  let r = text.indexOf('\r');
  if (r < 0) {
    // The common case: \n only.
    for (; n >= 0; n = text.indexOf('\n', n + 1)) starts.push(n + 1);
    return starts;
  }
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

/** End of line content (before the line break) for the line starting at lineStarts[i]. */
export function lineContentEnd(text: string, lineStarts: number[], i: number): number {
  let end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
  if (end > lineStarts[i] && text.charCodeAt(end - 1) === 10) end--;
  if (end > lineStarts[i] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}
