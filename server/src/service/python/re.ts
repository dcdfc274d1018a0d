/**
 * Syntax checker for Python 3.11 `re` patterns.
 *
 * Decides whether `re.compile(pattern)` (a str pattern, no flags argument)
 * would succeed, without ever running the pattern: the checker is a single
 * left-to-right recursive-descent pass over the pattern (plus a tiny amount of
 * bookkeeping), so its cost is linear in the pattern length and it is immune
 * to catastrophic backtracking. JavaScript's RegExp engine is never given the
 * user's pattern.
 *
 * The structure deliberately follows the way CPython's `re._parser` walks a
 * pattern (one-token lookahead where a token is a code point or a backslash
 * plus the following code point; alternation -> sequence -> atom), because
 * several of its quirks only fall out of that exact reading order: which
 * error wins when there are several, when a `{` is a literal, what counts as
 * "nothing to repeat", how verbose mode skips whitespace, and so on. After
 * parsing, the checks Python performs later (flag compatibility, the
 * "unbalanced parenthesis" check, forward numeric conditional references and
 * the compile-time look-behind width check) are applied in the same order.
 *
 * Deliberate approximations:
 * - `\N{...}`: no Unicode name database is available, so any name made of
 *   letters, digits, single spaces and hyphens is accepted, and its code point
 *   is unknown (so a range using `\N{...}` as an endpoint is not order-checked).
 * - Identifier checks for group names use the host's Unicode tables
 *   (XID_Start / XID_Continue), which may be a newer Unicode version than the
 *   one Python 3.11 ships.
 * - Python gives up with RecursionError on very deeply nested patterns; the
 *   exact depth depends on the caller's stack. We reject nesting deeper than
 *   Python manages when `re.compile` is called from a shallow stack.
 * - Things Python merely warns about (FutureWarning for `[[` or `--`/`&&`
 *   inside a set, DeprecationWarning for odd conditional group numbers such as
 *   `(?(+1)...)`) are not errors and are not reported.
 */

import { pyIsSpace } from './whitespace';
import { lazyRegExp } from '../lazy-regexp';
import { ownString } from '../own-string';

export interface PyRegexError {
  offset: number;
  length: number;
  message: string;
}

/** undefined when Python's re.compile would accept the pattern. `offset` is a UTF-16 index into pattern. */
export function checkPythonRegex(pattern: string): PyRegexError | undefined {
  // Big files repeat a few address patterns ("[0-7]", "0000") thousands of times: remember short patterns' verdicts.
  const cacheable = pattern.length <= 64;
  if (cacheable) {
    const hit = VERDICTS.get(pattern);
    if (hit !== undefined) return hit === null ? undefined : { ...hit };
  }
  let verdict: PyRegexError | undefined;
  try {
    new Parser(pattern).run();
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    const offset = Math.max(0, Math.min(e.offset, pattern.length));
    const length = Math.max(0, Math.min(e.length, pattern.length - offset));
    verdict = { offset, length, message: e.message };
  }
  if (cacheable) {
    if (VERDICTS.size >= 4096) VERDICTS.clear();
    // A copy of the key: a pattern read from a document may be a slice of its whole text (own-string.ts).
    VERDICTS.set(ownString(pattern), verdict ? { ...verdict } : null);
  }
  return verdict;
}

/** Verdicts of checkPythonRegex for short patterns (null: accepted); copies are handed out, never the stored object. */
const VERDICTS = new Map<string, PyRegexError | null>();

// ---------------------------------------------------------------------------
// Constants mirroring the limits of a 64-bit CPython 3.11 build.

/** Largest repeat count is MAXREPEAT - 1; MAXREPEAT itself means "unbounded". */
const MAXREPEAT = 0xffffffffn;
/** Group numbers must stay below this. */
const MAXGROUPS = 1073741823;
/** Widths are clamped to this value (it stands for "unbounded"). */
const MAXWIDTH = 1n << 64n;
/** A look-behind cannot look further back than this. */
const MAXCODE = 0xffffffffn;
/** Python's int() refuses decimal strings with more digits than this. */
const MAX_INT_DIGITS = 4300;
/**
 * Approximate recursion budget: Python's parser uses about one stack frame per
 * nesting level counted here; with the default recursion limit of 1000 a
 * top-level `re.compile` copes with 495 nested groups but not 496.
 */
const MAX_NESTED = 991;

