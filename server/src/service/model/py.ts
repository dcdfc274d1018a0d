/**
 * JSON values as Python's `json.loads` returns them (str, int/float, bool, None, list, dict), each with its span in
 * the option value, and the Python facts Nova's checks depend on: truthiness, `str()`, `int(x, 16)`, oslo's strict
 * booleans. This is the compact storage of the typed PCI model (model/pci.ts): a dict's entries are three slots each
 * of one flat array (a str, bool or None value lives in its slots; no object per entry), one object per other value,
 * no parent links, no property nodes; positions become document spans only when a rule reports.
 *
 * readPyValue() is a strict, non-recursive reader for the values Python accepts (NaN, Infinity and -Infinity
 * included); it returns undefined at the first deviation, and the caller asks python/json.ts (jsonc-parser's tolerant
 * tree) to describe the error. fromJsonNode() converts such a tree when it is valid, so both paths give one model.
 */
import { ownString } from '../own-string';
import type { Node as JsonNode } from 'jsonc-parser';
import { parsePyHexInt } from '../python/int';
import { strictBool } from '../oslo/bool';
import { MAX_JSON_DEPTH } from '../python/fastjson';

/** Offsets into the option value (what oslo.config hands to Nova): half open. */
interface At {
  start: number;
  end: number;
}
export interface PyStr extends At { type: 'string'; value: string }
/** int or float; `raw` is the source text (Python keeps every digit of a big int; NaN/Infinity are floats). */
export interface PyNum extends At { type: 'number'; value: number; raw: string }
export interface PyBool extends At { type: 'boolean'; value: boolean }
export interface PyNone extends At { type: 'null'; value: null }
export interface PyList extends At { type: 'array'; items: PyValue[] }
/**
 * A dict as Python builds it: one key per name, in the order each name first appears, holding the value (and the
 * key span) of its last occurrence — `{"a": 1, "b": 2, "a": 3}` is `{'a': 3, 'b': 2}`.
 */
export interface PyDict extends At {
  type: 'object';
  /**
   * The entries, ENTRY slots each, in order: name, value (a PyKeyValue), and the key's and the value's spans
   * (packed into one number by `spans`, read back by keyAt).
   * One array per dict and no object per entry: a 10 MB PCI file has ~0.4 M entries, which as objects were the
   * model's largest share of what the reader allocates and the collector copies and marks. Read it through
   * dictSize / nameAt / valAt (no object made) or keyAt / keysOf / keyOf (a PyKey made per call, not kept).
   */
  e: unknown[];
  /** Name -> entry number, only for dicts with many keys (small ones are scanned). */
  index?: Map<string, number>;
}
/**
 * The reader's dicts and lists are made by these constructors, not by object literals. V8 pretenures an object
 * literal's allocation site once most of what it made survived (a document's model does), and from then on makes
 * that site's dicts in the old generation, while a dict's slot array (a `slice`, always young) is not: each dict is
 * then an old object holding a young array, and a scavenge copies the array (and promotes it) whether or not
 * anything still holds the dict; only a full collection frees either. Values read and dropped soon after (the
 * bench's Python-json row reads every value of the 10 MB file again and again) paid a scavenger's copy of every
 * array and left old garbage for full collections. A class's instances are never pretenured: a dict and its array
 * are young together and die together. A kept model is copied by the scavenger either way, the dict objects now
 * too (docs/performance.md, Round 15, json15).
 */
class Dict implements PyDict {
  declare readonly type: 'object';
  declare start: number;
  declare end: number;
  declare e: unknown[];
  declare index?: Map<string, number>;

  constructor(start: number, end: number, e: unknown[]) {
    this.type = 'object';
    this.start = start;
    this.end = end;
    this.e = e;
  }
}

class List implements PyList {
  declare readonly type: 'array';
  declare start: number;
  declare end: number;
  declare items: PyValue[];

  constructor(start: number, end: number, items: PyValue[]) {
    this.type = 'array';
    this.start = start;
    this.end = end;
    this.items = items;
  }
}

/** Slots per dict entry in PyDict.e. */
export const ENTRY = 3;

