/**
 * Nova's CPU set syntax, as nova/virt/hardware.py parse_cpu_spec reads it: comma-separated items, each a CPU
 * number, a range `a-b`, or an exclusion `^n` / `^a-b`; empty items are skipped; numbers are read with
 * Python's int() (surrounding whitespace, a sign, `_` between digits, any Unicode decimal digits).
 */
import { pyStrip } from '../../python/whitespace';

/** Python int(s) for a decimal string, or undefined where int() raises ValueError. */
export function pyDecimalInt(s: string): number | undefined {
  const t = pyStrip(s);
  // ASCII digits after an optional sign (nearly every CPU set): read here, without the Unicode expression below,
  // whose first use compiles its \p{Nd} classes (about a millisecond in a CLI run).
  const sign = t.length > 0 && (t.charCodeAt(0) === 0x2b || t.charCodeAt(0) === 0x2d) ? 1 : 0;
  if (t.length > sign) {
    let n = 0;
    let i = sign;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
    }
    if (i === t.length) return sign === 1 && t.charCodeAt(0) === 0x2d ? -n : n;
  }
  const m = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(t);
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[2]) {
    if (ch === '_') continue;
    const d = digitValue(ch);
    if (d === undefined) return undefined;
    n = n * 10 + d;
  }
  return m[1] === '-' ? -n : n;
}

/** The value of a Unicode decimal digit: digits come in runs of ten from 0 (some runs adjoin, e.g. mathematical digits). */
function digitValue(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  // ASCII digits (nearly every CPU set) without the search below, which tests a regular expression per step.
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let k = 0;
  while (k < 60 && /\p{Nd}/u.test(String.fromCodePoint(cp - k - 1))) k++;
  return k % 10;
}

export type CpuSpecResult = { ok: true; cpus: Set<number>; huge: boolean } | { ok: false; item: string; kind: 'range' | 'exclusion' | 'inclusion' };

/** parse_cpu_spec: the CPU set, or the first item Nova refuses (and which of its messages it gives). */
export function parseCpuSpec(spec: string): CpuSpecResult {
  const cpus = new Set<number>();
  const reject = new Set<number>();
  let huge = false;
  for (const raw of spec.split(',')) {
    const rule = pyStrip(raw);
    if (rule.length < 1) continue;
    const dash = rule.indexOf('-');
    if (dash >= 0) {
      let first = rule.slice(0, dash);
      const excluded = first.startsWith('^');
      if (excluded) first = first.slice(1);
      const start = pyDecimalInt(first);
      const end = pyDecimalInt(rule.slice(dash + 1));
      if (start === undefined || end === undefined || start > end) return { ok: false, item: rule, kind: 'range' };
      // Nova builds the range whatever its size; we stop enumerating far beyond any host (and skip set comparisons).
      if (end - start > 100_000) huge = true;
      else for (let i = start; i <= end; i++) (excluded ? reject : cpus).add(i);
    } else if (rule.startsWith('^')) {
      const n = pyDecimalInt(rule.slice(1));
      if (n === undefined) return { ok: false, item: rule, kind: 'exclusion' };
      reject.add(n);
    } else {
      const n = pyDecimalInt(rule);
      if (n === undefined) return { ok: false, item: rule, kind: 'inclusion' };
      cpus.add(n);
    }
  }
  for (const r of reject) cpus.delete(r);
  return { ok: true, cpus, huge };
}
