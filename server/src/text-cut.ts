/**
 * A message body of a few hundred KB, parsed without a string of the whole body (framing.ts).
 *
 * V8 puts every string over 128 KB in its large-object space, on pages mapped for that one string and unmapped when
 * it dies: each 4 KB of it is a fresh page the kernel hands over (and zeroes) on first touch. On the bench host a
 * page fault costs 15-25 us (docs/performance.md, Rounds 11-13), so the 222 KB didOpen of the 6,500-line config,
 * decoded as one string for JSON.parse, cost ~57 page faults (~1 ms of CPU) before a byte of it was parsed; the
 * document's text that JSON.parse then makes is a second large string of the same size, which the server needs.
 *
 * So a body between CUT_MIN and CUT_MAX bytes that has a long `"text":"..."` string (didOpen, a full-text didChange,
 * didSave with text) is parsed in parts: the string's contents in pieces of at most PIECE bytes, each decoded and
 * parsed as a JSON string on its own (small strings, young generation), joined; the rest of the body with a marker
 * in place of the string, the marker replaced by the joined text. The message is the one JSON.parse makes of the
 * whole body (test/protocol/text-cut.test.ts). Anything this does not expect (no such string, a short one, no place
 * to cut it, a marker-like string in the body, a body that is not JSON) gives undefined, and the caller parses the
 * whole body as before. Bodies of CUT_MAX or more go to parseBig (below).
 */

/** Smallest body cut: below it the whole body is an ordinary young string already. */
export const CUT_MIN = 128 * 1024;
/** Bodies from here on are decoded as before (framing.ts: KEEP_MIN, Node's external strings). */
export const CUT_MAX = 1 << 20;
/** Largest piece of the string decoded at once: a young string even when every character takes two bytes. */
export const PIECE = 32 * 1024;

