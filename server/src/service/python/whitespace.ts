// Python's notion of whitespace (str.isspace, str.strip) and of length (code points).
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
  // pyStripBounds inline: no array to make and take apart for each value.
  let a = 0;
  let b = s.length;
  while (a < b && pyIsSpace(s.charCodeAt(a))) a++;
  while (b > a && pyIsSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
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