// Inline flag bits (same values as re's flags, only used internally).
const F_TEMPLATE = 1;
const F_IGNORECASE = 2;
const F_LOCALE = 4;
const F_MULTILINE = 8;
const F_DOTALL = 16;
const F_UNICODE = 32;
const F_VERBOSE = 64;
const F_DEBUG = 128;
const F_ASCII = 256;
const TYPE_FLAGS = F_ASCII | F_LOCALE | F_UNICODE;
const GLOBAL_FLAGS = F_DEBUG | F_TEMPLATE;

const FLAG_LETTERS: Readonly<Record<string, number>> = {
  i: F_IGNORECASE,
  L: F_LOCALE,
  m: F_MULTILINE,
  s: F_DOTALL,
  x: F_VERBOSE,
  a: F_ASCII,
  t: F_TEMPLATE,
  u: F_UNICODE,
};

function flagBit(tok: string | null): number {
  if (tok === null || !Object.prototype.hasOwnProperty.call(FLAG_LETTERS, tok)) return 0;
  return FLAG_LETTERS[tok] ?? 0;
}

/** Characters that have a meaning outside a character class. */
const SPECIAL = new Set(['.', '\\', '[', '{', '(', ')', '*', '+', '?', '^', '$', '|']);
const REPEAT_START = new Set(['*', '+', '?', '{']);
/** Whitespace skipped in verbose mode. */
const VERBOSE_SPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);

/** Single-character escapes that stand for a literal character (valid in and out of classes). */
const LITERAL_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
};
/** Escapes that stand for a set of characters (allowed in classes, but not as range endpoints). */
const CLASS_CATEGORIES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
/** Zero-width escapes (not allowed in classes, cannot be repeated). */
const ANCHOR_ESCAPES = new Set(['A', 'b', 'B', 'Z']);

function isAsciiDigit(t: string | null): boolean {
  return t !== null && t.length === 1 && t >= '0' && t <= '9';
}
function isOctDigit(t: string | null): boolean {
  return t !== null && t.length === 1 && t >= '0' && t <= '7';
}
function isHexDigit(t: string | null): boolean {
  return t !== null && t.length === 1 && /^[0-9a-fA-F]$/.test(t);
}
function isAsciiLetter(t: string): boolean {
  return t.length === 1 && ((t >= 'a' && t <= 'z') || (t >= 'A' && t <= 'Z'));
}

// Fixed, linear regular expressions applied to single code points only.
const RE_XID_START = lazyRegExp(() => /^[\p{XID_Start}_]$/u);
const RE_XID_CONTINUE = lazyRegExp(() => /^\p{XID_Continue}$/u);
const RE_LETTER = lazyRegExp(() => /^\p{L}$/u);
const RE_DECIMAL = lazyRegExp(() => /^\p{Nd}$/u);

/** Python's str.isidentifier(). */
function isIdentifier(s: string): boolean {
  if (s.length === 0) return false;
  let first = true;
  for (const ch of s) {
    if (!(first ? RE_XID_START : RE_XID_CONTINUE).test(ch)) return false;
    first = false;
  }
  return true;
}

/** Python's str.isalpha() (only used to choose between two error messages). */
function isAlpha(s: string): boolean {
  if (s.length === 0) return false;
  for (const ch of s) if (!RE_LETTER.test(ch)) return false;
  return true;
}

/** Python's str.isspace() for one code point (all Unicode whitespace is in the BMP). */
function isPySpace(ch: string): boolean {
  return ch.length === 1 && pyIsSpace(ch.charCodeAt(0));
}

/**
 * Value of a Unicode decimal digit (general category Nd). Unicode encodes every
 * decimal digit set as a run of ten consecutive code points starting at zero,
 * so the value is the distance to the start of the run, modulo ten.
 */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  let start = cp;
  while (start > 0 && cp - start < 100 && RE_DECIMAL.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Python's int(s) for a str argument in base 10; null where Python raises ValueError. */
function pyInt(s: string): bigint | null {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && isPySpace(cps[a]!)) a++;
  while (b > a && isPySpace(cps[b - 1]!)) b--;
  let negative = false;
  if (a < b && (cps[a] === '+' || cps[a] === '-')) {
    negative = cps[a] === '-';
    a++;
  }
  if (a >= b) return null;
  let digits = '';
  let prevUnderscore = true; // no underscore allowed first
  for (let i = a; i < b; i++) {
    const ch = cps[i]!;
    if (ch === '_') {
      if (prevUnderscore) return null;
      prevUnderscore = true;
      continue;
    }
    if (!RE_DECIMAL.test(ch)) return null;
    digits += String(decimalValue(ch));
    prevUnderscore = false;
  }
  if (prevUnderscore) return null;
  if (digits.length > MAX_INT_DIGITS) return null;
  const v = BigInt(digits);
  return negative ? -v : v;
}

