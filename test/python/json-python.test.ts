/** device_spec/alias JSON is judged like Python's json.loads (verdicts recorded from Python 3.11). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePythonJson } from '../../server/src/service/python/json';
import { fastParse } from '../../server/src/service/python/fastjson';
import { ROOT } from '../helpers';

const { cases } = JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'python-json-verdicts.json'), 'utf8')) as { cases: [string, boolean][] };

test(`${cases.length} inputs: accepted exactly when Python's json.loads accepts them`, () => {
  const wrong = cases.filter(([s, ok]) => (parsePythonJson(s).errors.length === 0) !== ok).map(([s, ok]) => `${JSON.stringify(s)}: Python ${ok ? 'accepts' : 'refuses'}`);
  assert.deepEqual(wrong, []);
});

test('the fast reader and the tolerant parser build the same tree for valid input', () => {
  const strip = (n: unknown): unknown => JSON.parse(JSON.stringify(n, (k, v) => (k === 'parent' || k === 'colonOffset' ? undefined : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
  for (const [s, ok] of cases) {
    if (!ok || /NaN|Infinity/.test(s)) continue;
    const fast = fastParse(s);
    assert.ok(fast, s);
    // The tolerant parser is reached by making the fast path fail: compare against a forced fallback.
    const viaJsonc = parsePythonJson(s + ' ');
    assert.deepEqual(strip(fast), strip(viaJsonc.root), s);
  }
});

test('NaN, Infinity and -Infinity are accepted; -NaN and NaN1 are not', () => {
  for (const s of ['NaN', 'Infinity', '-Infinity', '{"a": [NaN, -Infinity]}']) assert.equal(parsePythonJson(s).errors.length, 0, s);
  for (const s of ['-NaN', 'NaN1', '1NaN', 'Infinityx']) assert.ok(parsePythonJson(s).errors.length > 0, s);
});

test('deep nesting is refused like Python (RecursionError) without overflowing the stack', () => {
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  const r = parsePythonJson(deep);
  assert.ok(r.errors.length > 0);
  assert.match(r.errors[0].message, /nested more than/);
  assert.equal(parsePythonJson('['.repeat(50) + ']'.repeat(50)).errors.length, 0);
});
