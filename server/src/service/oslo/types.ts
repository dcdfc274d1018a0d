/**
 * How oslo.config 9.x turns an option's text into a value (oslo_config/types.py):
 * booleans, integers, floats, ports, strings (choices, regex, max_length), lists,
 * dicts, URIs (rfc3986 1.5 validation), IP addresses, host names, host addresses,
 * host domains and ranges. Each check returns why oslo.config refuses the text,
 * or undefined when it accepts it. Pure: no I/O, the value is already substituted.
 */
import { codePointLength, pyStrip } from '../python/whitespace';
import { lazyRegExp } from '../lazy-regexp';

/** The facts of an option type, as in the option catalogue. */
export interface OsloTypeSpec {
  t: string;
  it?: string;
  ch?: (string | number | null)[];
  min?: number;
  max?: number;
  re?: string;
  ml?: number;
  ic?: boolean;
  ich?: string[];
  imin?: number;
  imax?: number;
  /** URI schemes the option allows (empty/undefined: any). */
  sch?: string[];
}

/** A refusal: `reason` is a sentence fragment ("… is not a whole number"). */
export interface OsloRefusal {
  reason: string;
  /** Values the user could write instead (choices), when there is a short list. */
  choices?: string[];
}

const q = (s: string): string => JSON.stringify(s);

// ---------------------------------------------------------------- numbers

const UNICODE_DIGIT = lazyRegExp(() => /^\p{Nd}$/u);
function isUnicodeDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return ch.length === 1 && c >= 48 && c <= 57; // ASCII without the Unicode regex
  return UNICODE_DIGIT.test(ch);
}