/** Rough syntax check for a Unicode character name used in \N{...}. */
function plausibleCharName(name: string): boolean {
  if (name.startsWith(' ') || name.endsWith(' ') || name.includes('  ')) return false;
  return /^[A-Za-z0-9 -]+$/.test(name);
}

// ---------------------------------------------------------------------------

class RegexSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
    message: string,
  ) {
    super(message);
  }
}

function fail(offset: number, length: number, message: string): never {
  throw new RegexSyntaxError(offset, length, message);
}

/** Display a token the way it appears in the pattern, for error messages. */
function show(s: string): string {
  return JSON.stringify(s);
}

interface Width {
  lo: bigint;
  hi: bigint;
}

type ItemKind = 'unit' | 'anchor' | 'repeat' | 'other';

/** One element of a sequence: only what later checks need is remembered. */
interface Item {
  kind: ItemKind;
  lo: bigint;
  hi: bigint;
  /** UTF-16 offset where the element starts. */
  start: number;
}

/** Errors Python only detects when compiling the parsed pattern. */
interface CompileIssue {
  start: number;
  depth: number;
  order: number;
  length: number;
  message: string;
}

function clamp(w: Width): Width {
  return { lo: w.lo < MAXWIDTH ? w.lo : MAXWIDTH, hi: w.hi < MAXWIDTH ? w.hi : MAXWIDTH };
}

function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

class Parser {
  private readonly s: string;
  /** Offset just after the lookahead token. */
  private index = 0;
  /** Lookahead token: one code point, or a backslash plus one code point; null at the end. */
  private next: string | null = null;

  // Parser state.
  private flags = 0;
  private readonly groupNames = new Map<string, number>();
  /** Width of each group once it is closed; null while open. Index 0 is the whole pattern. */
  private readonly groupWidths: (Width | null)[] = [null];
  /** Number of groups that existed when the outermost enclosing look-behind started. */
  private lookbehindGroups: number | null = null;
  /** Numeric conditional references, checked once the whole pattern is known. */
  private readonly condRefs = new Map<bigint, number>();
  private readonly compileIssues: CompileIssue[] = [];
  /** Where a global flag group made ASCII and UNICODE both active. */
  private flagConflict: { start: number; length: number } | null = null;

  constructor(s: string) {
    this.s = s;
    this.advance();
  }

  // -- tokenizer -----------------------------------------------------------

  private advance(): void {
    const s = this.s;
    const i = this.index;
    if (i >= s.length) {
      this.next = null;
      return;
    }
    let end = i + codePointLength(s, i);
    if (s.charCodeAt(i) === 0x5c) {
      if (end >= s.length) fail(s.length - 1, 1, 'bad escape (end of pattern): a trailing backslash escapes nothing');
      end += codePointLength(s, end);
    }
    this.next = s.slice(i, end);
    this.index = end;
  }

  /** Offset of the lookahead token (equivalently, how much has been consumed). */
  private get pos(): number {
    return this.index - (this.next === null ? 0 : this.next.length);
  }

  private match(tok: string): boolean {
    if (this.next === tok) {
      this.advance();
      return true;
    }
    return false;
  }

  private get(): string | null {
    const t = this.next;
    this.advance();
    return t;
  }

  private seek(offset: number): void {
    this.index = offset;
    this.advance();
  }

  /** Take up to n tokens accepted by `ok`, returning them concatenated. */
  private getWhile(n: number, ok: (t: string | null) => boolean): string {
    let out = '';
    for (let k = 0; k < n && ok(this.next); k++) out += this.get();
    return out;
  }

  /**
   * Read tokens up to (and consuming) `terminator`. Returns the text read and
   * its start offset. `what` names the thing being read in error messages.
   */
  private getUntil(terminator: string, what: string): { text: string; start: number } {
    const start = this.pos;
    let text = '';
    for (;;) {
      const tokPos = this.pos;
      const c = this.get();
      if (c === null) {
        if (text === '') fail(this.pos, 0, `missing ${what}`);
        fail(start, this.pos - start, `missing ${terminator}, unterminated name`);
      }
      if (c === terminator) {
        if (text === '') fail(tokPos, 1, `missing ${what}`);
        return { text, start };
      }
      text += c;
    }
  }

