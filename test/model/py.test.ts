/**
 * The typed PCI model's values (model/py.ts): what Python's json.loads returns and the facts Nova's checks read.
 * Expected strings were recorded from CPython 3.11 (`str(json.loads(s))`, `bool(json.loads(s))`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { type PyDict, type PyValue, floatRepr, fromJsonNode, getValue, hexInt, keyOf, plain, pyStr, pyType, readPyValue, strictBoolOf, truthy, valueOf, keyKind, keyStr, keyStrictBool, keyTruthy, keysOf, dictSize, nameAt, valAt, valStr, valTruthy, valStrictBool } from '../../server/src/service/model/py';
import { parsePythonJson } from '../../server/src/service/python/json';
import { ROOT } from '../helpers';

const { cases } = JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'python-json-verdicts.json'), 'utf8')) as { cases: [string, boolean][] };

test(`${cases.length} recorded inputs: the model reader accepts exactly what Python's json.loads accepts`, () => {
  const wrong = cases.filter(([s, ok]) => (readPyValue(s) !== undefined) !== ok).map(([s, ok]) => `${JSON.stringify(s)}: Python ${ok ? 'accepts' : 'refuses'}`);
  assert.deepEqual(wrong, []);
});

/**
 * A plain-object projection of a model value: what readers can see (kind, spans, values, keys in order), whether
 * the objects hold it as own fields, on a prototype or behind a getter (Round 8 measured such representations).
 */
function project(v: PyValue): unknown {
  const at = { type: v.type, start: v.start, end: v.end };
  switch (v.type) {
    case 'array':
      return { ...at, items: v.items.map(project) };
    case 'object':
      return { ...at, keys: keysOf(v).map((k) => ({ name: k.name, start: k.start, end: k.end, value: project(valueOf(k)) })) };
    case 'number':
      return { ...at, value: Number.isFinite(v.value) ? v.value : String(v.value), raw: v.raw };
    default:
      return { ...at, value: v.value };
  }
}

test('the fast reader and the tolerant tree give the same model (values, spans, key order)', () => {
  for (const [s, ok] of cases) {
    if (!ok || /NaN|Infinity/.test(s)) continue;
    const fast = readPyValue(s);
    const tree = parseTree(s);
    assert.ok(fast && tree, s);
    assert.deepEqual(project(fast), project(fromJsonNode(tree, s)), s);
  }
});

test('every string and key span is its quoted source text, with and without escapes', () => {
  const spans = (v: PyValue, s: string): void => {
    if (v.type === 'string') assert.equal(JSON.parse(s.slice(v.start, v.end)), v.value, s);
    if (v.type === 'array') for (const x of v.items) spans(x, s);
    if (v.type === 'object') {
      for (const k of keysOf(v)) {
        assert.equal(JSON.parse(s.slice(k.start, k.end)), k.name, s);
        spans(valueOf(k), s);
      }
    }
  };
  const own = ['{"a\\u0062": "x", "c": "\\n\\u00e9", "\\"": ["\\/", "é"], "é": {"\\t": ""}}', '"\\ud83d\\ude00x"', '{"ab": "😀"}'];
  let n = 0;
  for (const s of [...own, ...cases.filter(([, ok]) => ok).map(([t]) => t)]) {
    const fast = readPyValue(s);
    if (!fast) continue;
    spans(fast, s);
    const tree = parseTree(s);
    if (tree && !/NaN|Infinity/.test(s)) spans(fromJsonNode(tree, s), s);
    n++;
  }
  assert.ok(n > own.length, 'the recorded inputs were read');
});

test('key and value spans of any length and at any offset (long keys and values, entries past 4 M characters)', () => {
  const s = `[${JSON.stringify('x'.repeat((1 << 22) + 3))}, {"${'k'.repeat(600)}": "${'v'.repeat(700)}", "a": [1, 2], "b": "c", "${'é'.repeat(511)}": {"d": true}}]`;
  const fast = readPyValue(s);
  const tree = parseTree(s);
  assert.ok(fast?.type === 'array' && tree);
  assert.deepEqual(project(fast), project(fromJsonNode(tree, s)));
  const d = fast.items[1];
  assert.ok(d.type === 'object');
  const keys = keysOf(d);
  assert.deepEqual(keys.map((k) => k.name), ['k'.repeat(600), 'a', 'b', 'é'.repeat(511)]);
  for (const k of keys) {
    assert.equal(JSON.parse(s.slice(k.start, k.end)), k.name);
    const v = valueOf(k);
    assert.deepEqual([k.vs, k.ve], [v.start, v.end]);
    assert.deepEqual(JSON.parse(s.slice(k.vs, k.ve)), plain(v));
  }
  assert.equal(keys[0].start, (1 << 22) + 9, 'the first key starts after the 4 M-character string');
});

