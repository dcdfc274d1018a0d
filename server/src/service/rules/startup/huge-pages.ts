/**
 * `[DEFAULT] reserved_huge_pages` as the libvirt driver reads it when it is built (LibvirtDriver.__init__ calls
 * nova/virt/hardware.py numa_get_reserved_huge_pages, the same code in every release 2022.2 → master):
 * every item is an oslo.config Dict of strings; Nova needs its `node`, `size` and `count` keys, reads `node` and
 * `count` with int() and `size` with int() or, failing that, oslo.utils strutils.string_to_bytes (IEC units, the
 * result in KiB). Any failure raises InvalidReservedMemoryPagesOption and nova-compute does not start.
 */
import { pyStrip } from '../../python/whitespace';
import { pyDecimalInt } from './cpu-spec';
import { lazyRegExp } from '../../lazy-regexp';

/**
 * oslo.config types.Dict() with String values: pairs split on ",", each on its first ":" (a piece without ":" is
 * joined to the next one), keys and values stripped. Undefined where oslo refuses the value (another rule,
 * invalid-value, reports that).
 */
export function osloStringDict(value: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const s = pyStrip(value);
  if (s === '') return out;
  const pairs = s.split(',');
  while (pairs.length) {
    let pair = pairs.shift()!;
    while (!pair.includes(':')) {
      if (!pairs.length) return undefined;
      pair += ',' + pairs.shift()!;
    }
    const colon = pair.indexOf(':');
    const key = pyStrip(pair.slice(0, colon));
    if (key === '' || out.has(key)) return undefined;
    out.set(key, pyStrip(pair.slice(colon + 1)));
  }
  return out;
}

// oslo.utils strutils.UNIT_SYSTEM_INFO['IEC'] and UNIT_PREFIX_EXPONENT (facts: unit letters, powers of 1024).
const IEC = lazyRegExp(() => /^([-+]?\p{Nd}*\.?\p{Nd}+)([KMGT]i?)?(b|bit|B)$/u);
const EXPONENT: Record<string, number> = { K: 1, M: 2, G: 3, T: 4 };

/** Python float() of the digits the IEC pattern accepted (any Unicode decimal digits). */
function decimalDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (ch) => {
    let cp = ch.codePointAt(0)!;
    let k = 0;
    while (k < 60 && /\p{Nd}/u.test(String.fromCodePoint(cp - 1))) { cp--; k++; }
    return String(k % 10);
  });
}

/** string_to_bytes(text, 'IEC', return_int=True): bytes, or undefined where it raises ValueError. */
export function stringToBytes(text: string): number | undefined {
  const m = IEC.exec(text);
  if (!m) return undefined;
  let magnitude = Number(decimalDigits(m[1]));
  if (m[3] !== 'B') magnitude /= 8;
  const res = m[2] ? magnitude * 1024 ** EXPONENT[m[2][0]] : magnitude;
  return Math.ceil(res);
}

export type HugePagesItem =
  | { ok: true; node: number; sizeKb: number; count: number }
  | { ok: false; reason: string; size?: string };

/** One reserved_huge_pages item (already accepted by oslo as a Dict): Nova's reading of it, or why it raises. */
export function readHugePagesItem(dict: Map<string, string>): HugePagesItem {
  const size = dict.get('size');
  if (size === undefined) return { ok: false, reason: 'has no "size" key' };
  let sizeKb = pyDecimalInt(size);
  if (sizeKb === undefined) {
    const bytes = stringToBytes(size);
    if (bytes === undefined) return { ok: false, reason: `has size "${size}", which is neither a number of KiB nor a size with an IEC unit such as 2MB or 1GiB`, size };
    sizeKb = bytes / 1024;
  }
  const node = dict.get('node');
  if (node === undefined) return { ok: false, reason: 'has no "node" key' };
  const nodeN = pyDecimalInt(node);
  if (nodeN === undefined) return { ok: false, reason: `has node "${node}", which is not a whole number` };
  const count = dict.get('count');
  if (count === undefined) return { ok: false, reason: 'has no "count" key' };
  const countN = pyDecimalInt(count);
  if (countN === undefined) return { ok: false, reason: `has count "${count}", which is not a whole number` };
  return { ok: true, node: nodeN, sizeKb, count: countN };
}