  // -- driver --------------------------------------------------------------

  run(): void {
    this.parseAlternation(false, 0);

    if (this.flagConflict !== null) {
      fail(this.flagConflict.start, this.flagConflict.length, "flags 'a' and 'u' cannot both be set (ASCII and UNICODE are incompatible)");
    }
    if (this.next !== null) {
      // Only a stray ')' can stop the top-level alternation early.
      fail(this.pos, 1, 'unbalanced parenthesis');
    }
    const groups = this.groupWidths.length;
    for (const [g, at] of this.condRefs) {
      if (g >= BigInt(groups)) fail(at, String(g).length, `invalid group reference ${g}`);
    }
    if (this.compileIssues.length > 0) {
      // Python compiles the tree outside-in, left to right: the first issue in
      // that order is the one reported.
      let best = this.compileIssues[0]!;
      for (const c of this.compileIssues) {
        if (
          c.start < best.start ||
          (c.start === best.start && (c.depth < best.depth || (c.depth === best.depth && c.order < best.order)))
        ) {
          best = c;
        }
      }
      fail(best.start, best.length, best.message);
    }
  }

  // -- group bookkeeping ---------------------------------------------------

  private groupIsClosed(gid: number): boolean {
    return gid < this.groupWidths.length && this.groupWidths[gid] !== null;
  }

  /** References made inside a look-behind may only target groups closed before it. */
  private checkLookbehindRef(gid: number, at: number, length: number): void {
    if (this.lookbehindGroups === null) return;
    if (!this.groupIsClosed(gid)) fail(at, length, 'cannot refer to an open group');
    if (gid >= this.lookbehindGroups) {
      fail(at, length, 'cannot refer to a group defined inside the same look-behind');
    }
  }

  private checkGroupName(name: string, start: number): void {
    if (!isIdentifier(name)) {
      fail(start, name.length, `bad character in group name ${show(name)}: group names must be valid identifiers`);
    }
  }

  // -- grammar -------------------------------------------------------------

  /** a|b|c */
  private parseAlternation(verbose: boolean, nested: number): Width {
    const alts: Width[] = [];
    for (;;) {
      alts.push(this.parseSequence(verbose, nested + 1, nested === 0 && alts.length === 0));
      if (!this.match('|')) break;
      // Global flags at the start can switch verbose mode on for later top-level alternatives.
      if (nested === 0) verbose = (this.flags & F_VERBOSE) !== 0;
    }
    if (alts.length === 1) return alts[0]!;
    let lo = MAXWIDTH;
    let hi = 0n;
    for (const w of alts) {
      if (w.lo < lo) lo = w.lo;
      if (w.hi > hi) hi = w.hi;
    }
    return clamp({ lo, hi });
  }

  /** A sequence of atoms, each possibly quantified; stops before '|' or ')'. */
  private parseSequence(verbose: boolean, nested: number, first: boolean): Width {
    if (nested > MAX_NESTED) {
      fail(this.pos, 1, 'pattern is nested too deeply (Python gives up with RecursionError)');
    }
    const items: Item[] = [];

    for (;;) {
      const tok = this.next;
      if (tok === null || tok === '|' || tok === ')') break;
      const tokPos = this.pos;
      this.get();

      if (verbose) {
        if (VERBOSE_SPACE.has(tok)) continue;
        if (tok === '#') {
          for (;;) {
            const t = this.get();
            if (t === null || t === '\n') break;
          }
          continue;
        }
      }

      if (tok.charCodeAt(0) === 0x5c) {
        items.push(this.parseEscape(tok, tokPos));
      } else if (!SPECIAL.has(tok)) {
        items.push({ kind: 'unit', lo: 1n, hi: 1n, start: tokPos });
      } else if (tok === '[') {
        this.parseClass(tokPos);
        items.push({ kind: 'unit', lo: 1n, hi: 1n, start: tokPos });
      } else if (REPEAT_START.has(tok)) {
        this.parseRepeat(tok, tokPos, items, nested);
      } else if (tok === '.') {
        items.push({ kind: 'unit', lo: 1n, hi: 1n, start: tokPos });
      } else if (tok === '(') {
        const item = this.parseGroup(tokPos, verbose, nested, first && items.length === 0);
        if (item === 'global-flags') {
          verbose = (this.flags & F_VERBOSE) !== 0;
        } else if (item !== null) {
          items.push(item);
        }
      } else {
        // '^' or '$'
        items.push({ kind: 'anchor', lo: 0n, hi: 0n, start: tokPos });
      }
    }

    let lo = 0n;
    let hi = 0n;
    for (const it of items) {
      lo += it.lo;
      hi += it.hi;
    }
    return clamp({ lo, hi });
  }