function str(s: string): string {
  const v = readPyValue(s);
  assert.ok(v, s);
  return pyStr(v);
}

test('str() of numbers as Python prints them: big ints exact, floats in repr form, NaN/Infinity', () => {
  const expected: [string, string, boolean][] = [
    ['1e16', '1e+16', true], ['1.5e-5', '1.5e-05', true], ['0.0001', '0.0001', true], ['100.0', '100.0', true],
    ['1e400', 'inf', true], ['-0.0', '-0.0', false], ['123456789012345678901234567890', '123456789012345678901234567890', true],
    ['-0', '0', false], ['0.1', '0.1', true], ['1e-7', '1e-07', true], ['12345678901234567.0', '1.2345678901234568e+16', true],
    ['9999999999999998.0', '9999999999999998.0', true], ['2.5e+20', '2.5e+20', true], ['1E5', '100000.0', true],
    ['-1.25e-10', '-1.25e-10', true], ['5e-324', '5e-324', true], ['1.7976931348623157e308', '1.7976931348623157e+308', true],
    ['0e0', '0.0', false], ['NaN', 'nan', true], ['Infinity', 'inf', true], ['-Infinity', '-inf', true], ['0', '0', false],
  ];
  for (const [src, s, b] of expected) {
    const v = readPyValue(src)!;
    assert.equal(pyStr(v), s, src);
    assert.equal(truthy(v), b, `bool(${src})`);
  }
  assert.equal(pyType(readPyValue('1')!), 'int');
  assert.equal(pyType(readPyValue('1.0')!), 'float');
  assert.equal(pyType(readPyValue('NaN')!), 'float');
  assert.equal(floatRepr(1e22), '1e+22');
});

test('str() of containers is their Python repr; strings keep their decoded escapes', () => {
  assert.equal(str('{"a": [1, "x\'", null, true, {"b": "q\\n\\u0001"}]}'), `{'a': [1, "x'", None, True, {'b': 'q\\n\\x01'}]}`);
  const s = readPyValue(' "\\u00e9\\"\\/" ');
  assert.ok(s);
  assert.deepEqual(project(s), { type: 'string', start: 1, end: 13, value: 'é"/' });
});

test('duplicate keys: Python keeps the last value at the first key\'s place', () => {
  const d = readPyValue('{"a": 1, "b": 2, "a": {"c": 3}}') as PyDict;
  assert.deepEqual(keysOf(d).map((k) => k.name), ['a', 'b']);
  assert.deepEqual(plain(d), { a: { c: 3 }, b: 2 });
  // The key's span is its last occurrence (where the value Python keeps is written).
  assert.deepEqual([keyOf(d, 'a')!.start, keyOf(d, 'a')!.end], [17, 20]);
  // Big dicts are indexed; duplicates still collapse.
  const many = `{${Array.from({ length: 40 }, (_, i) => `"k${i % 20}": ${i}`).join(', ')}}`;
  const big = readPyValue(many) as PyDict;
  assert.equal(dictSize(big), 20);
  assert.equal((getValue(big, 'k3') as { value: number }).value, 23);
  assert.equal(nameAt(big, 3), 'k3');
  assert.equal(keysOf(big)[3].name, 'k3');
});

test('truthiness, int(x, 16) and strict booleans as Nova applies them', () => {
  const t = (s: string) => truthy(readPyValue(s)!);
  assert.deepEqual(['""', '" "', '[]', '[0]', '{}', '{"a": null}', 'null', 'false', 'true'].map(t), [false, true, false, true, false, true, false, false, true]);
  assert.equal(truthy(undefined), false);
  assert.equal(hexInt(readPyValue('" 0x80_86 "')!), 0x8086n);
  assert.equal(hexInt(readPyValue('"80*"')!), undefined);
  assert.equal(hexInt(readPyValue('8086')!), undefined); // int(8086, 16) is a TypeError
  const b = (s: string) => strictBoolOf(readPyValue(s)!);
  assert.deepEqual(['true', '"Yes"', '1', '0', '1.0', 'null', '"maybe"', '" off "'].map(b), [true, true, true, false, undefined, undefined, undefined, false]);
});

