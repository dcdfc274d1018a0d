/** Python's int(x, 16), the way Nova reads vendor_id, product_id and address fields. */
import { pyStrip } from './whitespace';
import { lazyRegExp } from '../lazy-regexp';

// Decimal digits (Unicode category Nd) come in runs of ten consecutive code points, 0 to 9.
const ND = lazyRegExp(() => /^\p{Nd}$/u);
function digitValue(cp: number): number {
  let start = cp;
  while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

const HEX = '0123456789abcdef';

function hexDigit(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c > 0x7f && ND.test(ch)) return digitValue(c);
  return -1;
}

/**
 * Python's int(s, 16): optional surrounding whitespace, an optional sign, an
 * optional 0x/0X prefix (which may be followed by one `_`), then hex digits with
 * single `_` between them. Any Unicode decimal digit counts as its value.
 * Returns undefined when Python raises ValueError.
 */
export function parsePyHexInt(input: string): bigint | undefined {
  // The common case, plain ASCII hex such as "8086", needs none of the rules below.
  if (input.length <= 12 && /^[0-9a-fA-F]+$/.test(input)) return BigInt(parseInt(input, 16));
  const s = pyStrip(input);
  let i = 0;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    i += 2;
    if (s[i] === '_') i++;
  }
  const chars = Array.from(s.slice(i));
  if (chars.length === 0) return undefined;
  // Collect the digits as ASCII hex and convert once (linear, even for a megabyte of digits).
  let hex = '';
  let prevUnderscore = true; // no leading underscore (except the one allowed after 0x, consumed above)
  for (const ch of chars) {
    if (ch === '_') {
      if (prevUnderscore) return undefined;
      prevUnderscore = true;
      continue;
    }
    const d = hexDigit(ch);
    if (d < 0) return undefined;
    hex += HEX[d];
    prevUnderscore = false;
  }
  if (prevUnderscore || hex.length === 0) return undefined;
  const value = BigInt(`0x${hex}`);
  return neg ? -value : value;
}

/**
 * Python's int(s, 16) as a JavaScript number (exact up to 2^53; anything larger is far above every limit Nova checks
 * against); undefined when Python raises ValueError. Plain ASCII hex such as "8086" is read without a BigInt.
 */
export function parsePyHexNumber(input: string): number | undefined {
  const n = input.length;
  if (n > 0 && n <= 13) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = input.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      v = v * 16 + d;
    }
    if (i === n) return v;
  }
  const big = parsePyHexInt(input);
  return big === undefined ? undefined : Number(big);
}

/** Python `int(x, 16)` as a number; undefined when Nova would refuse it. */
export function parseHexInt(s: string): number | undefined {
  const v = parsePyHexInt(s);
  return v === undefined ? undefined : Number(v);
}