  /** Quantifiers: * + ? {m} {m,} {,n} {m,n}, each optionally followed by ? or +. */
  private parseRepeat(tok: string, tokPos: number, items: Item[], nested: number): void {
    const here = this.pos;
    let min: bigint;
    let max: bigint;
    if (tok === '?') {
      min = 0n;
      max = 1n;
    } else if (tok === '*') {
      min = 0n;
      max = MAXREPEAT;
    } else if (tok === '+') {
      min = 1n;
      max = MAXREPEAT;
    } else {
      // '{': only a repeat when it has the exact shape {digits?,?digits?}; otherwise a literal.
      if (this.next === '}') {
        items.push({ kind: 'unit', lo: 1n, hi: 1n, start: tokPos });
        return;
      }
      min = 0n;
      max = MAXREPEAT;
      let loText = '';
      let hiText = '';
      while (isAsciiDigit(this.next)) loText += this.get();
      if (this.match(',')) {
        while (isAsciiDigit(this.next)) hiText += this.get();
      } else {
        hiText = loText;
      }
      if (!this.match('}')) {
        items.push({ kind: 'unit', lo: 1n, hi: 1n, start: tokPos });
        this.seek(here);
        return;
      }
      const braceLen = this.pos - tokPos;
      if (loText !== '') {
        if (loText.length > MAX_INT_DIGITS) fail(tokPos, braceLen, 'the repetition number has too many digits');
        min = BigInt(loText);
        if (min >= MAXREPEAT) fail(tokPos, braceLen, 'the repetition number is too large');
      }
      if (hiText !== '') {
        if (hiText.length > MAX_INT_DIGITS) fail(tokPos, braceLen, 'the repetition number has too many digits');
        max = BigInt(hiText);
        if (max >= MAXREPEAT) fail(tokPos, braceLen, 'the repetition number is too large');
        if (max < min) fail(here, this.pos - here - 1, 'min repeat greater than max repeat');
      }
    }

    const last = items.length > 0 ? items[items.length - 1]! : undefined;
    const qLen = this.pos - tokPos;
    if (last === undefined || last.kind === 'anchor') fail(tokPos, qLen, 'nothing to repeat');
    if (last.kind === 'repeat') fail(tokPos, qLen, 'multiple repeat');
    // lazy or possessive suffix
    if (!this.match('?')) this.match('+');

    if ((this.flags & F_TEMPLATE) !== 0) {
      this.compileIssues.push({
        start: last.start,
        depth: nested,
        order: 0,
        length: this.pos - last.start,
        message: 'repetition is not supported with the TEMPLATE flag (?t)',
      });
    }
    const body = clamp(last);
    const repeated: Item = {
      kind: 'repeat',
      lo: body.lo * min,
      hi: max === MAXREPEAT && body.hi !== 0n ? MAXWIDTH : body.hi * max,
      start: last.start,
    };
    items[items.length - 1] = repeated;
  }

  /** Escapes outside a character class. */
  private parseEscape(tok: string, tokPos: number): Item {
    const c = tok.slice(1);
    const unit: Item = { kind: 'unit', lo: 1n, hi: 1n, start: tokPos };
    if (ANCHOR_ESCAPES.has(c)) return { kind: 'anchor', lo: 0n, hi: 0n, start: tokPos };
    if (CLASS_CATEGORIES.has(c)) return unit;
    if (Object.prototype.hasOwnProperty.call(LITERAL_ESCAPES, c)) return unit;
    if (c === 'x' || c === 'u' || c === 'U' || c === 'N') {
      this.parseCodeEscape(c, tokPos);
      return unit;
    }
    if (c === '0') {
      this.getWhile(2, isOctDigit);
      return unit;
    }
    if (isAsciiDigit(c)) {
      // An octal escape if three octal digits follow the backslash, else a group number.
      let digits = c;
      if (isAsciiDigit(this.next)) {
        digits += this.get();
        if (isOctDigit(digits[0]!) && isOctDigit(digits[1]!) && isOctDigit(this.next)) {
          digits += this.get();
          if (parseInt(digits, 8) > 0o377) {
            fail(tokPos, digits.length + 1, `octal escape value \\${digits} is outside the range 0-0o377`);
          }
          return unit;
        }
      }
      const gid = parseInt(digits, 10);
      const len = digits.length + 1;
      if (gid < this.groupWidths.length) {
        if (!this.groupIsClosed(gid)) fail(tokPos, len, 'cannot refer to an open group');
        this.checkLookbehindRef(gid, tokPos, len);
        const w = this.groupWidths[gid]!;
        return { kind: 'other', lo: w.lo, hi: w.hi, start: tokPos };
      }
      fail(tokPos + 1, digits.length, `invalid group reference ${gid}`);
    }
    if (isAsciiLetter(c)) fail(tokPos, tok.length, `bad escape ${tok}`);
    return unit;
  }