test('a dict entry answers for its value without an object: kind, str, truthiness and strict bool agree with the value', () => {
  // A str, bool or None value lives in its dict entry (no PyValue); the entry helpers the rules use must say what the
  // value made on demand says, for every kind of value.
  const values = ['""', '" "', '"x"', '"Yes"', '" off "', '"maybe"', '"é\\n"', 'true', 'false', 'null', '0', '1', '1.0', '-0', 'NaN', '[]', '[0]', '{}', '{"a": null}'];
  const d = readPyValue(`{${values.map((v, i) => `"k${i}": ${v}`).join(', ')}}`) as PyDict;
  assert.equal(dictSize(d), values.length);
  let i = 0;
  for (const k of keysOf(d)) {
    const v = valueOf(k);
    // The dict's slots answer the same without making the entry object (what the device_spec rule reads).
    assert.equal(nameAt(d, i), k.name);
    assert.equal(valAt(d, i), k.val);
    assert.equal(valStr(valAt(d, i)), keyStr(k));
    assert.equal(valTruthy(valAt(d, i)), truthy(v));
    assert.equal(valStrictBool(valAt(d, i)), strictBoolOf(v));
    i++;
    const src = values[Number(k.name.slice(1))];
    assert.deepEqual([k.vs, k.ve], [v.start, v.end], src);
    assert.equal(keyKind(k), v.type, src);
    assert.equal(keyStr(k), v.type === 'string' ? v.value : undefined, src);
    assert.equal(keyTruthy(k), truthy(v), src);
    assert.equal(keyStrictBool(k), strictBoolOf(v), src);
    if (v.type === 'string' || v.type === 'boolean' || v.type === 'null') assert.equal(k.val, v.value, src);
    else assert.equal(k.val, v, `${src}: other values are their object`);
  }
  assert.equal(keyTruthy(undefined), false);
});

test('invalid JSON has no model; deep nesting past Python\'s limit is refused like the tolerant parser does', () => {
  for (const s of ["{'a': 1}", '{"a": 1,}', '{"a": True}', '[1] [2]', '', '  ', '{"a": "x\ty"}', 'NaN1', '-NaN', '"\\x41"']) {
    assert.equal(readPyValue(s), undefined, s);
    assert.ok(parsePythonJson(s).errors.length > 0, s);
  }
  assert.equal(readPyValue('['.repeat(950) + ']'.repeat(950)), undefined);
  assert.ok(readPyValue('['.repeat(500) + ']'.repeat(500)));
});

test('a dict key is read as itself after keys that start with the same characters (escaped, longer, shorter)', () => {
  const keys = (s: string) => {
    const v = readPyValue(s);
    return v?.type === 'object' ? keysOf(v).map((k) => [k.name, k.start, k.end]) : v;
  };
  // The reader remembers the last key per first two characters: each of these must still be read from its source.
  assert.deepEqual(keys('{"vendor_id": 1}'), [['vendor_id', 1, 12]]);
  assert.deepEqual(keys('{"vendor_idx": 1, "vendor_i": 2, "vendor_id": 3}'), [['vendor_idx', 1, 13], ['vendor_i', 18, 28], ['vendor_id', 33, 44]]);
  assert.deepEqual(keys('{"ve\\u006edor_id": 1, "vendor_id\\n": 2}'), [['vendor_id', 1, 17], ['vendor_id\n', 22, 35]]);
  // A raw tab inside a key that starts like a remembered one: Python refuses it.
  assert.equal(readPyValue('{"vendor_id\t": 1}'), undefined);
  assert.equal(readPyValue('{"vendor_id'), undefined);
  assert.equal(readPyValue('{"vendor_id"'), undefined);
  // A key with an escaped quote is not remembered: the same characters unescaped end the string early.
  assert.deepEqual(keys('{"ab\\"c": 1}'), [['ab"c', 1, 8]]);
  assert.equal(readPyValue('{"ab"c": 1}'), undefined);
  assert.deepEqual(keys('{"ab": 1}'), [['ab', 1, 5]]);
  // In place over several lines, and at the very end of a value read in place.
  const doc = '{"ab": 1,\n "abc": {"ab": 2}}';
  assert.deepEqual(plain(readPyValue(doc, [0, 9, 10, doc.length])!), { ab: 1, abc: { ab: 2 } });
});
