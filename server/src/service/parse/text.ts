/** Python's str.isspace() for one UTF-16 code unit (all Unicode whitespace is in the BMP). */
export function pyIsSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python's str.strip(): returns [start, end) of the stripped slice of text[start, end). */
export function pyStripBounds(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && pyIsSpace(text.charCodeAt(s))) s++;
  while (e > s && pyIsSpace(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

export function pyStrip(s: string): string {
  const [a, b] = pyStripBounds(s, 0, s.length);
  return s.slice(a, b);
}

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

/** Number of Unicode code points (Python's len()). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