const KEY = Buffer.from('"text":"', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Stands for the cut string in the rest of the body. A body that has this text anywhere is not cut. */
const MARK = '\u0000nova-conf-cut-text';
const MARK_TEXT = Buffer.from('nova-conf-cut-text', 'latin1');

/** The index of the quote that closes the JSON string whose contents start at `from`, or -1. */
function closingQuote(bytes: Buffer, from: number): number {
  for (let q = bytes.indexOf(QUOTE, from); q >= 0; q = bytes.indexOf(QUOTE, q + 1)) {
    let k = q - 1;
    while (k >= from && bytes[k] === BACKSLASH) k--;
    // An even run of backslashes before it is escaped backslashes: the quote is not escaped.
    if ((q - 1 - k) % 2 === 0) return q;
  }
  return -1;
}

/**
 * Where the next piece of the string's contents can end, at most `PIECE` bytes after `from`: right before an escape
 * (the first backslash of a run of them: an escape starts there, none is under way), so that each piece is a whole
 * JSON string's contents and a whole UTF-8 text. -1 when there is no escape to cut before.
 */
function cutBefore(bytes: Buffer, from: number, end: number): number {
  const limit = from + PIECE;
  if (end <= limit) return end;
  let q = bytes.indexOf(BACKSLASH, limit - 4096);
  if (q < 0 || q > limit) return -1;
  while (bytes[q - 1] === BACKSLASH) q--;
  return q > from ? q : -1;
}

let scratch: Buffer | undefined;

/** `bytes[from, to)` between quotes, as one string (copied into a kept buffer first: no joined string to flatten). */
function quoted(bytes: Buffer, from: number, to: number, encoding: 'latin1' | 'utf8'): string {
  scratch ??= Buffer.allocUnsafeSlow(PIECE + 2);
  scratch[0] = QUOTE;
  bytes.copy(scratch, 1, from, to);
  scratch[to - from + 1] = QUOTE;
  return scratch.toString(encoding, 0, to - from + 2);
}

/**
 * The message JSON.parse would make of `bytes` (decoded as `encoding`), or undefined when the body is not one this
 * parses in parts (the caller then parses it whole). Never throws.
 */
export function parseCut(bytes: Buffer, encoding: 'latin1' | 'utf8'): unknown {
  if (bytes.length < CUT_MIN || bytes.length >= CUT_MAX) return undefined;
  const key = bytes.indexOf(KEY);
  if (key < 0) return undefined;
  const start = key + KEY.length;
  const end = closingQuote(bytes, start);
  if (end < 0 || end - start < PIECE || bytes.includes(MARK_TEXT)) return undefined;
  try {
    let text = '';
    for (let from = start; from < end; ) {
      const to = cutBefore(bytes, from, end);
      if (to < 0) return undefined;
      text += JSON.parse(quoted(bytes, from, to, encoding)) as string;
      from = to;
    }
    const rest = bytes.toString(encoding, 0, start - 1) + JSON.stringify(MARK) + bytes.toString(encoding, end + 1);
    return JSON.parse(rest, (_key, value: unknown) => (value === MARK ? text : value)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A body of CUT_MAX bytes or more, all ASCII, whose `"text":"..."` string is most of it (the didOpen of a big
 * document): the string's escapes are undone in the body's own buffer (framing.ts's, kept for the next big body),
 * and the text is one string decoded from there. The whole body decoded as Latin-1 for JSON.parse was a 10 MB
 * string (malloc'd by Node: fresh pages, ~2,500 page faults) that died right after JSON.parse made the text, a
 * second one; now only the text is made (docs/performance.md, Round 14: big14). The rest of the body is parsed with
 * a marker in place of the string, as in parseCut. The message is the one JSON.parse makes of the whole body.
 *
 * Undefined, with the buffer untouched, for a body this does not take (not ASCII is the caller's test; below
 * CUT_MAX, no such string, a short one, the marker's text in the body): the caller parses it whole. Once the text's
 * bytes are rewritten, a body that is not JSON throws (a raw control character or a bad escape in the string, a
 * broken rest), as JSON.parse of the whole body would.
 */
export function parseBig(bytes: Buffer): unknown {
  if (bytes.length < CUT_MAX) return undefined;
  const key = bytes.indexOf(KEY);
  if (key < 0 || bytes.includes(MARK_TEXT)) return undefined;
  const start = key + KEY.length;
  // The closing quote is found by the same pass (a search for it first took as long again: a PCI file's text has a
  // few hundred thousand escaped quotes).
  const text = unescapeInPlace(bytes, start);
  const rest = bytes.toString('latin1', 0, start - 1) + JSON.stringify(MARK) + bytes.toString('latin1', stringEnd + 1);
  return JSON.parse(rest, (_key, value: unknown) => (value === MARK ? text : value)) as unknown;
}

/** The value of four hex digits at bytes[at, at + 4), or -1. */
function hex4(bytes: Buffer, at: number): number {
  if (at + 4 > bytes.length) return -1;
  let v = 0;
  for (let k = at; k < at + 4; k++) {
    const c = bytes[k];
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Where unescapeInPlace found the string's closing quote. */
let stringEnd = -1;

/**
 * The JSON string whose contents (ASCII) start at `start`, its escapes undone in place up to its closing quote (its
 * index left in stringEnd): each character is written back at or before where it was read, so the bytes from the
 * read position on are still as received. A `\u` escape of a character above U+00FF (not one Latin-1 byte) hands
 * the rest of the string to JSON.parse. Throws where JSON.parse would: a raw control character, an unknown or short
 * escape, no closing quote.
 */
function unescapeInPlace(bytes: Buffer, start: number): string {
  const n = bytes.length;
  let w = start;
  for (let r = start; r < n; r++) {
    let c = bytes[r];
    if (c === QUOTE) {
      stringEnd = r;
      return bytes.toString('latin1', start, w);
    }
    if (c < 0x20) throw new SyntaxError(`Bad control character in string literal in JSON at position ${r}`);
    if (c === BACKSLASH) {
      const at = r;
      const e = r + 1 < n ? bytes[++r] : -1;
      if (e === QUOTE || e === BACKSLASH || e === 0x2f /* / */) c = e;
      else if (e === 0x6e /* n */) c = 10;
      else if (e === 0x74 /* t */) c = 9;
      else if (e === 0x72 /* r */) c = 13;
      else if (e === 0x62 /* b */) c = 8;
      else if (e === 0x66 /* f */) c = 12;
      else if (e === 0x75 /* u */) {
        const code = hex4(bytes, r + 1);
        if (code < 0) throw new SyntaxError(`Bad Unicode escape in JSON at position ${at}`);
        if (code > 0xff) {
          const end = closingQuote(bytes, at);
          if (end < 0) throw new SyntaxError('Unterminated string in JSON');
          stringEnd = end;
          return bytes.toString('latin1', start, w) + (JSON.parse(`"${bytes.toString('latin1', at, end)}"`) as string);
        }
        c = code;
        r += 4;
      } else throw new SyntaxError(`Bad escaped character in JSON at position ${at}`);
    }
    bytes[w++] = c;
  }
  throw new SyntaxError('Unterminated string in JSON');
}
