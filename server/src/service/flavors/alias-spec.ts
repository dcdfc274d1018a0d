/**
 * The `pci_passthrough:alias` flavor extra spec, read two ways:
 *
 * - as nova-api checks it (nova/api/validation/extra_specs/pci_passthrough.py): a
 *   Python full match of `[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*`, with `\d` and `\s` in
 *   their Unicode sense. We check the same language part by part (split on `:`),
 *   which also tells where a value first goes wrong.
 * - as the boot path uses it (nova/pci/request.py `_translate_alias_to_requests`):
 *   split on `,`, each piece split on `:` into exactly a name and a count, the name
 *   stripped, the count read with int().
 */
import { pyIsSpace } from '../python/whitespace';
import { lazyRegExp } from '../lazy-regexp';

const DIGIT = lazyRegExp(() => /^\p{Nd}$/u);
const isDigitAt = (s: string, i: number): boolean => {
  const cp = s.codePointAt(i);
  return cp !== undefined && DIGIT.test(String.fromCodePoint(cp));
};
const cpLen = (s: string, i: number): number => ((s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

export interface AliasSyntaxError {
  /** Value offsets of the offending text (may be empty at a position). */
  start: number;
  end: number;
  message: string;
}

/** Reads digits from i; returns the offset after them. */
function digitsEnd(s: string, i: number, end: number): number {
  let j = i;
  while (j < end && isDigitAt(s, j)) j += cpLen(s, j);
  return j;
}

/**
 * nova-api's verdict on the value: undefined when it matches, else where and why not.
 * Equivalent to the full match above: splitting on `:`, the first part is a non-empty
 * name, every middle part is `<digits><spaces>,<anything non-empty>` and the last part is
 * `<digits>`.
 */
export function checkAliasSpecSyntax(value: string): AliasSyntaxError | undefined {
  if (value.length === 0) return { start: 0, end: 0, message: 'empty value: nova-api expects `name:count`, for example `gpu:1`' };
  const colons: number[] = [];
  for (let i = 0; i < value.length; i++) if (value[i] === ':') colons.push(i);
  if (colons.length === 0) return { start: 0, end: value.length, message: `'${value}' has no count: nova-api expects \`name:count\`, for example \`${value.trim() || 'gpu'}:1\`` };
  if (colons[0] === 0) return { start: 0, end: 1, message: "missing alias name before ':'" };
  for (let k = 0; k < colons.length; k++) {
    const start = colons[k] + 1;
    const end = k + 1 < colons.length ? colons[k + 1] : value.length;
    const last = k + 1 === colons.length;
    const d = digitsEnd(value, start, end);
    if (d === start) {
      if (start < end && pyIsSpace(value.charCodeAt(start))) return { start: colons[k], end: start + 1, message: "no space is allowed after ':' (nova-api refuses `name: 1`; write `name:1`)" };
      const bad = value.slice(start, last ? end : nextComma(value, start, end));
      return { start, end: start + Math.max(bad.length, 0), message: bad ? `'${bad}' is not a count: after ':' nova-api expects a whole number such as 1` : "missing count after ':'" };
    }
    if (last) {
      if (d < end) {
        const rest = value.slice(d, end);
        if (rest.trim() === '') return { start: d, end, message: 'no trailing space is allowed after the last count' };
        if (/^\s*,\s*$/u.test(rest)) return { start: d, end, message: "nothing follows the last ','" };
        const m = /^\s*,\s*/u.exec(rest);
        if (m) return { start: d + m[0].length, end, message: `'${rest.slice(m[0].length)}' has no count: every item is \`name:count\`` };
        return { start: d, end, message: `'${rest}' after the count: nova-api expects \`name:count\` items separated by ','` };
      }
      return undefined;
    }
    // a middle part: <digits><spaces>,<name>
    let j = d;
    while (j < end && pyIsSpace(value.charCodeAt(j))) j++;
    if (j >= end || value[j] !== ',') {
      return { start: d, end: j < end ? j + 1 : end, message: `expected ',' after the count ${value.slice(start, d)}: items are \`name:count\` separated by ','` };
    }
    if (j + 1 >= end) return { start: j, end: end + 1, message: "missing alias name between ',' and ':'" };
  }
  return undefined;
}

function nextComma(s: string, from: number, end: number): number {
  const c = s.indexOf(',', from);
  return c < 0 || c > end ? end : c;
}

export interface AliasRequest {
  /** The stripped name, as Nova looks it up. */
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The count text as written (not stripped) and its offsets. */
  countText: string;
  countStart: number;
  countEnd: number;
  /** int(count), or undefined when Python would raise ValueError. */
  count?: number;
}

export interface AliasRuntime {
  requests: AliasRequest[];
  /** Set when the split itself raises ValueError (a piece without exactly one ':'). */
  splitError?: { start: number; end: number; piece: string };
}

/** The boot path's reading of the value (every piece is split before any name is looked up). */
export function splitAliasSpec(value: string): AliasRuntime {
  const requests: AliasRequest[] = [];
  let splitError: AliasRuntime['splitError'];
  let pos = 0;
  for (const piece of value.split(',')) {
    const start = pos;
    pos += piece.length + 1;
    const parts = piece.split(':');
    if (parts.length !== 2) {
      splitError ??= { start, end: start + piece.length, piece };
      continue;
    }
    let ns = start;
    let ne = start + parts[0].length;
    while (ns < ne && pyIsSpace(value.charCodeAt(ns))) ns++;
    while (ne > ns && pyIsSpace(value.charCodeAt(ne - 1))) ne--;
    const countStart = start + parts[0].length + 1;
    requests.push({
      name: value.slice(ns, ne),
      nameStart: ns,
      nameEnd: ne,
      countText: parts[1],
      countStart,
      countEnd: countStart + parts[1].length,
      count: pyInt(parts[1]),
    });
  }
  return { requests, splitError };
}

/** Python int(s) for base 10: surrounding whitespace, a sign, Unicode digits, single `_` between digits. */
export function pyInt(input: string): number | undefined {
  let a = 0;
  let b = input.length;
  while (a < b && pyIsSpace(input.charCodeAt(a))) a++;
  while (b > a && pyIsSpace(input.charCodeAt(b - 1))) b--;
  let i = a;
  let neg = false;
  if (input[i] === '+' || input[i] === '-') {
    neg = input[i] === '-';
    i++;
  }
  if (i >= b) return undefined;
  let n = 0;
  let prevUnderscore = true;
  while (i < b) {
    if (input[i] === '_') {
      if (prevUnderscore) return undefined;
      prevUnderscore = true;
      i++;
      continue;
    }
    if (!isDigitAt(input, i)) return undefined;
    n = n * 10 + digitValue(input.codePointAt(i) ?? 0);
    prevUnderscore = false;
    i += cpLen(input, i);
  }
  if (prevUnderscore) return undefined;
  return neg ? -n : n;
}

// Unicode decimal digits come in runs of ten consecutive code points, 0 to 9.
function digitValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let start = cp;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}