/**
 * An entry's key span and value span (offsets into the value's text) in one slot. Almost every key is under 64
 * characters long, separated from its value by under 8 (`": "`), with a value under 512 characters: then the four
 * offsets are one number, ((key start - dict start) * 64 + key length) * 8 + gap) * 512 + value length, which for a
 * key within 8 K characters of its dict's `{` (every dict of a PCI file) is a small integer V8 stores in the array
 * slot itself (a key further on gives a heap number, still exact). Any other entry keeps a [ks, ke, vs, ve] tuple.
 * One slot instead of two (Round 12) or four: on the 10 MB PCI file the dicts' arrays are ~3 MB smaller, memory
 * that each open touches for the first time and the scavenger copies twice (docs/performance.md, Rounds 12-13).
 */
type Spans = number | readonly [number, number, number, number];

function spans(dictStart: number, ks: number, ke: number, vs: number, ve: number): Spans {
  const rel = ks - dictStart;
  const klen = ke - ks;
  const gap = vs - ke;
  const vlen = ve - vs;
  return rel >= 0 && rel < 2 ** 33 && klen >= 0 && klen < 64 && gap >= 0 && gap < 8 && vlen >= 0 && vlen < 512 ? ((rel * 64 + klen) * 8 + gap) * 512 + vlen : [ks, ke, vs, ve];
}
/**
 * One dict entry as an object: the key and its value, made on demand from the dict's slots (keyAt, keysOf, keyOf)
 * and kept by nobody. A str, bool or None value is held as itself (`val`, spanned by vs..ve); other values
 * (numbers, lists, dicts) are their objects. Readers that want a PyValue for any entry call valueOf(key).
 */
export interface PyKey extends At {
  /** The key as Python sees it (escapes decoded). Its span (start..end) is the quoted key in the source. */
  name: string;
  val: PyKeyValue;
  /** The value's span (for an object value the same as its own start..end). */
  vs: number;
  ve: number;
}
/** What a dict entry holds: a str, bool or None as the JavaScript value, anything else as its model object. */
export type PyKeyValue = string | boolean | null | PyNum | PyList | PyDict;
export type PyValue = PyStr | PyNum | PyBool | PyNone | PyList | PyDict;

/** Number of entries of a dict. */
export function dictSize(d: PyDict): number {
  return d.e.length / ENTRY;
}

/** Name of entry `i` (V8's internalized string when the reader made it). */
export function nameAt(d: PyDict, i: number): string {
  return d.e[i * ENTRY] as string;
}

/** Value of entry `i`: a str, bool or None as itself, anything else as its object (no object made). */
export function valAt(d: PyDict, i: number): PyKeyValue {
  return d.e[i * ENTRY + 1] as PyKeyValue;
}

/** Entry `i` as a PyKey (a new object: cheap, and not kept). */
export function keyAt(d: PyDict, i: number): PyKey {
  const e = d.e;
  const j = i * ENTRY;
  const x = e[j + 2] as Spans;
  const name = e[j] as string;
  const val = e[j + 1] as PyKeyValue;
  if (typeof x !== 'number') return { name, val, start: x[0], end: x[1], vs: x[2], ve: x[3] };
  let vlen: number, gap: number, klen: number, rel: number;
  if (x < 2 ** 31) {
    vlen = x & 511;
    gap = (x >>> 9) & 7;
    klen = (x >>> 12) & 63;
    rel = x >>> 18;
  } else {
    vlen = x % 512;
    const a = (x - vlen) / 512;
    gap = a % 8;
    const b = (a - gap) / 8;
    klen = b % 64;
    rel = (b - klen) / 64;
  }
  const start = d.start + rel;
  const vs = start + klen + gap;
  return { name, val, start, end: start + klen, vs, ve: vs + vlen };
}

/** Every entry as a PyKey, in order (new objects). */
export function keysOf(d: PyDict): PyKey[] {
  const n = dictSize(d);
  const out = new Array<PyKey>(n);
  for (let i = 0; i < n; i++) out[i] = keyAt(d, i);
  return out;
}

/** The entry number of key `name`, or -1. */
export function keyIndex(dict: PyDict, name: string): number {
  if (dict.index) return dict.index.get(name) ?? -1;
  const e = dict.e;
  for (let j = 0; j < e.length; j += ENTRY) if (e[j] === name) return j / ENTRY;
  return -1;
}