  /**
   * \x \u \U \N escapes, shared by both contexts; the backslash and letter are
   * already consumed. Returns the code point, or undefined when it cannot be
   * known (\N{...}).
   */
  private parseCodeEscape(c: 'x' | 'u' | 'U' | 'N', tokPos: number): number | undefined {
    if (c === 'N') {
      if (!this.match('{')) fail(this.pos, 0, 'missing { after \\N');
      const { text } = this.getUntil('}', 'character name');
      if (!plausibleCharName(text)) {
        fail(tokPos, this.pos - tokPos, `undefined character name ${show(text)}`);
      }
      return undefined;
    }
    const want = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const hex = this.getWhile(want, isHexDigit);
    if (hex.length !== want) {
      fail(tokPos, this.pos - tokPos, `incomplete escape \\${c}${hex} (needs exactly ${want} hex digits)`);
    }
    const value = parseInt(hex, 16);
    if (value > 0x10ffff) fail(tokPos, this.pos - tokPos, `bad escape \\${c}${hex}: not a valid code point`);
    return value;
  }

  /** Escapes inside a character class: a code point, undefined (unknown code point) or 'set'. */
  private parseClassEscape(tok: string, tokPos: number): number | undefined | 'set' {
    const c = tok.slice(1);
    if (c === 'b') return 8; // backspace inside a class
    if (Object.prototype.hasOwnProperty.call(LITERAL_ESCAPES, c)) return LITERAL_ESCAPES[c];
    if (CLASS_CATEGORIES.has(c)) return 'set';
    if (c === 'x' || c === 'u' || c === 'U' || c === 'N') return this.parseCodeEscape(c, tokPos);
    if (isOctDigit(c)) {
      const digits = c + this.getWhile(2, isOctDigit);
      const v = parseInt(digits, 8);
      if (v > 0o377) fail(tokPos, digits.length + 1, `octal escape value \\${digits} is outside the range 0-0o377`);
      return v;
    }
    if (isAsciiDigit(c) || isAsciiLetter(c)) {
      fail(tokPos, tok.length, `bad escape ${tok}${ANCHOR_ESCAPES.has(c) ? ' (not allowed inside a character set)' : ''}`);
    }
    return c.codePointAt(0);
  }

  /** [...] — the opening '[' is consumed. */
  private parseClass(openPos: number): void {
    const unterminated = (): never => fail(openPos, this.pos - openPos, 'unterminated character set');
    this.match('^');
    let nonEmpty = false;
    for (;;) {
      const thisPos = this.pos;
      const tok = this.get();
      if (tok === null) return unterminated();
      if (tok === ']' && nonEmpty) return;
      const code1 = tok.charCodeAt(0) === 0x5c ? this.parseClassEscape(tok, thisPos) : tok.codePointAt(0);
      nonEmpty = true;
      if (!this.match('-')) continue;
      const thatPos = this.pos;
      const that = this.get();
      if (that === null) return unterminated();
      if (that === ']') return; // trailing '-' is a literal
      const code2 = that.charCodeAt(0) === 0x5c ? this.parseClassEscape(that, thatPos) : that.codePointAt(0);
      const rangeLen = this.pos - thisPos;
      const rangeText = this.s.slice(thisPos, this.pos);
      if (code1 === 'set' || code2 === 'set') {
        fail(thisPos, rangeLen, `bad character range ${rangeText}: a class escape such as \\d cannot be a range endpoint`);
      }
      if (code1 !== undefined && code2 !== undefined && code2 < code1) {
        fail(thisPos, rangeLen, `bad character range ${rangeText}: the end comes before the start`);
      }
    }
  }

