/**
 * JSON values as Python's `json.loads` returns them (str, int/float, bool, None, list, dict), each with its span in
 * the option value, and the Python facts Nova's checks depend on: truthiness, `str()`, `int(x, 16)`, oslo's strict
 * booleans. This is the compact storage of the typed PCI model (model/pci.ts): one small object per value and one per
 * dict key, no parent links, no property or key nodes; positions become document spans only when a rule reports.
 *
 * readPyValue() is a strict, non-recursive reader for the values Python accepts (NaN, Infinity and -Infinity
 * included); it returns undefined at the first deviation, and the caller asks python/json.ts (jsonc-parser's tolerant
 * tree) to describe the error. fromJsonNode() converts such a tree when it is valid, so both paths give one model.
 */
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
  keys: PyKey[];
  /** Name -> index in `keys`, only for dicts with many keys (small ones are scanned). */
  index?: Map<string, number>;
}
export interface PyKey extends At {
  /** The key as Python sees it (escapes decoded). Its span is the quoted key in the source. */
  name: string;
  value: PyValue;
}
export type PyValue = PyStr | PyNum | PyBool | PyNone | PyList | PyDict;

/** The key of a dict, or undefined. */
export function keyOf(dict: PyDict, name: string): PyKey | undefined {
  if (dict.index) {
    const i = dict.index.get(name);
    return i === undefined ? undefined : dict.keys[i];
  }
  for (const k of dict.keys) if (k.name === name) return k;
  return undefined;
}

/** `dict.get(name)`. */
export function getValue(dict: PyDict, name: string): PyValue | undefined {
  return keyOf(dict, name)?.value;
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
      return v.keys.length > 0;
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
      return `{${v.keys.map((k) => `${strRepr(k.name)}: ${pyRepr(k.value)}`).join(', ')}}`;
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

/** A string slice that needs the careful reader: an escape, or a control character Python refuses. */
// eslint-disable-next-line no-control-regex
const SLOW_STRING = /[\u0000-\u001f\\]/;
const WS = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Dicts up to this many keys are searched linearly; bigger ones get an index. */
const SMALL_DICT = 8;

interface Frame {
  node: PyList | PyDict;
  /** For dicts: the key waiting for its value (name and span). */
  key: string;
  keyStart: number;
  keyEnd: number;
}

/** The value Python's json.loads returns for `text`, or undefined when it raises (or the input is deeper than Nova can go). */
export function readPyValue(text: string): PyValue | undefined {
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n && WS(text.charCodeAt(i))) i++;
  };

  /** Reads a string at i (which is at its opening quote); undefined when Python would refuse it. */
  const readString = (): string | undefined => {
    const start = i;
    // Most strings have no escape and no control character: find the closing quote natively and check the slice.
    const close = text.indexOf('"', i + 1);
    if (close > 0) {
      const raw = text.slice(i + 1, close);
      if (!SLOW_STRING.test(raw)) {
        i = close + 1;
        return raw;
      }
    }
    i++;
    let escaped = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) return undefined;
      if (c === 92) {
        escaped = true;
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          for (let k = i + 2; k < i + 6; k++) {
            const h = text.charCodeAt(k);
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
    if (i >= n) return undefined;
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };

  const readScalar = (): PyValue | undefined => {
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 34) {
      const value = readString();
      return value === undefined ? undefined : { type: 'string', start, end: i, value };
    }
    if (c === 116 && text.startsWith('true', i)) return (i += 4), { type: 'boolean', start, end: i, value: true };
    if (c === 102 && text.startsWith('false', i)) return (i += 5), { type: 'boolean', start, end: i, value: false };
    if (c === 110 && text.startsWith('null', i)) return (i += 4), { type: 'null', start, end: i, value: null };
    for (const [word, value] of CONSTANTS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { type: 'number', start, end: i, value, raw: word };
      }
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    return { type: 'number', start, end: i, value: Number(m[0]), raw: m[0] };
  };

  const stack: Frame[] = [];
  let root: PyValue | undefined;

  const readKey = (frame: Frame): boolean => {
    if (text.charCodeAt(i) !== 34) return false;
    const start = i;
    const name = readString();
    if (name === undefined) return false;
    frame.key = name;
    frame.keyStart = start;
    frame.keyEnd = i;
    skip();
    if (text.charCodeAt(i) !== 58 /* : */) return false;
    i++;
    skip();
    return true;
  };

  /** Puts a finished value into its container (or makes it the result). */
  const attach = (v: PyValue): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = v;
      return;
    }
    if (top.node.type === 'array') {
      top.node.items.push(v);
      return;
    }
    const dict = top.node;
    const name = top.key;
    const key: PyKey = { name, start: top.keyStart, end: top.keyEnd, value: v };
    let at = -1;
    if (dict.index) at = dict.index.get(name) ?? -1;
    else for (let j = 0; j < dict.keys.length; j++) if (dict.keys[j].name === name) at = j;
    if (at >= 0) {
      dict.keys[at] = key; // Python: the last value wins, the first position stays
      return;
    }
    dict.keys.push(key);
    if (dict.index) dict.index.set(name, dict.keys.length - 1);
    else if (dict.keys.length > SMALL_DICT) dict.index = new Map(dict.keys.map((x, j) => [x.name, j]));
  };

  skip();
  for (;;) {
    if (i >= n) return undefined;
    const c = text.charCodeAt(i);
    let value: PyValue | undefined;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const node: PyList | PyDict = c === 123 ? { type: 'object', start: i, end: i, keys: [] } : { type: 'array', start: i, end: i, items: [] };
      i++;
      skip();
      if (stack.length >= MAX_JSON_DEPTH) return undefined;
      const frame: Frame = { node, key: '', keyStart: 0, keyEnd: 0 };
      const close = c === 123 ? 125 : 93;
      if (text.charCodeAt(i) === close) {
        i++;
        node.end = i;
        value = node;
      } else {
        stack.push(frame);
        if (c === 123 && !readKey(frame)) return undefined;
        continue;
      }
    } else {
      value = readScalar();
      if (!value) return undefined;
    }
    attach(value);
    // Close containers and read separators until the next value starts.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (!top) return i === n ? root : undefined;
      const d = text.charCodeAt(i);
      if (d === 44 /* , */) {
        i++;
        skip();
        if (top.node.type === 'object' && !readKey(top)) return undefined;
        break;
      }
      if (d !== (top.node.type === 'object' ? 125 : 93)) return undefined;
      i++;
      stack.pop();
      top.node.end = i;
      attach(top.node);
    }
  }
}

const CONSTANTS: [string, number][] = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];

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
      return { type: 'array', start, end, items: (node.children ?? []).map((c) => fromJsonNode(c, text)) };
    default: {
      const dict: PyDict = { type: 'object', start, end, keys: [] };
      const seen = new Map<string, number>();
      for (const p of node.children ?? []) {
        const k = p.children?.[0];
        const v = p.children?.[1];
        if (!k || !v) continue;
        const key: PyKey = { name: String(k.value), start: k.offset, end: k.offset + k.length, value: fromJsonNode(v, text) };
        const at = seen.get(key.name);
        if (at === undefined) {
          seen.set(key.name, dict.keys.length);
          dict.keys.push(key);
        } else dict.keys[at] = key;
      }
      if (dict.keys.length > SMALL_DICT) dict.index = seen;
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
      return Object.fromEntries(v.keys.map((k) => [k.name, plain(k.value)]));
    default:
      return v.value;
  }
}
