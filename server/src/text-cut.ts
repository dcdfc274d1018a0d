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
 * whole body as before. Bodies of CUT_MAX or more are left to that path: Node makes their text an external string
 * (not on V8's pages), and framing.ts keeps their buffer.
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