  /**
   * Everything that starts with '(' (already consumed). Returns the item to
   * append, null when nothing is appended (comments), or 'global-flags' for a
   * pattern-wide flag group.
   */
  private parseGroup(start: number, verbose: boolean, nested: number, atStart: boolean): Item | null | 'global-flags' {
    let capture = true;
    let name: string | null = null;
    let nameStart = 0;
    let addFlags = 0;
    let delFlags = 0;

    if (this.match('?')) {
      const qPos = start + 1;
      const charPos = this.pos;
      const ch = this.get();
      if (ch === null) fail(this.pos, 0, 'unexpected end of pattern after (?');

      if (ch === 'P') {
        if (this.match('<')) {
          const r = this.getUntil('>', 'group name');
          name = r.text;
          nameStart = r.start;
          this.checkGroupName(name, nameStart);
        } else if (this.match('=')) {
          const r = this.getUntil(')', 'group name');
          this.checkGroupName(r.text, r.start);
          const gid = this.groupNames.get(r.text);
          if (gid === undefined) fail(r.start, r.text.length, `unknown group name ${show(r.text)}`);
          if (!this.groupIsClosed(gid)) fail(r.start, r.text.length, 'cannot refer to an open group');
          this.checkLookbehindRef(gid, r.start, r.text.length);
          const w = this.groupWidths[gid]!;
          return { kind: 'other', lo: w.lo, hi: w.hi, start };
        } else {
          const c2 = this.get();
          if (c2 === null) fail(this.pos, 0, 'unexpected end of pattern after (?P');
          fail(qPos, this.pos - qPos, `unknown extension ?P${c2}`);
        }
      } else if (ch === ':') {
        capture = false;
      } else if (ch === '#') {
        for (;;) {
          if (this.next === null) fail(start, this.pos - start, 'missing ), unterminated comment');
          if (this.get() === ')') break;
        }
        return null;
      } else if (ch === '=' || ch === '!' || ch === '<') {
        let behind = false;
        let outermostBehind = false;
        if (ch === '<') {
          const c2 = this.get();
          if (c2 === null) fail(this.pos, 0, 'unexpected end of pattern after (?<');
          if (c2 !== '=' && c2 !== '!') {
            fail(qPos, this.pos - qPos, `unknown extension ?<${c2} (named groups are written (?P<name>...))`);
          }
          behind = true;
          if (this.lookbehindGroups === null) {
            this.lookbehindGroups = this.groupWidths.length;
            outermostBehind = true;
          }
        }
        const body = this.parseAlternation(verbose, nested + 1);
        if (outermostBehind) this.lookbehindGroups = null;
        if (!this.match(')')) fail(start, this.pos - start, 'missing ), unterminated subpattern');
        if (behind) this.checkLookbehindWidth(body, start, nested);
        return { kind: 'other', lo: 0n, hi: 0n, start };
      } else if (ch === '(') {
        return this.parseConditional(start, verbose, nested);
      } else if (ch === '>') {
        // atomic group: for syntax purposes it behaves like (?:...)
        capture = false;
      } else if (flagBit(ch) !== 0 || ch === '-') {
        const fl = this.parseFlags(ch, charPos);
        if (fl === null) {
          if (!atStart) {
            fail(start, this.pos - start, 'global flags not at the start of the expression (use a scoped group like (?i:...))');
          }
          return 'global-flags';
        }
        [addFlags, delFlags] = fl;
        capture = false;
      } else {
        fail(qPos, this.pos - qPos, `unknown extension ?${ch}`);
      }
    }

    let gid: number | null = null;
    if (capture) {
      gid = this.groupWidths.length;
      this.groupWidths.push(null);
      if (this.groupWidths.length > MAXGROUPS) fail(start, 1, 'too many groups');
      if (name !== null) {
        const prev = this.groupNames.get(name);
        if (prev !== undefined) {
          fail(nameStart, name.length, `redefinition of group name ${show(name)} as group ${gid}; was group ${prev}`);
        }
        this.groupNames.set(name, gid);
      }
    }
    const subVerbose = (verbose || (addFlags & F_VERBOSE) !== 0) && (delFlags & F_VERBOSE) === 0;
    const body = this.parseAlternation(subVerbose, nested + 1);
    if (!this.match(')')) fail(start, this.pos - start, 'missing ), unterminated subpattern');
    if (gid !== null) this.groupWidths[gid] = body;
    return { kind: 'other', lo: body.lo, hi: body.hi, start };
  }

  private checkLookbehindWidth(body: Width, start: number, nested: number): void {
    const length = this.pos - start;
    if (body.lo > MAXCODE) {
      this.compileIssues.push({ start, depth: nested, order: 1, length, message: 'look-behind looks too far back' });
    } else if (body.lo !== body.hi) {
      this.compileIssues.push({
        start,
        depth: nested,
        order: 1,
        length,
        message: 'look-behind requires fixed-width pattern',
      });
    }
  }

