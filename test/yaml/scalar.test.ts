/** Every character of a YAML scalar's value maps back to the exact place it was written, in every style. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isMap, isScalar, Scalar } from 'yaml';
import { encodeForStyle, mapScalar } from '../../server/src/service/sources/yaml/scalar';

function scalarAt(src: string, key = 'v'): Scalar {
  const doc = parseDocument(src);
  assert.ok(isMap(doc.contents));
  const node = doc.contents.get(key, true);
  assert.ok(isScalar(node));
  return node;
}

/** The source text each value character came from must be that character (for unescaped characters). */
function assertExact(src: string, expect: string, key = 'v'): number[] {
  const m = mapScalar(src, scalarAt(src, key));
  assert.ok(m?.offsets, `mapped ${JSON.stringify(src)}`);
  assert.equal(m.value, expect);
  return m.offsets;
}

test('plain, single- and double-quoted scalars map each character to its source', () => {
  const plain = 'v: abc def\n';
  const o = assertExact(plain, 'abc def');
  assert.equal(plain[o[4]], 'd');
  const single = "v: 'it''s x'\n";
  const s = assertExact(single, "it's x");
  assert.equal(single.slice(s[2], s[3]), "''"); // the escaped quote comes from two source characters
  assert.equal(single[s[5]], 'x');
});

test('a position after an escape in a double-quoted scalar lands on the right source character', () => {
  const src = 'v: "a\\"b\\\\c\\u00e9d\\x41 \\tq"\n';
  const o = assertExact(src, 'a"b\\c\u00e9dA \tq');
  const value = 'a"b\\c\u00e9dA \tq';
  assert.equal(src[o[value.indexOf('d')]], 'd');
  assert.equal(src[o[value.indexOf('q')]], 'q');
  assert.equal(src.slice(o[value.indexOf('\u00e9')], o[value.indexOf('\u00e9') + 1]), '\\u00e9');
});

test('folded lines in flow scalars: a lone break is a space, an empty line a newline, an escaped break nothing', () => {
  const src = 'v: "one\n  two\n\n  three\\\n  four"\n';
  const o = assertExact(src, 'one two\nthreefour');
  assert.equal(src[o['one two\nthreefour'.indexOf('f')]], 'f');
  const plain = 'v: one\n  two\n';
  assertExact(plain, 'one two');
});

test('block literal and folded scalars with indentation indicators and chomping', () => {
  const lit = 'v: |\n  [pci]\n  alias = {"a": 1}\n';
  const o = assertExact(lit, '[pci]\nalias = {"a": 1}\n');
  assert.equal(lit[o[6]], 'a');
  assertExact('v: |-\n    x\n     y\n\n', 'x\n y');
  assertExact('v: |+\n  x\n\n', 'x\n\n');
  assertExact('v: |2\n    x\n   y\n', '  x\n y\n');
  const folded = 'v: >\n  one\n  two\n\n  three\n    more\n  end\n';
  const f = assertExact(folded, 'one two\nthree\n  more\nend\n');
  assert.equal(folded[f['one two\nthree\n  more\nend\n'.indexOf('t', 4)]], 't');
  assertExact('v: >-\n    a\n    b\n', 'a b');
  assertExact('v: |2-\n   a\n  b\n', ' a\nb');
});

test('a scalar the decoder cannot follow maps to its whole range instead of a wrong place', () => {
  const src = 'v: !!binary aGVsbG8=\n';
  const m = mapScalar(src, scalarAt(src));
  assert.ok(m);
  assert.ok(m.end > m.start);
});

test('text is re-encoded for the scalar style, or refused', () => {
  const lit = mapScalar('v: |\n    a\n', scalarAt('v: |\n    a\n'))!;
  assert.equal(encodeForStyle('x\ny', lit), 'x\n    y');
  const dq = mapScalar('v: "a"\n', scalarAt('v: "a"\n'))!;
  assert.equal(encodeForStyle('say "hi"\\\n', dq), 'say \\"hi\\"\\\\\\n');
  const sq = mapScalar("v: 'a'\n", scalarAt("v: 'a'\n"))!;
  assert.equal(encodeForStyle("it's", sq), "it''s");
  assert.equal(encodeForStyle('a\nb', sq), undefined);
  const plain = mapScalar('v: a\n', scalarAt('v: a\n'))!;
  assert.equal(encodeForStyle('a\nb', plain), undefined);
});