function digitValue(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let start = cp;
  while (start > 0 && isUnicodeDigit(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Decimal digits with single `_` between them (Python's int()/float() literal rule); returns ASCII digits or undefined. */
function digitRun(chars: string[]): string | undefined {
  if (chars.length === 0) return undefined;
  let out = '';
  let prevUnderscore = true;
  for (const ch of chars) {
    if (ch === '_') {
      if (prevUnderscore) return undefined;
      prevUnderscore = true;
      continue;
    }
    if (!isUnicodeDigit(ch)) return undefined;
    out += String(digitValue(ch));
    prevUnderscore = false;
  }
  return prevUnderscore ? undefined : out;
}

/** Python's int(s) in base 10, or undefined when it raises ValueError. */
export function pyInt(s: string): bigint | undefined {
  const chars = Array.from(pyStrip(s));
  let i = 0;
  let neg = false;
  if (chars[0] === '+' || chars[0] === '-') {
    neg = chars[0] === '-';
    i = 1;
  }
  const digits = digitRun(chars.slice(i));
  if (digits === undefined) return undefined;
  const v = BigInt(digits);
  return neg ? -v : v;
}

/** Python's float(s), or undefined when it raises ValueError. */
export function pyFloat(s: string): number | undefined {
  const t = pyStrip(s);
  const m = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (m) return m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
  const chars = Array.from(t);
  let i = 0;
  let sign = '';
  if (chars[0] === '+' || chars[0] === '-') {
    sign = chars[0];
    i = 1;
  }
  const rest = chars.slice(i);
  const e = rest.findIndex((c) => c === 'e' || c === 'E');
  const mant = e >= 0 ? rest.slice(0, e) : rest;
  const exp = e >= 0 ? rest.slice(e + 1) : undefined;
  const dot = mant.indexOf('.');
  const intPart = dot >= 0 ? mant.slice(0, dot) : mant;
  const fracPart = dot >= 0 ? mant.slice(dot + 1) : [];
  const ip = intPart.length ? digitRun(intPart) : '';
  const fp = fracPart.length ? digitRun(fracPart) : '';
  if (ip === undefined || fp === undefined || (ip === '' && fp === '')) return undefined;
  let ex = '';
  if (exp !== undefined) {
    let j = 0;
    let es = '';
    if (exp[0] === '+' || exp[0] === '-') {
      es = exp[0];
      j = 1;
    }
    const d = digitRun(exp.slice(j));
    if (d === undefined) return undefined;
    ex = `e${es}${d}`;
  }
  return Number(`${sign}${ip || '0'}.${fp || '0'}${ex}`);
}

function fmt(n: number): string {
  return String(n);
}

function checkInteger(v: string, spec: { min?: number; max?: number; ch?: (string | number | null)[] }): OsloRefusal | undefined {
  if (pyStrip(v) === '') return undefined; // oslo.config: an empty number means "not set"
  const n = pyInt(v);
  if (n === undefined) return { reason: `${q(v)} is not a whole number` };
  const choices = (spec.ch ?? []).filter((c): c is number | string => c !== null).map((c) => Number(c));
  if (spec.ch && spec.ch.length) {
    if (!choices.some((c) => Number.isInteger(c) && BigInt(c) === n)) return { reason: `${n} is not one of ${choices.join(', ')}`, choices: choices.map(String) };
    return undefined;
  }
  if (spec.min !== undefined && n < BigInt(Math.ceil(spec.min))) return { reason: `${n} is below the minimum ${fmt(spec.min)}` };
  if (spec.max !== undefined && n > BigInt(Math.floor(spec.max))) return { reason: `${n} is above the maximum ${fmt(spec.max)}` };
  return undefined;
}

function checkFloat(v: string, spec: { min?: number; max?: number }): OsloRefusal | undefined {
  if (pyStrip(v) === '') return undefined;
  const n = pyFloat(v);
  if (n === undefined) return { reason: `${q(v)} is not a number` };
  if (spec.min !== undefined && n < spec.min) return { reason: `${pyStrip(v)} is below the minimum ${fmt(spec.min)}` };
  if (spec.max !== undefined && n > spec.max) return { reason: `${pyStrip(v)} is above the maximum ${fmt(spec.max)}` };
  return undefined;
}

// ---------------------------------------------------------------- booleans

const TRUE = ['true', '1', 'on', 'yes'];
const FALSE = ['false', '0', 'off', 'no'];

function checkBoolean(v: string): OsloRefusal | undefined {
  const s = v.toLowerCase();
  if (TRUE.includes(s) || FALSE.includes(s)) return undefined;
  const hint = pyStrip(v) !== v && [...TRUE, ...FALSE].includes(pyStrip(v).toLowerCase()) ? ' (oslo.config does not strip spaces here)' : '';
  return { reason: `${q(v)} is not a boolean: use true/false, yes/no, on/off or 1/0${hint}`, choices: ['true', 'false'] };
}

// ---------------------------------------------------------------- strings

const regexCache = new Map<string, RegExp | null>();

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * The few Python regexes oslo options use, in JavaScript: `\w`/`\d` are Unicode
 * in Python, `.` excludes only `\n`, `$` also matches before a final `\n`.
 * Returns null for a pattern this translation does not cover.
 * `ascii`: the expression is only used on ASCII text, where `\w`/`\d` are `[A-Za-z0-9_]`/`[0-9]`: it then
 * compiles without V8 building the Unicode sets of `\p{L}\p{N}` (ICU; ~1.5 ms in every CLI run that checks
 * an option with such a pattern, docs/performance.md "Round 5").
 */
export function pythonRegex(pattern: string, ignoreCase: boolean, ascii = false): RegExp | null {
  const key = `${ignoreCase ? 'i' : '-'}${ascii ? 'a' : '-'}${pattern}`;
  const hit = regexCache.get(key);
  if (hit !== undefined) return hit;
  let out = '';
  let inClass = false;
  let ok = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      i++;
      if (n === 'w') out += ascii ? (inClass ? 'A-Za-z0-9_' : '[A-Za-z0-9_]') : inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]';
      else if (n === 'd') out += ascii ? (inClass ? '0-9' : '[0-9]') : '\\p{Nd}';
      else if (n === 's') out += '\\s';
      else if (n !== undefined && /[.\\\-[\]{}()*+?^$|/]/.test(n)) out += `\\${n}`;
      else ok = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    if (c === '.') out += '[^\\n]';
    else if (c === '$') out += '(?=\\n?$)';
    else out += c;
  }
  let re: RegExp | null = null;
  if (ok) {
    try {
      re = new RegExp(out, ignoreCase ? 'iu' : 'u');
    } catch {
      re = null;
    }
  }
  regexCache.set(key, re);
  return re;
}

function checkString(v: string, spec: { ch?: (string | number | null)[]; re?: string; ml?: number; ic?: boolean }): OsloRefusal | undefined {
  if (spec.ml && spec.ml > 0 && codePointLength(v) > spec.ml) return { reason: `${q(v)} is longer than ${spec.ml} characters` };
  if (spec.re) {
    const re = pythonRegex(spec.re, Boolean(spec.ic), isAscii(v));
    if (re && !re.test(v)) return { reason: `${q(v)} does not have the required form (${spec.re})` };
  }
  if (spec.ch && spec.ch.length) {
    const choices = spec.ch.filter((c): c is string | number => c !== null).map(String);
    const ok = spec.ic ? choices.some((c) => c.toLowerCase() === v.toLowerCase()) : choices.includes(v);
    if (!ok) return { reason: `${q(v)} is not one of ${choices.join(', ')}${spec.ic ? ' (any case)' : ''}`, choices };
  }
  return undefined;
}

// ---------------------------------------------------------------- addresses

const V4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const V4 = new RegExp(`^${V4_OCTET}(?:\\.${V4_OCTET}){3}$`);

/** inet_pton(AF_INET, s) as glibc does it: four decimal octets, no leading zeros. */
export function isIPv4(s: string): boolean {
  return V4.test(s);
}

/** inet_pton(AF_INET6, s) as glibc does it (no zone index). */
export function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const dc = s.indexOf('::');
  if (dc >= 0 && s.indexOf('::', dc + 1) >= 0) return false;
  const head = dc >= 0 ? s.slice(0, dc) : s;
  const tail = dc >= 0 ? s.slice(dc + 2) : '';
  const pieces = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  if (dc < 0 && head === '') return false;
  let groups = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.includes('.')) {
      if (i !== pieces.length - 1 || !s.endsWith(p) || !isIPv4(p)) return false;
      groups += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) groups++;
    else return false;
  }
  return dc >= 0 ? groups <= 7 : groups === 8;
}