  /** (?(id/name)yes|no) — "(?(" is consumed. */
  private parseConditional(start: number, verbose: boolean, nested: number): Item {
    const { text, start: nameStart } = this.getUntil(')', 'group name');
    let gid: number;
    if (isIdentifier(text)) {
      const g = this.groupNames.get(text);
      if (g === undefined) fail(nameStart, text.length, `unknown group name ${show(text)}`);
      gid = g;
    } else {
      const n = pyInt(text);
      if (n === null || n < 0n) fail(nameStart, text.length, `bad character in group name ${show(text)}`);
      if (n === 0n) fail(nameStart, text.length, 'bad group number');
      if (n >= BigInt(MAXGROUPS)) fail(nameStart, text.length, `invalid group reference ${n}`);
      if (!this.condRefs.has(n)) this.condRefs.set(n, nameStart);
      gid = Number(n);
    }
    this.checkLookbehindRef(gid, nameStart, text.length);

    const yes = this.parseSequence(verbose, nested + 1, false);
    let no: Width | null = null;
    if (this.match('|')) {
      no = this.parseSequence(verbose, nested + 1, false);
      if (this.next === '|') fail(this.pos, 1, 'conditional backref with more than two branches');
    }
    if (!this.match(')')) fail(start, this.pos - start, 'missing ), unterminated subpattern');
    let lo = yes.lo;
    let hi = yes.hi;
    if (no !== null) {
      if (no.lo < lo) lo = no.lo;
      if (no.hi > hi) hi = no.hi;
    } else {
      lo = 0n;
    }
    return { kind: 'other', lo, hi, start };
  }

  /**
   * Inline flags after "(?"; `ch` (the first flag letter or '-') is consumed.
   * Returns null for a global group "(?flags)", else the added and removed flags
   * of a scoped group "(?flags-flags:".
   */
  private parseFlags(ch: string, chPos: number): [number, number] | null {
    let add = 0;
    let del = 0;
    let c: string | null = ch;
    let cPos = chPos;
    if (c !== '-') {
      for (;;) {
        const flag = flagBit(c);
        if (c === 'L') fail(cPos, 1, "bad inline flags: the 'L' flag cannot be used with a str pattern");
        add |= flag;
        if ((flag & TYPE_FLAGS) !== 0 && (add & TYPE_FLAGS) !== flag) {
          fail(cPos, 1, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        }
        cPos = this.pos;
        c = this.get();
        if (c === null) fail(this.pos, 0, 'missing -, : or ) after inline flags');
        if (c === ')' || c === '-' || c === ':') break;
        if (flagBit(c) === 0) fail(cPos, c.length, isAlpha(c) ? `unknown flag ${c}` : 'missing -, : or ) after inline flags');
      }
    }
    if (c === ')') {
      this.flags |= add;
      if (this.flagConflict === null && (this.flags & F_ASCII) !== 0 && (this.flags & F_UNICODE) !== 0) {
        this.flagConflict = { start: chPos - 2, length: this.pos - chPos + 2 };
      }
      return null;
    }
    if ((add & GLOBAL_FLAGS) !== 0) fail(cPos, 1, 'bad inline flags: cannot turn on global flag');
    if (c === '-') {
      cPos = this.pos;
      c = this.get();
      if (c === null) fail(this.pos, 0, 'missing flag after -');
      if (flagBit(c) === 0) fail(cPos, c.length, isAlpha(c) ? `unknown flag ${c}` : 'missing flag after -');
      for (;;) {
        const flag = flagBit(c);
        if ((flag & TYPE_FLAGS) !== 0) fail(cPos, 1, "bad inline flags: flags 'a', 'u' and 'L' cannot be turned off");
        del |= flag;
        cPos = this.pos;
        c = this.get();
        if (c === null) fail(this.pos, 0, 'missing : after inline flags');
        if (c === ':') break;
        if (flagBit(c) === 0) fail(cPos, c.length, isAlpha(c) ? `unknown flag ${c}` : 'missing : after inline flags');
      }
    }
    if ((del & GLOBAL_FLAGS) !== 0) fail(cPos, 1, 'bad inline flags: cannot turn off global flag');
    if ((add & del) !== 0) fail(cPos, 1, 'bad inline flags: flag turned on and off');
    return [add, del];
  }
}