/** The entry's value as a PyValue (a str, bool or None gets a new object each call: cheap, and not kept). */
export function valueOf(k: PyKey): PyValue {
  const v = k.val;
  if (typeof v === 'string') return { type: 'string', start: k.vs, end: k.ve, value: v };
  if (typeof v === 'boolean') return { type: 'boolean', start: k.vs, end: k.ve, value: v };
  if (v === null) return { type: 'null', start: k.vs, end: k.ve, value: null };
  return v;
}

/** The entry's value when it is a str, else undefined (no object made). */
export function keyStr(k: PyKey): string | undefined {
  return valStr(k.val);
}

/** An entry value (valAt, PyKey.val) when it is a str, else undefined. */
export function valStr(v: PyKeyValue): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The entry's value kind, as PyValue's `type` (no object made). */
export function keyKind(k: PyKey): PyValue['type'] {
  const v = k.val;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (v === null) return 'null';
  return v.type;
}

/** truthy() of the entry's value (no object made); undefined (no such key) is falsy. */
export function keyTruthy(k: PyKey | undefined): boolean {
  return k ? valTruthy(k.val) : false;
}

/** truthy() of an entry value (valAt, PyKey.val), no object made. */
export function valTruthy(v: PyKeyValue): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  return truthy(v);
}

/** strictBoolOf() of the entry's value (no object made for a str, bool or None). */
export function keyStrictBool(k: PyKey): boolean | undefined {
  return valStrictBool(k.val);
}

/** strictBoolOf() of an entry value (valAt, PyKey.val), no object made for a str, bool or None. */
export function valStrictBool(v: PyKeyValue): boolean | undefined {
  if (typeof v === 'string') return strictBool(v);
  if (typeof v === 'boolean') return v;
  if (v === null) return strictBool('None');
  return strictBoolOf(v);
}

/** The key of a dict (a new PyKey), or undefined. */
export function keyOf(dict: PyDict, name: string): PyKey | undefined {
  const i = keyIndex(dict, name);
  return i < 0 ? undefined : keyAt(dict, i);
}

/** `dict.get(name)`. */
export function getValue(dict: PyDict, name: string): PyValue | undefined {
  const k = keyOf(dict, name);
  return k && valueOf(k);
}

/** Python's type of the value: str, int, float, bool, NoneType, list or dict. */
export function pyType(v: PyValue): 'str' | 'int' | 'float' | 'bool' | 'NoneType' | 'list' | 'dict' {
  switch (v.type) {
    case 'string':
      return 'str';
    case 'number':
      return isInt(v.raw) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'null':
      return 'NoneType';
    case 'array':
      return 'list';
    default:
      return 'dict';
  }
}

const isInt = (raw: string) => /^-?\d+$/.test(raw);

/** Python truthiness (`if value:`); undefined (a missing key) is falsy, as `dict.get` gives None. */
export function truthy(v: PyValue | undefined): boolean {
  if (!v) return false;
  switch (v.type) {
    case 'null':
      return false;
    case 'boolean':
      return v.value;
    case 'string':
      return v.value.length > 0;
    case 'number':
      return isInt(v.raw) ? !/^-?0+$/.test(v.raw) : v.value !== 0; // NaN is truthy: NaN !== 0
    case 'array':
      return v.items.length > 0;
    default:
      return v.e.length > 0;
  }
}

/** Python's `str(value)` (for a str the value itself; for containers their repr). */
export function pyStr(v: PyValue): string {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'number':
      return isInt(v.raw) ? BigInt(v.raw).toString() : floatRepr(v.value);
    case 'boolean':
      return v.value ? 'True' : 'False';
    case 'null':
      return 'None';
    case 'array':
      return `[${v.items.map(pyRepr).join(', ')}]`;
    default:
      return `{${keysOf(v).map((k) => `${strRepr(k.name)}: ${pyRepr(valueOf(k))}`).join(', ')}}`;
  }
}

/** Python's `repr(value)`. */
export function pyRepr(v: PyValue): string {
  return v.type === 'string' ? strRepr(v.value) : pyStr(v);
}

/** Python's repr of a str: single quotes unless the text has a ' and no "; control characters escaped. */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\x${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return out + q;
}