function checkIP(v: string): OsloRefusal | undefined {
  if (v === '') return { reason: 'an IP address cannot be empty' };
  if (isIPv4(v) || isIPv6(v)) return undefined;
  return { reason: `${q(v)} is not an IPv4 or IPv6 address` };
}

const HOSTNAME_LABEL = /^(?!-)[A-Z0-9-]{1,63}(?<!-)(?=\n?$)/iu;
const DOMAIN_LABEL = /^(?!-)[A-Z0-9_-]{1,63}(?<!-)(?=\n?$)/iu;

function hostnameError(v: string, label: RegExp): string | undefined {
  if (v.length === 0) return 'it is empty';
  if (codePointLength(v) > 253) return 'it is longer than 253 characters';
  const name = v.endsWith('.') ? v.slice(0, -1) : v;
  const parts = name.split('.');
  if (!/[a-zA-Z-]/.test(parts[parts.length - 1])) return 'its last part is all digits';
  const bad = parts.find((p) => !label.test(p));
  if (bad !== undefined) return bad === '' ? 'it has an empty part' : `${q(bad)} is not a valid name part (letters, digits and inner hyphens, at most 63)`;
  return undefined;
}

function checkHostname(v: string): OsloRefusal | undefined {
  const why = hostnameError(v, HOSTNAME_LABEL);
  return why ? { reason: `${q(v)} is not a valid host name: ${why}` } : undefined;
}

function checkHostAddress(v: string, domain: boolean): OsloRefusal | undefined {
  if (v !== '' && (isIPv4(v) || isIPv6(v))) return undefined;
  if (!hostnameError(v, HOSTNAME_LABEL)) return undefined;
  if (domain && !hostnameError(v, DOMAIN_LABEL)) return undefined;
  if (v === '') return { reason: `the value is empty, but a ${domain ? 'host name, domain' : 'host name'} or IP address is required` };
  const spaced = pyStrip(v) !== v ? ' (it has spaces around it)' : '';
  return { reason: `${q(v)} is neither an IP address nor a valid ${domain ? 'host or domain name' : 'host name'}${spaced}` };
}

// ---------------------------------------------------------------- URI (rfc3986 1.5)

const UNRES = "A-Za-z0-9._~\\-";
const SUBD = "!$&'()\\*+,;=";
const PCT = '%[A-Fa-f0-9]{2}';
const REG_NAME = `((?:${PCT}|[${SUBD}${UNRES}])*)`;
const IPV4_RE = '([0-9]{1,3}\\.){3}[0-9]{1,3}';
const HEX = '[0-9A-Fa-f]{1,4}';
const LS32 = `(${HEX}:${HEX}|${IPV4_RE})`;
const IPV6_RE = `((${HEX}:){6}${LS32}|::(${HEX}:){5}${LS32}|(${HEX})?::(${HEX}:){4}${LS32}|((${HEX}:)?${HEX})?::(${HEX}:){3}${LS32}|((${HEX}:){0,2}${HEX})?::(${HEX}:){2}${LS32}|((${HEX}:){0,3}${HEX})?::${HEX}:${LS32}|((${HEX}:){0,4}${HEX})?::${LS32}|((${HEX}:){0,5}${HEX})?::${HEX}|((${HEX}:){0,6}${HEX})?::)`;
const ZONE = `(?:[${UNRES}]|${PCT})+`;
const IPV6_4007 = `${IPV6_RE}(?:(?:%25|%)${ZONE})?`;
const IPV6_NO4007 = `${IPV6_RE}(?:%25${ZONE})?`;
const IPFUTURE = `v[0-9A-Fa-f]+\\.[${UNRES}${SUBD}:]+`;
const HOST_RE = `(${REG_NAME}|${IPV4_RE}|\\[(${IPV6_4007}|${IPFUTURE})\\])`;
const PYEND = '(?=\\n?$)';
const URI_PARTS = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([^\n]*))?/;
const SUBAUTHORITY = new RegExp(`^(?:(^([${UNRES}${SUBD}:]|${PCT})+)@)?(?<host>${HOST_RE}):?([0-9]{1,5})?${PYEND}`);
const IPV4_HOST = new RegExp(`^${IPV4_RE}${PYEND}`);
const IPV6_HOST = new RegExp(`^\\[${IPV6_4007}\\]${PYEND}`);
const IPV6_HOST_NO4007 = new RegExp(`^\\[${IPV6_NO4007}\\]${PYEND}`);
const HOST_MATCH = new RegExp(`^${HOST_RE}${PYEND}`);

/** `host` or `host:port` with unreserved characters only: what SUBAUTHORITY reads as that host, without running it. */
const PLAIN_AUTHORITY = /^([A-Za-z0-9._~-]+)(?::[0-9]{0,5})?$/;
/** A host of unreserved characters only, which HOST_MATCH always accepts (as a reg-name). */
const PLAIN_HOST = /^[A-Za-z0-9._~-]*$/;

function uriHost(authority: string | undefined): string | undefined {
  if (!authority) return undefined;
  // The common case skips the rfc3986 expressions: compiling them costs a few ms in every process.
  const plain = PLAIN_AUTHORITY.exec(authority);
  const m = plain ? { groups: { host: plain[1] } } : SUBAUTHORITY.exec(authority);
  if (!m) return undefined;
  const host = m.groups?.host ?? '';
  if (host && IPV4_HOST.test(host) && !host.split('.').every((b) => Number.parseInt(b, 10) <= 255)) return undefined;
  return host;
}