/**
 * Python's repr of a float (what str() gives): the shortest digits that read back to the same double, written
 * positionally when the decimal exponent is in [-4, 16) (with ".0" for whole numbers), otherwise as
 * d.ddde±XX; nan, inf, -inf.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expText] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${int}.${frac || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Python's `int(value, 16)` as Nova reads ids and address fields: a str only (anything else is a TypeError). */
export function hexInt(v: PyValue | undefined): bigint | undefined {
  return v?.type === 'string' ? parsePyHexInt(v.value) : undefined;
}

/**
 * oslo.utils `bool_from_string(value, strict=True)`: a bool is itself, anything else is judged on `str(value)`;
 * undefined where oslo raises ValueError.
 */
export function strictBoolOf(v: PyValue): boolean | undefined {
  return v.type === 'boolean' ? v.value : strictBool(pyStr(v));
}

/** The value's type as an operator would say it, for messages. */
export function describeType(v: PyValue): string {
  switch (v.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return v.value ? 'true' : 'false';
    default:
      return 'null';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
//
// One pass over the value's characters with the reader's state in module variables (no closures per call), strings
// cut from the text only once, and short strings (dict keys, ids, tag values) shared through a small cache: a 10 MB
// file repeats the same keys tens of thousands of times, and a shared string costs neither an allocation nor a copy.

/** Dicts up to this many keys are searched linearly; bigger ones get an index. */
const SMALL_DICT = 8;

/** The text being read and the read position (module state: readPyValue is not re-entrant and never yields). */
let T = '';
let P = 0;
let N = 0;
/**
 * Where the value's current line starts in T, less its offset in the value: the model's offsets are value offsets
 * (T offset - B). For a value read in place over several lines (readPyValue's `lines`), B changes at each line: LINES
 * holds the lines' start/end offsets in T, LI the current line's, NEXT the next line's start (Infinity at the last).
 */
let B = 0;
/** No lines (between reads: an empty array made once, not one per read). */
const NO_LINES: readonly number[] = [];
let LINES: readonly number[] = NO_LINES;
let LI = 0;
let NEXT = Infinity;

/** Moves B to the line P is on (only skipWs moves P past a line's end: no token spans lines). */
function nextLine(): void {
  while (P >= NEXT) {
    // The value joins lines with one "\n": the next line starts one past this line's end, in value offsets.
    const at = LINES[LI + 1] - B + 1;
    LI += 2;
    B = LINES[LI] - at;
    NEXT = LI + 2 < LINES.length ? LINES[LI + 2] : Infinity;
  }
}

/** Short strings seen before, by a hash of their characters: a hit is checked with startsWith, never trusted blindly. */
const SHARED = new Array<string>(1024).fill('');
const SHARED_MAX = 24;

/** The same for dict keys, whose strings are internalized (values are not: most are seen once). */
const KEYS = new Array<string>(1024).fill('');

/** V8's internalized string equal to `s`: property names are internalized, so a computed key gives it back. */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipWs(): void {
  while (P < N && isWs(T.charCodeAt(P))) P++;
  if (P >= NEXT) nextLine();
}

/**
 * Reads a string at P (its opening quote); undefined when Python would refuse it. P ends after the closing quote.
 * A dict key (`key`) comes back as V8's internalized copy, so the rules' lookups (`name === 'vendor_id'`, Set and
 * object lookups by name) compare pointers instead of characters.
 */
function readStr(key = false): string | undefined {
  const open = P;
  let h = 0;
  let k = open + 1;
  for (; k < N; k++) {
    const c = T.charCodeAt(k);
    if (c === 34) break;
    if (c === 92 || c < 0x20) return readEscapedStr(open);
    h = (Math.imul(h, 31) + c) | 0;
  }
  if (k >= N) return undefined;
  P = k + 1;
  const len = k - open - 1;
  if (len > SHARED_MAX) return T.slice(open + 1, k);
  const slot = (h ^ (h >>> 10) ^ len) & 1023;
  const cache = key ? KEYS : SHARED;
  const hit = cache[slot];
  if (hit.length === len && sameAt(hit, open + 1)) return hit;
  // Kept across documents: a copy, not a slice that would keep the document's text alive (own-string.ts).
  const s = key ? internalized(T.slice(open + 1, k)) : ownString(T.slice(open + 1, k));
  cache[slot] = s;
  return s;
}

/**
 * The last key read that starts with each pair of ASCII characters (its first two), '' for none. A dict key is
 * checked against it before anything else: when the text at the key holds exactly that key and then its closing
 * quote, that is the key, found in one pass (compare) instead of two (scan with a hash, then compare). Only keys
 * written without escapes are kept here, so a kept key has no quote, backslash or control character, and matching
 * its characters and the quote after them is matching the source string.
 */
const BY_START = new Array<string>(128 * 128).fill('');

/** A dict key at P (its opening quote): readStr(true), with BY_START tried first. */
function readKey(): string | undefined {
  const a = P + 1;
  const c1 = T.charCodeAt(a);
  const c2 = T.charCodeAt(a + 1);
  // NaN (past the text's end) fails both comparisons.
  const slot = c1 < 128 && c2 < 128 ? (c1 << 7) | c2 : -1;
  if (slot >= 0) {
    const s = BY_START[slot];
    const len = s.length;
    if (len !== 0 && a + len < N && T.charCodeAt(a + len) === 34 && sameAt(s, a)) {
      P = a + len + 1;
      return s;
    }
  }
  const key = readStr(true);
  // Kept only when read without escapes (the source is the key and its quotes) and short enough to be readStr's
  // own copy, not a slice that would keep the document's text alive.
  if (slot >= 0 && key !== undefined && P - a - 1 === key.length && key.length >= 2 && key.length <= SHARED_MAX) BY_START[slot] = key;
  return key;
}

/** `T.startsWith(s, at)` for a short `s` (the caller checked the length): a loop V8 inlines, cheaper than the call. */
function sameAt(s: string, at: number): boolean {
  for (let i = s.length - 1; i >= 0; i--) if (s.charCodeAt(i) !== T.charCodeAt(at + i)) return false;
  return true;
}

/** A string with an escape (or a control character, which Python refuses). */
function readEscapedStr(open: number): string | undefined {
  let i = open + 1;
  while (i < N) {
    const c = T.charCodeAt(i);
    if (c === 34) break;
    if (c < 0x20) return undefined;
    if (c === 92) {
      const e = T.charCodeAt(i + 1);
      if (e === 117) {
        for (let k = i + 2; k < i + 6; k++) {
          const h = T.charCodeAt(k);
          if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) return undefined;
        }
        i += 6;
        continue;
      }
      if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return undefined;
      i += 2;
      continue;
    }
    i++;
  }
  if (i >= N) return undefined;
  P = i + 1;
  return JSON.parse(T.slice(open, P)) as string;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** JSON's number grammar at P (the longest match, as the old sticky regex took); undefined when there is none. */
function readNum(): PyNum | undefined {
  const start = P;
  let k = P;
  if (T.charCodeAt(k) === 45) k++;
  const c0 = T.charCodeAt(k);
  if (c0 === 48) k++;
  else if (c0 >= 49 && c0 <= 57) while (isDigit(T.charCodeAt(k))) k++;
  else return undefined;
  if (T.charCodeAt(k) === 46 && isDigit(T.charCodeAt(k + 1))) {
    k += 2;
    while (isDigit(T.charCodeAt(k))) k++;
  }
  const e = T.charCodeAt(k);
  if (e === 101 || e === 69) {
    let m = k + 1;
    const sign = T.charCodeAt(m);
    if (sign === 43 || sign === 45) m++;
    if (isDigit(T.charCodeAt(m))) {
      while (isDigit(T.charCodeAt(m))) m++;
      k = m;
    }
  }
  P = k;
  const raw = T.slice(start, k);
  return { type: 'number', start: start - B, end: k - B, value: Number(raw), raw };
}

/** A value that is not a container, at P (not whitespace). */
function readScalar(): PyValue | undefined {
  const start = P - B;
  const c = T.charCodeAt(P);
  if (c === 34) {
    const value = readStr();
    return value === undefined ? undefined : { type: 'string', start, end: P - B, value };
  }
  if (c === 116 && T.startsWith('true', P)) return (P += 4), { type: 'boolean', start, end: P - B, value: true };
  if (c === 102 && T.startsWith('false', P)) return (P += 5), { type: 'boolean', start, end: P - B, value: false };
  if (c === 110 && T.startsWith('null', P)) return (P += 4), { type: 'null', start, end: P - B, value: null };
  if (c === 78 && T.startsWith('NaN', P)) return (P += 3), { type: 'number', start, end: P - B, value: NaN, raw: 'NaN' };
  if (c === 73 && T.startsWith('Infinity', P)) return (P += 8), { type: 'number', start, end: P - B, value: Infinity, raw: 'Infinity' };
  if (c === 45 && T.startsWith('-Infinity', P)) return (P += 9), { type: 'number', start, end: P - B, value: -Infinity, raw: '-Infinity' };
  return readNum();
}

/**
 * Entry slots and items of the containers being read, stacked here until their container closes; each container
 * then gets an array of exactly its length (a growing array would keep spare slots).
 */
const STACK: unknown[] = [];
let SP = 0;

/**
 * Adds an entry's slots as Python does: a repeated name keeps its first position and takes the last value (and its
 * spans). Returns the dict's name index once it has more than SMALL_DICT keys.
 */
function putEntry(base: number, index: Map<string, number> | undefined, dictStart: number, name: string, val: PyKeyValue, ks: number, ke: number, vs: number, ve: number): Map<string, number> | undefined {
  let at = -1;
  if (index) {
    const i = index.get(name);
    if (i !== undefined) at = base + i * ENTRY;
  } else {
    for (let j = SP - ENTRY; j >= base; j -= ENTRY) {
      if (STACK[j] === name) {
        at = j;
        break;
      }
    }
  }
  if (at < 0) {
    at = SP;
    SP += ENTRY;
    STACK[at] = name;
    if (index) index.set(name, (at - base) / ENTRY);
  }
  STACK[at + 1] = val;
  STACK[at + 2] = spans(dictStart, ks, ke, vs, ve);
  if (index || SP - base <= SMALL_DICT * ENTRY) return index;
  const made = new Map<string, number>();
  for (let j = base; j < SP; j += ENTRY) made.set(STACK[j] as string, (j - base) / ENTRY);
  return made;
}

/** A value at P (not whitespace) inside `depth` containers; undefined at the first deviation from Python's grammar. */
function readAny(depth: number): PyValue | undefined {
  const c = T.charCodeAt(P);
  if (c === 123 /* { */) {
    const start = P - B;
    P++;
    skipWs();
    if (depth >= MAX_JSON_DEPTH) return undefined;
    if (T.charCodeAt(P) === 125) return new Dict(start, ++P - B, []);
    const base = SP;
    let index: Map<string, number> | undefined;
    for (;;) {
      if (T.charCodeAt(P) !== 34) return undefined;
      // Value offsets, taken where they are read: B moves on when a line ends inside the entry.
      const ks = P - B;
      const name = readKey();
      if (name === undefined) return undefined;
      const ke = P - B;
      skipWs();
      if (T.charCodeAt(P) !== 58 /* : */) return undefined;
      P++;
      skipWs();
      if (P >= N) return undefined;
      // A str, bool or None value is kept in the entry itself (no object: see PyKey).
      const vs = P - B;
      const v = T.charCodeAt(P);
      let val: PyKeyValue | undefined;
      if (v === 34) val = readStr();
      else if (v === 116 && T.startsWith('true', P)) {
        P += 4;
        val = true;
      } else if (v === 102 && T.startsWith('false', P)) {
        P += 5;
        val = false;
      } else if (v === 110 && T.startsWith('null', P)) {
        P += 4;
        val = null;
      } else val = readAny(depth + 1) as PyNum | PyList | PyDict | undefined; // not a str, bool or None here
      if (val === undefined) return undefined;
      index = putEntry(base, index, start, name, val, ks, ke, vs, P - B);
      skipWs();
      const d = T.charCodeAt(P);
      if (d === 44 /* , */) {
        P++;
        skipWs();
        continue;
      }
      if (d !== 125) return undefined;
      const dict: PyDict = new Dict(start, ++P - B, STACK.slice(base, SP));
      if (index) dict.index = index;
      SP = base;
      return dict;
    }
  }
  if (c === 91 /* [ */) {
    const start = P - B;
    P++;
    skipWs();
    if (depth >= MAX_JSON_DEPTH) return undefined;
    if (T.charCodeAt(P) === 93) return new List(start, ++P - B, []);
    const base = SP;
    for (;;) {
      if (P >= N) return undefined;
      const value = readAny(depth + 1);
      if (value === undefined) return undefined;
      STACK[SP++] = value;
      skipWs();
      const d = T.charCodeAt(P);
      if (d === 44 /* , */) {
        P++;
        skipWs();
        continue;
      }
      if (d !== 93) return undefined;
      const list: PyList = new List(start, ++P - B, STACK.slice(base, SP) as PyValue[]);
      SP = base;
      return list;
    }
  }
  return readScalar();
}

/**
 * The value Python's json.loads returns for `text`, or undefined when it raises (or the input is deeper than Nova can
 * go).
 *
 * With `lines` (start/end offset pairs into `text`), the value is those pieces of `text` joined with "\n", read in
 * place: the model's offsets are still the joined value's own. A caller hands the document's text and an option
 * value's lines in it, so no joined copy is made and the reader reads a flat string rather than a slice of it (each
 * character read through a slice costs more in V8). The caller makes sure that only JSON whitespace lies between one
 * line's end and the next line's start (then the JSON read is the same as the joined value's, since no token spans a
 * line break), and that the character after the last line's end, if any, is one no token continues with
 * (whitespace, a line break or a quote): the reader's look-ahead (`true`, digits, an escape's hex digits) may read
 * one character past the end and must find there what it finds past the end of a string, a non-match.
 */
export function readPyValue(text: string, lines?: readonly number[]): PyValue | undefined {
  T = text;
  if (lines) {
    LINES = lines;
    P = B = lines[0];
    N = lines[lines.length - 1];
    NEXT = lines.length > 2 ? lines[2] : Infinity;
  } else {
    P = B = 0;
    N = text.length;
  }
  LI = 0;
  SP = 0;
  try {
    skipWs();
    if (P >= N) return undefined;
    const v = readAny(0);
    if (v === undefined) return undefined;
    skipWs();
    return P === N ? v : undefined;
  } finally {
    T = '';
    B = 0;
    LINES = NO_LINES;
    NEXT = Infinity;
    // Keep none of this value's keys and items alive through the stack: a long string is a slice of the document's
    // text, so the last value read would keep a closed document alive. Each read fills a prefix of the stack.
    if (STACK.length > 4096) STACK.length = 0;
    else for (let i = 0; i < STACK.length && STACK[i] !== undefined; i++) STACK[i] = undefined;
  }
}

/** The model of a valid jsonc-parser tree (`text` is the value it was read from, for number spellings). */
export function fromJsonNode(node: JsonNode, text: string): PyValue {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'string':
      return { type: 'string', start, end, value: String(node.value) };
    case 'number':
      return { type: 'number', start, end, value: Number(node.value), raw: text.slice(start, end) };
    case 'boolean':
      return { type: 'boolean', start, end, value: Boolean(node.value) };
    case 'null':
      return { type: 'null', start, end, value: null };
    case 'array':
      return new List(start, end, (node.children ?? []).map((c) => fromJsonNode(c, text)));
    default: {
      const e: unknown[] = [];
      const seen = new Map<string, number>();
      for (const p of node.children ?? []) {
        const k = p.children?.[0];
        const v = p.children?.[1];
        if (!k || !v) continue;
        const val: PyKeyValue = v.type === 'string' ? String(v.value) : v.type === 'boolean' ? Boolean(v.value) : v.type === 'null' ? null : (fromJsonNode(v, text) as PyNum | PyList | PyDict);
        const name = String(k.value);
        let at = seen.get(name);
        if (at === undefined) {
          at = e.length / ENTRY;
          seen.set(name, at);
        }
        const j = at * ENTRY;
        e[j] = name;
        e[j + 1] = val;
        e[j + 2] = spans(start, k.offset, k.offset + k.length, v.offset, v.offset + v.length);
      }
      const dict: PyDict = new Dict(start, end, e);
      if (e.length > SMALL_DICT * ENTRY) dict.index = seen;
      return dict;
    }
  }
}

/** The plain JavaScript value (dicts as objects, numbers as numbers): for tests and for host matching. */
export function plain(v: PyValue): unknown {
  switch (v.type) {
    case 'array':
      return v.items.map(plain);
    case 'object':
      return Object.fromEntries(keysOf(v).map((k) => [k.name, plain(valueOf(k))]));
    default:
      return v.value;
  }
}