function checkURI(v: string, spec: { ml?: number; sch?: string[] }): OsloRefusal | undefined {
  const m = URI_PARTS.exec(v);
  const scheme = m?.[1];
  const host = uriHost(m?.[2]);
  const missing = [...(host === undefined ? ['host'] : []), ...(scheme === undefined ? ['scheme'] : [])];
  if (v === '') return { reason: 'the value is empty, but a URI such as http://host:port/path is required' };
  if (missing.length) {
    const authority = m?.[2];
    const why =
      scheme === undefined
        ? 'it has no scheme (such as http://)'
        : authority === undefined || authority === ''
          ? `it has no host after ${scheme}://`
          : `${q(authority)} is not a valid host[:port]`;
    return { reason: `${q(v)} is not a URI oslo.config accepts: ${why}` };
  }
  const h = host ?? '';
  let hostOk = PLAIN_HOST.test(h) || HOST_MATCH.test(h);
  if (hostOk && h.startsWith('[') && IPV6_HOST.test(h)) hostOk = IPV6_HOST_NO4007.test(h);
  if (!hostOk) return { reason: `${q(v)} is not a URI oslo.config accepts: the host ${q(h)} is not valid (write a zone index as %25)` };
  if (/[[\]]/.test(m?.[3] ?? '')) return { reason: `${q(v)} is not a URI oslo.config accepts: "[" and "]" are not allowed in the path` };
  if (spec.sch && spec.sch.length && !spec.sch.includes(scheme ?? '')) {
    return { reason: `${q(v)} uses the scheme ${q(scheme ?? '')}, but this option allows only ${spec.sch.join(', ')} (lower case)`, choices: spec.sch.map((s) => `${s}://`) };
  }
  if (spec.ml !== undefined && spec.ml > 0 && codePointLength(v) > spec.ml) return { reason: `${q(v)} is longer than ${spec.ml} characters` };
  return undefined;
}

// ---------------------------------------------------------------- range

function checkRange(v: string, spec: { min?: number; max?: number }): OsloRefusal | undefined {
  const m = /^(0|-?[1-9][0-9]*)(?:-(0|-?[1-9][0-9]*))?(?=\n?$)/.exec(v);
  if (!m) return { reason: `${q(v)} is not a range such as 1-10` };
  const l = Number(m[1]);
  const r = m[2] === undefined ? l : Number(m[2]);
  const [lo, hi] = l < r ? [l, r] : [r, l];
  if (spec.min !== undefined && lo < spec.min) return { reason: `${lo} is below the minimum ${spec.min}` };
  if (spec.max !== undefined && hi > spec.max) return { reason: `${hi} is above the maximum ${spec.max}` };
  return undefined;
}

// ---------------------------------------------------------------- containers

function itemSpec(spec: OsloTypeSpec): OsloTypeSpec | undefined {
  const t = spec.it ?? 'str';
  if (!KNOWN.has(t)) return undefined;
  return { t, ch: spec.ich, min: spec.imin, max: spec.imax };
}

/** oslo's List: split on commas, re-joining pieces while an item does not parse. */
function checkList(v: string, spec: OsloTypeSpec): OsloRefusal | undefined {
  const item = itemSpec(spec);
  if (!item) return undefined;
  let s = pyStrip(v);
  while (s.endsWith(',')) s = s.slice(0, -1);
  if (s === '') return undefined;
  const values = s.split(',');
  // An index, not values.shift(): shifting a list of 100,000 items one by one is quadratic.
  let next = 0;
  while (next < values.length) {
    let value = values[next++];
    let first: OsloRefusal | undefined;
    for (;;) {
      const err = checkOslo(item, pyStrip(value));
      if (!err) break;
      first ??= err;
      // oslo joins the next piece and retries; for item types no text with a comma can satisfy, that can only
      // fail again, so the answer is already known (and a long list of bad items stays linear).
      if (next >= values.length || COMMA_FREE.has(item.t)) return { reason: `list item ${first.reason}`, choices: first.choices };
      value += ',' + values[next++];
    }
  }
  return undefined;
}

/** Item types whose values never contain a comma (Python's int()/float(), booleans, ports, addresses, ranges). */
const COMMA_FREE = new Set(['int', 'port', 'float', 'bool', 'ip', 'hostname', 'hostaddr', 'hostdomain', 'range']);

/** oslo's Dict: `key:value` pairs separated by commas. */
function checkDict(v: string, spec: OsloTypeSpec): OsloRefusal | undefined {
  const item = itemSpec(spec);
  const s = pyStrip(v);
  if (s === '') return undefined;
  const pairs = s.split(',');
  const keys = new Set<string>();
  let next = 0; // an index, not pairs.shift() (quadratic on long values)
  while (next < pairs.length) {
    let pair = pairs[next++];
    let first: OsloRefusal | undefined;
    let key = '';
    for (;;) {
      const colon = pair.indexOf(':');
      let err: OsloRefusal | undefined;
      if (colon < 0) err = { reason: `${q(pyStrip(pair))} is not a key:value pair (write key:value pairs separated by ",")` };
      else {
        key = pyStrip(pair.slice(0, colon));
        err = item ? checkOslo(item, pyStrip(pair.slice(colon + 1))) : undefined;
      }
      if (!err) break;
      first ??= err;
      if (next >= pairs.length) return first;
      pair += ',' + pairs[next++];
    }
    if (key === '') return { reason: 'a key:value pair has an empty key' };
    if (keys.has(key)) return { reason: `the key ${q(key)} appears twice` };
    keys.add(key);
  }
  return undefined;
}

const KNOWN = new Set(['str', 'multi', 'int', 'port', 'float', 'bool', 'list', 'dict', 'uri', 'ip', 'hostname', 'hostaddr', 'hostdomain', 'range']);

/** Why oslo.config refuses `value` for an option of this type, or undefined when it accepts it. */
export function checkOslo(spec: OsloTypeSpec, value: string): OsloRefusal | undefined {
  switch (spec.t) {
    case 'bool':
      return checkBoolean(value);
    case 'int':
      return checkInteger(value, spec);
    case 'port':
      return checkInteger(value, { ...spec, min: spec.min ?? 0, max: spec.max ?? 65535 });
    case 'float':
      return checkFloat(value, spec);
    case 'str':
    case 'multi':
      return checkString(value, spec);
    case 'list':
      return checkList(value, spec);
    case 'dict':
      return checkDict(value, spec);
    case 'uri':
      return checkURI(value, spec);
    case 'ip':
      return checkIP(value);
    case 'hostname':
      return checkHostname(value);
    case 'hostaddr':
      return checkHostAddress(value, false);
    case 'hostdomain':
      return checkHostAddress(value, true);
    case 'range':
      return checkRange(value, spec);
    default:
      return undefined; // a type this checker does not know: never a false error
  }
}

/**
 * A list or dict written in brackets, `[a, b]` / `{a:1}`: oslo.config has no
 * brackets here, so they become part of the first and last item. Returns the
 * misread first and last items when that is what happens (and the value is accepted).
 */
export function bracketMisread(spec: OsloTypeSpec, value: string): { first: string; last: string } | undefined {
  if (spec.t !== 'list' && spec.t !== 'dict') return undefined;
  const s = pyStrip(value);
  const open = spec.t === 'list' ? '[' : '{';
  const close = spec.t === 'list' ? ']' : '}';
  if (!s.startsWith(open) || !s.replace(/,+$/, '').endsWith(close)) return undefined;
  const parts = s.replace(/,+$/, '').split(',');
  return { first: pyStrip(parts[0]), last: pyStrip(parts[parts.length - 1]) };
}

